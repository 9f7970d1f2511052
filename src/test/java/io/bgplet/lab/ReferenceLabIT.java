package io.bgplet.lab;

import io.bgplet.interop.support.Exec;
import io.bgplet.interop.support.FrrPeer;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reference lab (seed-lab.md) end to end: three packaged bgplet agents, one per node
 * namespace, read the lab's unchanged Cilium manifests from a folder and peer with an FRR
 * router configured as the lab's; FRR must show what the lab's write-up shows. Then a
 * LoadBalancer Service file is added to and removed from the folder twenty times, and the
 * time until FRR's table follows is measured (printed and written to
 * target/lab-latency.txt; reported, not asserted).
 *
 * <p>Run by failsafe in {@code mvn verify}, after the jar is packaged. Needs root and FRR;
 * skipped without them unless BGPLET_REQUIRE_INTEROP=1.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReferenceLabIT {
    static final String SERVICE_PREFIX = "198.51.100.50/32";
    static final int CHANGES = 20;
    static final Duration CONVERGE = Duration.ofSeconds(30);

    private SeedLab lab;
    private final List<BgpletProcess> agents = new ArrayList<>();
    private Path manifests;
    private Path logDir;

    @BeforeAll
    void startLab() throws IOException {
        Interop.requireRootAndTools("frr");
        BgpletProcess.jar();
        logDir = Interop.logDir("ReferenceLabIT");
        // Daemon logs append: a previous run's lines would count as this run's End-of-RIBs.
        try (Stream<Path> old = Files.list(logDir)) {
            for (Path p : old.filter(Files::isRegularFile).toList()) Files.delete(p);
        }
        manifests = Files.createTempDirectory("bgpl-" + Interop.runId() + "-manifests-");
        try (Stream<Path> lab = Files.list(Path.of("examples", "seed-lab"))) {
            for (Path p : lab.filter(p -> p.toString().endsWith(".yaml")).toList()) Files.copy(p, manifests.resolve(p.getFileName()));
        }
        Files.writeString(manifests.resolve("lb-advertisement.yaml"), resource("lb-advertisement.yaml"));
        lab = SeedLab.start(logDir);
        for (SeedLab.Node n : SeedLab.NODES) agents.add(BgpletProcess.start(lab.ns(n), n.name(), manifests, logDir));
    }

    @AfterAll
    void stopLab() throws IOException {
        // Agents first (SIGTERM, SIGKILL after 5 s), then FRR, then namespaces; each step even if one fails.
        for (BgpletProcess a : agents) {
            try {
                a.close();
            } catch (RuntimeException e) {
                System.err.println("stopping " + a.daemon() + ": " + e);
            }
        }
        if (lab != null) lab.close();
        if (manifests != null) {
            try (Stream<Path> files = Files.list(manifests)) {
                for (Path p : files.toList()) Files.deleteIfExists(p);
            }
            Files.deleteIfExists(manifests);
        }
    }

    @Test
    @Order(1)
    void everyNodeEstablishesASessionAndAdvertisesItsPodCidr() {
        FrrPeer router = lab.router();
        await("three sessions Established on the router").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .failFast("an agent died", () -> agents.stream().anyMatch(a -> !a.daemon().isAlive()))
                .untilAsserted(() -> {
                    for (SeedLab.Node n : SeedLab.NODES) assertThat(router.neighborState(n.address())).as(n.name()).isEqualTo("Established");
                });
        for (SeedLab.Node n : SeedLab.NODES) {
            await(n.podCidr() + " from " + n.name()).atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(router.paths(n.podCidr())).singleElement().satisfies(r -> {
                        assertThat(r.nextHop()).isEqualTo(n.address());
                        assertThat(r.asPath()).containsExactly(65001L);
                    }));
        }
        // The router's own network is there too, and nothing else: 3 PodCIDRs + 192.0.2.0/25.
        assertThat(router.routes("ipv4").stream().map(Route::prefix).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("198.18.0.0/24", "198.18.1.0/24", "198.18.2.0/24", SeedLab.ROUTER_NETWORK);
        for (SeedLab.Node n : SeedLab.NODES) assertThat(router.receivedPrefixes(n.address(), "ipv4")).as(n.name()).isEqualTo(1);
    }

    @Test
    @Order(2)
    void theRouterLogsOneEndOfRibPerNode() {
        FrrPeer router = lab.router();
        await("End-of-RIB from every node in the router's log").atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(endOfRibCounts(router.bgpd().logText())).containsOnlyKeys(addresses()));
        assertThat(endOfRibCounts(router.bgpd().logText())).allSatisfy((node, count) -> assertThat(count).as(node).isEqualTo(1));
    }

    @Test
    @Order(3)
    void everyNodeSendsWithTheLabsMultihopTtl() throws IOException {
        // ebgpMultihop: 2 (the lab's CiliumBGPPeerConfig) is what lets k8s-w0 peer with the
        // router's LAN A address from LAN B; the kernel decrements nothing for packets to the
        // router's own address, so the TTL seen there is the one the speaker set.
        Path script = Files.createTempFile("bgpl-" + Interop.runId() + "-ttl-", ".py");
        try {
            Files.writeString(script, resource("bgp-ttl.py"));
            // Keepalives every 3 s: 8 s of listening sees each node at least twice.
            Exec r = lab.router().ns().run(Interop.SYSTEM_PYTHON, script.toString(), SeedLab.ROUTER_ID, "8");
            assertThat(r.ok()).as("sniffer: %s", r.stderr()).isTrue();
            Map<String, Set<Integer>> ttls = new java.util.TreeMap<>();
            for (String line : r.stdout().strip().split("\n")) {
                if (line.isBlank()) continue;
                String[] f = line.split(" ");
                ttls.computeIfAbsent(f[0], k -> new java.util.TreeSet<>()).add(Integer.parseInt(f[1]));
            }
            assertThat(ttls).containsOnlyKeys(addresses()).allSatisfy((node, seen) -> assertThat(seen).as(node).containsExactly(2));
        } finally {
            Files.deleteIfExists(script);
        }
    }

    @Test
    @Order(4)
    void everyAgentIsReadyAndReportsTheSessionUnderCiliumsMetricName() {
        for (int i = 0; i < agents.size(); i++) {
            BgpletProcess a = agents.get(i);
            String node = SeedLab.NODES.get(i).name();
            await(node + " ready").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(a.get("/q/health/ready")).contains("\"status\": \"UP\"").contains(node));
            // Gauges follow state changes and a 5 s refresh.
            await(node + " session_state 1").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(a.get("/q/metrics")).containsPattern(
                            "cilium_bgp_control_plane_session_state\\{neighbor=\"198\\.51\\.100\\.200\",neighbor_asn=\"65000\",vrouter=\"65001\"} 1\\.0"));
            // Like `cilium bgp peers`: one PodCIDR advertised; what the router sent is printed (the
            // lab's table says Received 4: 192.0.2.0/25 and the three PodCIDRs, own one included).
            await(node + " advertised_routes").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(routeGauge(a.get("/q/metrics"), "advertised")).isEqualTo(1));
            System.out.printf("%-8s 65001  65000  198.51.100.200  ipv4/unicast  received %d  advertised %d%n", node,
                    routeGauge(a.get("/q/metrics"), "received"), routeGauge(a.get("/q/metrics"), "advertised"));
        }
    }

    @Test
    @Order(8)
    void theBundledCliShowsPeersAndRoutesLikeCiliumsCommands() throws IOException {
        SeedLab.Node ctr = SeedLab.NODES.getFirst();
        BgpletProcess a = agents.getFirst();
        await("k8s-ctr Established again after the restart test").atMost(CONVERGE).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(lab.router().neighborState(ctr.address())).isEqualTo("Established"));
        long t0 = System.nanoTime();
        Exec peers = a.cli(ctr.name(), "peers");
        long peersMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(peers.ok()).as("bgplet peers: %s", peers.stderr()).isTrue();
        String[] lines = peers.stdout().split("\n");
        assertThat(lines[0]).containsPattern("Node\\s+Local AS\\s+Peer AS\\s+Peer Address\\s+Session State\\s+Uptime\\s+Family\\s+Received\\s+Advertised");
        // What the router sends k8s-ctr: 192.0.2.0/25 and the three PodCIDRs (the lab's "Received 4"); it advertises its PodCIDR.
        assertThat(peers.stdout()).containsPattern("(?m)^k8s-ctr\\s+65001\\s+65000\\s+198\\.51\\.100\\.200\\s+established\\s+\\S+\\s+ipv4/unicast\\s+4\\s+1\\s*$");

        Exec advertised = a.cli(ctr.name(), "routes", "advertised", "ipv4", "unicast");
        assertThat(advertised.ok()).as("bgplet routes advertised: %s", advertised.stderr()).isTrue();
        assertThat(advertised.stdout()).containsPattern("(?m)^k8s-ctr\\s+65001\\s+198\\.51\\.100\\.200\\s+198\\.18\\.0\\.0/24\\s");
        // As the lab's `cilium bgp routes available ipv4 unicast`: only the node's own PodCIDR
        // (Cilium's import policy keeps learned routes out of the Loc-RIB).
        Exec available = a.cli(ctr.name(), "routes", "available", "ipv4", "unicast");
        assertThat(available.ok()).as("bgplet routes available: %s", available.stderr()).isTrue();
        assertThat(available.stdout()).containsPattern(
                "(?m)^k8s-ctr\\s+65001\\s+198\\.18\\.0\\.0/24\\s+0\\.0\\.0\\.0\\s+\\S+\\s+\\[\\{Origin: i} \\{Nexthop: 0\\.0\\.0\\.0}]");
        Exec json = a.cli(ctr.name(), "routes", "available", "ipv4", "unicast", "-o", "json");
        assertThat(json.ok()).as("bgplet routes available -o json: %s", json.stderr()).isTrue();
        JsonNode routes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout());
        List<String> prefixes = new ArrayList<>();
        routes.path(ctr.name()).forEach(r -> prefixes.add(r.path("prefix").asText()));
        assertThat(prefixes).containsExactly(ctr.podCidr());
        System.out.printf("bgplet peers (a new JVM each time) answered in %d ms:%n%s%n%s%n%s%n", peersMs, peers.stdout(), advertised.stdout(),
                available.stdout());
    }

    /** The value of cilium_bgp_control_plane_{received,advertised}_routes for ipv4 unicast toward the router, or -1. */
    static long routeGauge(String metrics, String which) {
        Matcher m = Pattern.compile("cilium_bgp_control_plane_" + which + "_routes\\{afi=\"ipv4\",neighbor=\"198\\.51\\.100\\.200\""
                + ",neighbor_asn=\"65000\",safi=\"unicast\",vrouter=\"65001\"} ([0-9.]+)").matcher(metrics);
        return m.find() ? (long) Double.parseDouble(m.group(1)) : -1;
    }

    @Test
    @Order(5)
    void aServiceFileAddedIsAdvertisedByEveryNodeAndRemovedIsWithdrawn() throws Exception {
        FrrPeer router = lab.router();
        Path service = manifests.resolve("web-service.yaml");
        String text = resource("web-service.yaml");
        assertThat(router.paths(SERVICE_PREFIX)).isEmpty();
        List<Long> firstPath = new ArrayList<>();
        List<Long> allPaths = new ArrayList<>();
        List<Long> withdrawn = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            long t0 = System.nanoTime();
            Files.writeString(service, text);
            long first = -1;
            List<Route> paths;
            while (true) {
                paths = router.paths(SERVICE_PREFIX);
                long now = System.nanoTime();
                if (first < 0 && !paths.isEmpty()) first = now - t0;
                if (paths.size() >= SeedLab.NODES.size()) {
                    allPaths.add(now - t0);
                    break;
                }
                assertThat(Duration.ofNanos(now - t0)).as("change %d: %s from every node", i, SERVICE_PREFIX).isLessThan(CONVERGE);
                Thread.sleep(20);
            }
            firstPath.add(first);
            // An ECMP route over the three nodes, each the next hop of its own path (maximum-paths 4, multipath-relax).
            assertThat(paths).extracting(Route::nextHop).containsExactlyInAnyOrderElementsOf(addresses());
            assertThat(paths).allSatisfy(r -> assertThat(r.asPath()).containsExactly(65001L));

            long t1 = System.nanoTime();
            Files.delete(service);
            while (!router.paths(SERVICE_PREFIX).isEmpty()) {
                assertThat(Duration.ofNanos(System.nanoTime() - t1)).as("change %d: %s withdrawn", i, SERVICE_PREFIX).isLessThan(CONVERGE);
                Thread.sleep(20);
            }
            withdrawn.add(System.nanoTime() - t1);
        }
        // The PodCIDRs were never disturbed by the Service churn.
        for (SeedLab.Node n : SeedLab.NODES) assertThat(router.paths(n.podCidr())).as(n.podCidr()).hasSize(1);
        // What one poll costs with nothing changing: the floor under the figures above.
        List<Long> poll = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            long t = System.nanoTime();
            router.paths(SERVICE_PREFIX);
            poll.add(System.nanoTime() - t);
        }
        String report = latencyReport(firstPath, allPaths, withdrawn) + line("one vtysh poll (idle)", poll);
        System.out.println(report);
        Files.writeString(Path.of("target", "lab-latency.txt"), report);
    }

    @Test
    @Order(6)
    void aServiceWhoseAddressChangesMovesItsRoute() throws Exception {
        FrrPeer router = lab.router();
        Path service = manifests.resolve("web-service.yaml");
        String text = resource("web-service.yaml");
        String moved = text.replace("ip: 198.51.100.50", "ip: 198.51.100.51");
        assertThat(moved).isNotEqualTo(text);
        Files.writeString(service, text);
        awaitPaths(router, SERVICE_PREFIX, 3);
        // The same file rewritten in place: the old address is withdrawn, the new one announced.
        Files.writeString(service, moved);
        awaitPaths(router, "198.51.100.51/32", 3);
        awaitPaths(router, SERVICE_PREFIX, 0);
        Files.delete(service);
        awaitPaths(router, "198.51.100.51/32", 0);
    }

    private static void awaitPaths(FrrPeer router, String prefix, int count) {
        await(prefix + " with " + count + " paths").atMost(CONVERGE).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> {
                    List<Route> paths = router.paths(prefix);
                    assertThat(paths).hasSize(count);
                    assertThat(paths).extracting(Route::nextHop).doesNotHaveDuplicates().allMatch(addresses()::contains);
                });
    }

    @Test
    @Order(7)
    void anAgentStoppedAndRestartedIsAGracefulRestartForTheRouter() {
        FrrPeer router = lab.router();
        SeedLab.Node w1 = SeedLab.NODES.get(1);
        BgpletProcess stopped = agents.get(1);
        // SIGTERM: the agent closes its session without a NOTIFICATION (bgplet.graceful-shutdown),
        // so the router, a graceful-restart helper (RFC 4724 4.2), keeps the PodCIDR as stale.
        stopped.close();
        assertThat(stopped.daemon().isAlive()).isFalse();
        await(w1.name() + " down on the router").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> !router.isEstablished(w1.address()));
        assertThat(router.paths(w1.podCidr())).as("within the lab's 15 s restart time").singleElement()
                .satisfies(r -> assertThat(r.stale()).isTrue());
        for (SeedLab.Node n : List.of(SeedLab.NODES.get(0), SeedLab.NODES.get(2))) {
            assertThat(router.paths(n.podCidr())).singleElement().satisfies(r -> assertThat(r.stale()).isFalse());
        }

        agents.set(1, BgpletProcess.start(lab.ns(w1), w1.name(), manifests, logDir));
        await(w1.name() + " back").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .failFast("the restarted agent died", () -> !agents.get(1).daemon().isAlive())
                .until(() -> router.isEstablished(w1.address()));
        await(w1.podCidr() + " fresh again").atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(router.paths(w1.podCidr())).singleElement().satisfies(r -> {
                    assertThat(r.stale()).isFalse();
                    assertThat(r.nextHop()).isEqualTo(w1.address());
                    assertThat(r.asPath()).containsExactly(65001L);
                }));
        // The restarted speaker ends its initial update with End-of-RIB again (RFC 4724 4.1).
        await("second End-of-RIB from " + w1.name()).atMost(CONVERGE).pollInterval(Duration.ofMillis(200))
                .until(() -> endOfRibCounts(router.bgpd().logText()).getOrDefault(w1.address(), 0L) == 2L);
    }

    private static Set<String> addresses() {
        return SeedLab.NODES.stream().map(SeedLab.Node::address).collect(Collectors.toSet());
    }

    /** Node address -> how many "rcvd End-of-RIB for IPv4 Unicast from" lines name it. */
    static Map<String, Long> endOfRibCounts(String log) {
        Matcher m = Pattern.compile("rcvd End-of-RIB for IPv4 Unicast from (\\S+)").matcher(log);
        List<String> from = new ArrayList<>();
        while (m.find()) from.add(m.group(1));
        return from.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
    }

    static String latencyReport(List<Long> firstPath, List<Long> allPaths, List<Long> withdrawn) {
        StringBuilder b = new StringBuilder("ReferenceLabIT: file change -> FRR table, ")
                .append(firstPath.size()).append(" changes each way, polled with vtysh every ~20 ms (one vtysh call costs 0.1-0.4 s)\n");
        b.append(line("add: first node's path", firstPath));
        b.append(line("add: all three paths", allPaths));
        b.append(line("remove: withdrawn everywhere", withdrawn));
        return b.toString();
    }

    private static String line(String what, List<Long> nanos) {
        List<Long> ms = nanos.stream().map(n -> n / 1_000_000).sorted().toList();
        long p50 = ms.get((ms.size() + 1) / 2 - 1); // nearest rank
        return String.format("%-30s p50 %5d ms  max %5d ms  all %s%n", what, p50, ms.getLast(), ms);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReferenceLabIT.class.getResourceAsStream("/lab/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource lab/" + name);
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
