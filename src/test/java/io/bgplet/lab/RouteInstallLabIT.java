package io.bgplet.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bgplet.interop.support.Daemon;
import io.bgplet.interop.support.Exec;
import io.bgplet.interop.support.FrrPeer;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.Netns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 6's proof: the reference lab with a "pod" namespace behind every node and no route
 * between the nodes' pod networks except what bgplet installs. The lab's Cilium YAML gets two
 * bgplet annotations on its CiliumBGPPeerConfig ({@code bgplet.io/install-routes: "true"},
 * {@code bgplet.io/allow-own-as: "1"}, since every node is AS 65001 and the router sends
 * each the others' PodCIDRs with AS path 65000 65001) and a graceful restart time of 120 s
 * instead of 15 s, so that an agent restart on this loaded machine (JVM start-up alone can
 * take 20-40 s) stays inside it.
 *
 * <p>Then: pods talk across nodes over TCP; a withdrawn PodCIDR leaves the other nodes'
 * tables; a held TCP connection survives an agent restart with graceful restart; and
 * routes of another protocol (one for a destination bgplet learns too) are never touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RouteInstallLabIT {
    static final int ECHO_PORT = 7070;
    static final String BGPLET_PROTOCOL = "181";
    static final Duration CONVERGE = Duration.ofSeconds(60);
    /** A hand-made route of another protocol for a prefix bgplet learns (the router's network). */
    static final String FOREIGN_SAME = SeedLab.ROUTER_NETWORK;
    /** And one bgplet knows nothing about. */
    static final String FOREIGN_OTHER = "198.18.200.0/24";
    static final ObjectMapper JSON = new ObjectMapper();

    private SeedLab lab;
    private final List<BgpletProcess> agents = new ArrayList<>();
    private final List<Daemon> echoServers = new ArrayList<>();
    private Path manifests;
    private Path logDir;
    private Path script;

    @BeforeAll
    void startLab() throws IOException {
        Interop.requireRootAndTools("frr");
        BgpletProcess.jar();
        logDir = Interop.logDir("RouteInstallLabIT");
        try (Stream<Path> old = Files.list(logDir)) {
            for (Path p : old.filter(Files::isRegularFile).toList()) Files.delete(p);
        }
        manifests = Files.createTempDirectory("bgpl-" + Interop.runId() + "-install-");
        Files.copy(Path.of("examples", "seed-lab", "nodes.yaml"), manifests.resolve("nodes.yaml"));
        Files.writeString(manifests.resolve("cilium-bgp.yaml"), withInstallRoutes(Files.readString(Path.of("examples", "seed-lab", "cilium-bgp.yaml"))));
        script = Files.createTempFile("bgpl-" + Interop.runId() + "-echo-", ".py");
        Files.writeString(script, resource("echo.py"));

        lab = SeedLab.start(logDir, true);
        SeedLab.Node ctr = SeedLab.NODES.getFirst();
        // Before the agents start: a static route for the router's network at bgplet's metric
        // (the kernel would let a REPLACE take it over) and one for an unrelated prefix.
        lab.ns(ctr).exec("ip", "route", "add", FOREIGN_SAME, "via", SeedLab.ROUTER_ID, "proto", "static", "metric", "20");
        lab.ns(ctr).exec("ip", "route", "add", FOREIGN_OTHER, "via", SeedLab.ROUTER_ID, "proto", "static", "metric", "20");
        for (SeedLab.Node n : SeedLab.NODES) {
            echoServers.add(lab.pod(n).start("echo-" + n.name(), List.of(Interop.SYSTEM_PYTHON, script.toString(), "server",
                    Integer.toString(ECHO_PORT)), logDir.resolve("echo-" + n.name() + ".log")));
        }
        for (SeedLab.Node n : SeedLab.NODES) agents.add(BgpletProcess.start(lab.ns(n), n.name(), manifests, logDir));
    }

    @AfterAll
    void stopLab() throws IOException {
        for (BgpletProcess a : agents) {
            try {
                a.close();
            } catch (RuntimeException e) {
                System.err.println("stopping " + a.daemon() + ": " + e);
            }
        }
        for (Daemon d : echoServers) d.stop();
        if (lab != null) lab.close();
        if (script != null) Files.deleteIfExists(script);
        if (manifests != null) {
            try (Stream<Path> files = Files.list(manifests)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(manifests);
        }
    }

    /** The lab's YAML plus bgplet's two annotations and a longer restart time. */
    static String withInstallRoutes(String yaml) {
        String header = "kind: CiliumBGPPeerConfig\nmetadata:\n  name: cilium-peer\n";
        assertThat(yaml).contains(header).contains("restartTimeSeconds: 15");
        return yaml.replace(header, header + "  annotations:\n    bgplet.io/install-routes: \"true\"\n    bgplet.io/allow-own-as: \"1\"\n")
                .replace("restartTimeSeconds: 15", "restartTimeSeconds: 120");
    }

    @Test
    @Order(1)
    void everyNodeInstallsTheOtherNodesPodCidrsWithBgpletsProtocol() {
        FrrPeer router = lab.router();
        await("three sessions Established").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .failFast("an agent died", () -> agents.stream().anyMatch(a -> !a.daemon().isAlive()))
                .untilAsserted(() -> {
                    for (SeedLab.Node n : SeedLab.NODES) assertThat(router.neighborState(n.address())).as(n.name()).isEqualTo("Established");
                });
        for (SeedLab.Node n : SeedLab.NODES) {
            await(n.name() + " installs the other PodCIDRs").atMost(CONVERGE).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> {
                        Map<String, JsonNode> ours = bgpletRoutes(lab.ns(n));
                        for (SeedLab.Node other : SeedLab.NODES) {
                            if (other == n) assertThat(ours).as("%s never installs its own PodCIDR", n.name()).doesNotContainKey(other.podCidr());
                            else assertThat(ours).as("%s: route to %s", n.name(), other.name()).containsKey(other.podCidr());
                        }
                    });
        }
        // k8s-w0's next hop for the others (the router's LAN A address) is not on its network:
        // the route goes through the gateway that reaches it (recursive resolution).
        SeedLab.Node w0 = SeedLab.NODES.get(2);
        for (JsonNode r : bgpletRoutes(lab.ns(w0)).values()) assertThat(r.path("gateway").asText()).isEqualTo("203.0.113.200");
        // k8s-ctr reaches k8s-w1's pods straight across LAN A.
        SeedLab.Node ctr = SeedLab.NODES.getFirst();
        SeedLab.Node w1 = SeedLab.NODES.get(1);
        assertThat(bgpletRoutes(lab.ns(ctr)).get(w1.podCidr()).path("gateway").asText()).isIn(w1.address(), SeedLab.ROUTER_ID);
        assertThat(bgpletRoutes(lab.ns(w1)).get(SeedLab.ROUTER_NETWORK)).as("the router's network on k8s-w1").isNotNull();
        for (BgpletProcess a : agents) {
            await("installed-routes metric").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(a.get("/q/metrics")).contains("bgplet_fib_routes_installed{vrouter=\"65001\"}"));
        }
    }

    @Test
    @Order(2)
    void podsTalkAcrossNodesOverTcpWithNoStaticRoutes() {
        for (SeedLab.Node from : SeedLab.NODES) {
            for (SeedLab.Node to : SeedLab.NODES) {
                if (from == to) continue;
                Exec r = echoOnce(from, to);
                assertThat(r.ok()).as("TCP from the pod behind %s to the pod behind %s: %s %s", from.name(), to.name(), r.stdout(), r.stderr())
                        .isTrue();
            }
        }
    }

    @Test
    @Order(3)
    void aWithdrawnPodCidrLeavesEveryOtherNodesTable() throws IOException {
        SeedLab.Node w1 = SeedLab.NODES.get(1);
        Path nodes = manifests.resolve("nodes.yaml");
        String original = Files.readString(nodes);
        String cidrLines = "  podCIDR: " + w1.podCidr() + "\n  podCIDRs: [" + w1.podCidr() + "]\n";
        assertThat(original).contains(cidrLines);
        Files.writeString(nodes, original.replace(cidrLines, ""));
        try {
            for (SeedLab.Node n : SeedLab.NODES) {
                if (n == w1) continue;
                await(w1.podCidr() + " removed on " + n.name()).atMost(CONVERGE).pollInterval(Duration.ofMillis(250))
                        .untilAsserted(() -> assertThat(bgpletRoutes(lab.ns(n))).doesNotContainKey(w1.podCidr()));
            }
            assertThat(echoOnce(SeedLab.NODES.getFirst(), w1).ok()).as("no way to k8s-w1's pods without its route").isFalse();
        } finally {
            Files.writeString(nodes, original);
        }
        for (SeedLab.Node n : SeedLab.NODES) {
            if (n == w1) continue;
            await(w1.podCidr() + " back on " + n.name()).atMost(CONVERGE).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(bgpletRoutes(lab.ns(n))).containsKey(w1.podCidr()));
        }
        assertThat(echoOnce(SeedLab.NODES.getFirst(), w1).ok()).isTrue();
    }

    @Test
    @Order(4)
    void aHeldConnectionThroughANodeSurvivesItsAgentsGracefulRestart() throws IOException {
        SeedLab.Node ctr = SeedLab.NODES.getFirst();
        SeedLab.Node w1 = SeedLab.NODES.get(1);
        Map<String, JsonNode> w1Before = bgpletRoutes(lab.ns(w1));
        Path stop = Files.createTempFile("bgpl-" + Interop.runId() + "-hold-", ".stop");
        Files.delete(stop);
        Daemon hold = lab.pod(ctr).start("hold-" + w1.name(), List.of(Interop.SYSTEM_PYTHON, script.toString(), "hold", w1.podAddress(),
                Integer.toString(ECHO_PORT), stop.toString()), logDir.resolve("hold.log"));
        try {
            await("the held connection is up").atMost(Duration.ofSeconds(10)).until(() -> hold.logText().contains("connected"));
            Thread.sleep(1000);
            agents.get(1).close();
            assertThat(agents.get(1).daemon().isAlive()).isFalse();
            // While k8s-w1's agent is down: its kernel keeps the routes it made, and the other
            // nodes keep the route to its pods (the router holds it as stale, RFC 4724).
            Thread.sleep(3000);
            assertThat(bgpletRoutes(lab.ns(w1)).keySet()).as("k8s-w1's table with its agent down").isEqualTo(w1Before.keySet());
            assertThat(bgpletRoutes(lab.ns(ctr))).containsKey(w1.podCidr());
            assertThat(lab.router().paths(w1.podCidr())).singleElement().satisfies(r -> assertThat(r.stale()).isTrue());
            assertThat(hold.isAlive()).as("held connection during the restart: %s", hold.logText()).isTrue();

            agents.set(1, BgpletProcess.start(lab.ns(w1), w1.name(), manifests, Files.createDirectories(logDir.resolve("restarted"))));
            await("k8s-w1 back and its route fresh").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .failFast("the restarted agent died", () -> !agents.get(1).daemon().isAlive())
                    .untilAsserted(() -> assertThat(lab.router().paths(w1.podCidr())).singleElement()
                            .satisfies(r -> assertThat(r.stale()).isFalse()));
            // The restarted agent found its routes, replaced them in place, and swept nothing
            // once the router's End-of-RIB came (every destination came back).
            await("the restarted agent settles its kernel routes").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                    .until(() -> agents.get(1).daemon().logText().contains("kernel routes settled"));
            String log = agents.get(1).daemon().logText();
            assertThat(log).contains("routes of a previous run found in table 254")
                    .contains("every installing peer sent End-of-RIB")
                    .contains("0 left over from before removed");
            assertThat(bgpletRoutes(lab.ns(w1)).keySet()).isEqualTo(w1Before.keySet());
            Thread.sleep(1000);
            Files.createFile(stop);
            await("the held connection ends").atMost(Duration.ofSeconds(10)).until(() -> !hold.isAlive());
            assertThat(hold.logText()).as("held connection").contains("RESULT").contains("failed=0");
            assertThat(echoOnce(SeedLab.NODES.get(2), w1).ok()).as("a new connection k8s-w0 -> k8s-w1").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            hold.stop();
            Files.deleteIfExists(stop);
        }
    }

    @Test
    @Order(5)
    void anOnDemandResyncPutsBackADeletedRouteAndRemovesAStrayOne() throws IOException {
        SeedLab.Node ctr = SeedLab.NODES.getFirst();
        SeedLab.Node w1 = SeedLab.NODES.get(1);
        Netns ns = lab.ns(ctr);
        JsonNode before = bgpletRoutes(ns).get(w1.podCidr());
        ns.exec("ip", "route", "del", w1.podCidr(), "proto", BGPLET_PROTOCOL);
        ns.exec("ip", "route", "add", "198.18.201.0/24", "via", SeedLab.ROUTER_ID, "proto", BGPLET_PROTOCOL, "metric", "20");
        assertThat(bgpletRoutes(ns)).doesNotContainKey(w1.podCidr()).containsKey("198.18.201.0/24");

        JsonNode reports = json(agents.getFirst().post("/bgplet/fib/resync"));
        assertThat(reports).as("resync answer").hasSize(1);
        JsonNode r = reports.get(0);
        assertThat(r.path("instance").asText()).isEqualTo("instance-65001");
        assertThat(r.path("added").asInt()).isEqualTo(1);
        assertThat(r.path("removed").asInt()).isEqualTo(1);
        // The one error: the router's network, where k8s-ctr's static route is in the way.
        assertThat(r.path("errors")).singleElement().satisfies(e -> assertThat(e.asText()).contains(SeedLab.ROUTER_NETWORK).contains("EEXIST"));
        Map<String, JsonNode> after = bgpletRoutes(ns);
        assertThat(after).containsKey(w1.podCidr()).doesNotContainKey("198.18.201.0/24");
        assertThat(after.get(w1.podCidr()).path("gateway").asText()).isEqualTo(before.path("gateway").asText());
        assertThat(echoOnce(ctr, w1).ok()).isTrue();
    }

    @Test
    @Order(6)
    void routesOfAnotherProtocolAreNeverTouched() {
        Netns ctr = lab.ns(SeedLab.NODES.getFirst());
        for (String prefix : List.of(FOREIGN_SAME, FOREIGN_OTHER)) {
            List<JsonNode> routes = routes(ctr, prefix);
            assertThat(routes).as(prefix).singleElement().satisfies(r -> {
                assertThat(r.path("protocol").asText()).isEqualTo("static");
                assertThat(r.path("gateway").asText()).isEqualTo(SeedLab.ROUTER_ID);
            });
        }
        // k8s-w1 has no route of its own for the router's network in the way, so bgplet's is there.
        assertThat(bgpletRoutes(lab.ns(SeedLab.NODES.get(1)))).containsKey(FOREIGN_SAME);
    }

    private Exec echoOnce(SeedLab.Node from, SeedLab.Node to) {
        return lab.pod(from).run("timeout", "8", Interop.SYSTEM_PYTHON, script.toString(), "once", to.podAddress(), Integer.toString(ECHO_PORT));
    }

    /** bgplet's routes in the node's main table, by destination. */
    static Map<String, JsonNode> bgpletRoutes(Netns ns) {
        Map<String, JsonNode> out = new TreeMap<>();
        for (JsonNode r : json(ns.exec("ip", "-j", "route", "show", "table", "main", "proto", BGPLET_PROTOCOL))) {
            out.put(r.path("dst").asText(), r);
        }
        return out;
    }

    /** Every route for exactly this destination in the main table, any protocol. */
    static List<JsonNode> routes(Netns ns, String prefix) {
        List<JsonNode> out = new ArrayList<>();
        json(ns.exec("ip", "-j", "route", "show", "table", "main", "exact", prefix)).forEach(out::add);
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text.isBlank() ? "[]" : text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RouteInstallLabIT.class.getResourceAsStream("/lab/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource lab/" + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
