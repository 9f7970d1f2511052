package io.bgplet.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bgplet.app.Agent;
import io.bgplet.app.Sources;
import io.bgplet.app.StatusReport;
import io.bgplet.config.Result;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Family;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole kubernetes path against fabric8's mock API server (CRUD mode, the CRDs from
 * k8s/crds installed first): the reference lab's objects in, the agent's speaker config and
 * the node's CiliumBGPNodeConfig (spec and status) out, then one change at a time. The lab's
 * router (198.51.100.200) is replaced by a bgplet speaker on loopback so the session really
 * comes up and no packet leaves the machine.
 */
@QuarkusTest
@TestProfile(KubernetesSourceTest.Profile.class)
@WithKubernetesTestServer(crud = true, setup = KubernetesSourceTest.Crds.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubernetesSourceTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final YAMLMapper YAML = new YAMLMapper();
    static final String NODE = "k8s-ctr";
    static final int PEER_PORT = freePort();
    static Speaker router;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bgplet.source", "kubernetes", "bgplet.node-name", NODE, "quarkus.http.test-port", "0",
                    "bgplet.graceful-shutdown", "false");
        }
    }

    /** Installs bgplet's CRDs before the app starts, as kustomize would. */
    public static class Crds implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            try (Stream<Path> files = Files.list(Path.of("k8s/crds"))) {
                for (Path f : files.sorted().toList()) server.getClient().resource(Files.readString(f)).create();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    Agent agent;

    @Inject
    Sources sources;

    @Inject
    StatusReport status;

    /** The lab's router, AS 65000, listening on loopback; passive, so only bgplet dials. */
    @BeforeAll
    static void startRouter() throws Exception {
        router = new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);
        NeighborConfig node = new NeighborConfig("k8s-ctr", InetAddress.getByName("127.0.0.1"), 179, 65001, null,
                new NeighborConfig.Timers(1, 9, 3), 2, NeighborConfig.GracefulRestartConfig.DISABLED,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, 0, true, NeighborConfig.ImportPolicy.ACCEPT, false, Map.of(), null);
        router.apply(new InstanceConfig("router", 65000, (Inet4Address) InetAddress.getByName("198.51.100.200"),
                InetAddress.getByName("127.0.0.1"), PEER_PORT, List.of(node))).get();
    }

    @AfterAll
    static void stopRouter() throws Exception {
        if (router != null) {
            router.stop(false).get();
            router.close();
        }
    }

    @Test
    @Order(1)
    void labObjectsConfigureTheSpeakerAndTheNodeConfig() throws Exception {
        for (Path f : List.of(Path.of("examples/seed-lab/nodes.yaml"), Path.of("examples/seed-lab/cilium-bgp.yaml"))) {
            for (ObjectNode doc : docs(Files.readString(f))) apply(toLoopback(doc));
        }
        apply(docs("""
                apiVersion: cilium.io/v2
                kind: CiliumBGPAdvertisement
                metadata:
                  name: services
                  labels: {advertise: bgp}
                spec:
                  advertisements:
                    - advertisementType: Service
                      service: {addresses: [LoadBalancerIP]}
                      selector: {matchLabels: {app: web}}
                """).getFirst());

        await().atMost(Duration.ofSeconds(20)).until(() -> prefixes().contains("198.18.0.0/24"));
        InstanceConfig ic = instance();
        assertThat(ic.localAs()).isEqualTo(65001);
        assertThat(ic.routerId().getHostAddress()).isEqualTo("198.51.100.100");
        assertThat(ic.listenPort()).isZero();
        NeighborConfig n = ic.neighbors().getFirst();
        assertThat(n.address().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(n.peerAs()).isEqualTo(65000);
        assertThat(n.port()).isEqualTo(PEER_PORT);
        assertThat(n.timers().holdTime()).isEqualTo(9);
        assertThat(n.gracefulRestart().enabled()).isTrue();
        assertThat(prefixes()).containsExactly("198.18.0.0/24");

        // The operator's half: spec copied from the ClusterConfig, owned by it with its uid.
        String ccUid = client().genericKubernetesResources("cilium.io/v2", "CiliumBGPClusterConfig").withName("cilium-bgp").get()
                .getMetadata().getUid();
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeConfig() != null);
        JsonNode nc = nodeConfig();
        JsonNode owner = nc.path("metadata").path("ownerReferences").get(0);
        assertThat(owner.path("kind").asText()).isEqualTo("CiliumBGPClusterConfig");
        assertThat(owner.path("name").asText()).isEqualTo("cilium-bgp");
        assertThat(owner.path("uid").asText()).isEqualTo(ccUid).isNotEmpty();
        assertThat(owner.path("controller").asBoolean()).isTrue();
        JsonNode inst = nc.path("spec").path("bgpInstances").get(0);
        assertThat(inst.path("name").asText()).isEqualTo("instance-65001");
        assertThat(inst.path("localASN").asLong()).isEqualTo(65001);
        assertThat(inst.path("peers").get(0).path("peerAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(inst.path("peers").get(0).path("peerConfigRef").path("name").asText()).isEqualTo("cilium-peer");

        // The agent's half: the session is up and the status says so.
        await().atMost(Duration.ofSeconds(30)).until(() -> "established".equals(peerStatus().path("peeringState").asText()));
        JsonNode peer = peerStatus();
        assertThat(peer.path("name").asText()).isEqualTo("tor-switch");
        assertThat(peer.path("peerAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(peer.path("peerASN").asLong()).isEqualTo(65000);
        assertThat(peer.path("timers").path("appliedHoldTimeSeconds").asInt()).isEqualTo(9);
        assertThat(peer.path("timers").path("appliedKeepaliveSeconds").asInt()).isEqualTo(3);
        assertThat(peer.path("establishedTime").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        await().atMost(Duration.ofSeconds(15)).until(() -> advertised("ipv4") == 1);
        JsonNode cond = condition();
        assertThat(cond.path("status").asText()).isEqualTo("False");
        assertThat(cond.path("reason").asText()).isEqualTo("BGPReconcileError");
    }

    @Test
    @Order(2)
    void loadBalancerServiceWithIngressIpIsAdvertised() {
        apply(docs("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: shop, labels: {app: web}}
                spec:
                  type: LoadBalancer
                  clusterIP: 198.18.100.10
                  externalTrafficPolicy: Cluster
                  ports: [{port: 80}]
                status:
                  loadBalancer:
                    ingress: [{ip: 203.0.113.10}]
                """).getFirst());
        await().atMost(Duration.ofSeconds(10)).until(() -> prefixes().contains("203.0.113.10/32"));
        assertThat(prefixes()).containsExactlyInAnyOrder("198.18.0.0/24", "203.0.113.10/32");
        await().atMost(Duration.ofSeconds(15)).until(() -> advertised("ipv4") == 2);
    }

    @Test
    @Order(3)
    void selectorChangeWithdrawsAndReadvertises() {
        patchLabels("Service", "shop", "web", Map.of("app", "other"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !prefixes().contains("203.0.113.10/32"));
        await().atMost(Duration.ofSeconds(15)).until(() -> advertised("ipv4") == 1);
        patchLabels("Service", "shop", "web", Map.of("app", "web"));
        await().atMost(Duration.ofSeconds(10)).until(() -> prefixes().contains("203.0.113.10/32"));
    }

    @Test
    @Order(4)
    void localTrafficPolicyFollowsTheEndpointSlice() {
        patch("v1", "Service", "shop", "web", "{\"spec\":{\"externalTrafficPolicy\":\"Local\"}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !prefixes().contains("203.0.113.10/32"));
        apply(docs("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: web-abc
                  namespace: shop
                  labels: {kubernetes.io/service-name: web}
                addressType: IPv4
                endpoints:
                  - addresses: [198.18.0.7]
                    nodeName: k8s-ctr
                    conditions: {ready: true, serving: true, terminating: false}
                ports: [{port: 80}]
                """).getFirst());
        await().atMost(Duration.ofSeconds(10)).until(() -> prefixes().contains("203.0.113.10/32"));
        // The backend moves to another node: this node stops advertising.
        jsonPatch("discovery.k8s.io/v1", "EndpointSlice", "shop", "web-abc", "/endpoints", yaml("""
                - addresses: [198.18.1.7]
                  nodeName: k8s-w1
                  conditions: {ready: true}
                """));
        await().atMost(Duration.ofSeconds(10)).until(() -> !prefixes().contains("203.0.113.10/32"));
        assertThat(prefixes()).containsExactly("198.18.0.0/24");
    }

    @Test
    @Order(5)
    void missingPeerConfigLeavesThePeerOutAndSaysSo() {
        setPeerConfigRef("no-such-peer");
        await().atMost(Duration.ofSeconds(10)).until(() -> instance() != null && instance().neighbors().isEmpty());
        assertThat(agent.lastResult().problems()).anySatisfy(p -> assertThat(p.toString()).contains("no-such-peer"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "no-such-peer".equals(
                nodeConfig().path("spec").path("bgpInstances").get(0).path("peers").get(0).path("peerConfigRef").path("name").asText()));
        await().atMost(Duration.ofSeconds(10)).until(() -> "True".equals(condition().path("status").asText()));
        assertThat(condition().path("message").asText()).contains("no-such-peer");
        await().atMost(Duration.ofSeconds(10)).until(() -> nodeConfig().path("status").path("bgpInstances").get(0).path("peers").isEmpty());

        setPeerConfigRef("cilium-peer");
        await().atMost(Duration.ofSeconds(10)).until(() -> instance().neighbors().size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "False".equals(condition().path("status").asText()));
    }

    @Test
    @Order(6)
    void badAsnInAnOverrideIsReportedAndIgnored() {
        apply(docs("""
                apiVersion: cilium.io/v2
                kind: CiliumBGPNodeConfigOverride
                metadata: {name: k8s-ctr}
                spec:
                  bgpInstances:
                    - name: instance-65001
                      localASN: 4294967296
                """).getFirst());
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.lastResult().problems().stream()
                .anyMatch(p -> p.kind().equals("CiliumBGPNodeConfigOverride") && p.path().contains("localASN")));
        assertThat(instance().localAs()).isEqualTo(65001);
        assertThat(instance().neighbors()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "True".equals(condition().path("status").asText()));
        assertThat(condition().path("message").asText()).contains("CiliumBGPNodeConfigOverride k8s-ctr").contains("localASN");
        assertThat(nodeConfig().path("spec").path("bgpInstances").get(0).path("localASN").asLong()).isEqualTo(65001);
    }

    @Test
    @Order(7)
    void statusIsNotRewrittenWhenNothingChanged() throws Exception {
        NodeConfigWriter w = status.writer();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            int before = w.statusWrites() + w.specWrites();
            Thread.sleep(NodeConfigWriter.PERIOD.toMillis() + 1500);
            return w.statusWrites() + w.specWrites() == before;
        });
    }

    @Test
    @Order(8)
    void statusReportOffClearsTheStatusAndOnWritesItAgain() {
        NodeConfigWriter w = status.writer();
        try {
            w.statusReport(false);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                JsonNode st = nodeConfig().path("status");
                assertThat(st.isMissingNode() || st.isEmpty()).as("status with the report off: %s", st).isTrue();
            });
            assertThat(nodeConfig().path("spec").path("bgpInstances")).as("the spec is still written").isNotEmpty();
        } finally {
            w.statusReport(true);
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(nodeConfig().path("status").path("bgpInstances")).isNotEmpty());
    }

    @Test
    void retriesBackOffByOnePointTwoTenTimes() {
        assertThat(NodeConfigWriter.retryDelayMillis(1)).isEqualTo(1000);
        assertThat(NodeConfigWriter.retryDelayMillis(2)).isEqualTo(1200);
        assertThat(NodeConfigWriter.retryDelayMillis(10)).isEqualTo(Math.round(1000 * Math.pow(1.2, 9)));
        assertThat(NodeConfigWriter.RETRIES).isEqualTo(10);
    }

    @Test
    @Order(99)
    void apiServerOutageKeepsTheLastGoodState() throws Exception {
        KubernetesSource source = sources.kubernetesSource();
        Result before = agent.lastResult();
        InstanceConfig applied = agent.speakers().get("instance-65001").query(v -> v.config()).get();
        int delivered = source.delivered();
        assertThat(source.ready()).isTrue();

        server.after(); // the API server goes away
        await().atMost(Duration.ofSeconds(20)).until(() -> !source.ready());
        Thread.sleep(3000);
        assertThat(agent.lastResult()).isSameAs(before);
        assertThat(source.delivered()).isEqualTo(delivered);
        assertThat(agent.speakers().get("instance-65001").query(v -> v.config()).get()).isEqualTo(applied);
        assertThat(prefixes()).contains("198.18.0.0/24");
    }

    // ---- helpers

    private KubernetesClient client() {
        return server.getClient();
    }

    private InstanceConfig instance() {
        Result r = agent.lastResult();
        return r == null || r.instances().isEmpty() ? null : r.instances().getFirst();
    }

    private List<String> prefixes() {
        InstanceConfig ic = instance();
        if (ic == null || ic.neighbors().isEmpty()) return List.of();
        return ic.neighbors().getFirst().advertisements().getOrDefault(Family.IPV4_UNICAST, List.of()).stream()
                .map(a -> a.prefix().toString()).sorted().toList();
    }

    private JsonNode nodeConfig() {
        GenericKubernetesResource r = client().genericKubernetesResources("cilium.io/v2", "CiliumBGPNodeConfig").withName(NODE).get();
        return r == null ? null : JSON.valueToTree(r);
    }

    private JsonNode peerStatus() {
        JsonNode nc = nodeConfig();
        return nc == null ? JSON.missingNode() : nc.path("status").path("bgpInstances").path(0).path("peers").path(0);
    }

    private int advertised(String afi) {
        for (JsonNode c : peerStatus().path("routeCount")) if (c.path("afi").asText().equals(afi)) return c.path("advertised").asInt();
        return -1;
    }

    private JsonNode condition() {
        JsonNode nc = nodeConfig();
        if (nc == null) return JSON.missingNode();
        for (JsonNode c : nc.path("status").path("conditions")) if (c.path("type").asText().equals("cilium.io/BGPReconcileError")) return c;
        return JSON.missingNode();
    }

    /** The lab's router at 198.51.100.200 becomes the loopback speaker; connect retry 1 s so the test does not wait 120 s. */
    private static ObjectNode toLoopback(ObjectNode doc) {
        switch (doc.path("kind").asText()) {
            case "CiliumBGPClusterConfig" -> {
                for (JsonNode i : doc.path("spec").path("bgpInstances")) {
                    for (JsonNode p : i.path("peers")) ((ObjectNode) p).put("peerAddress", "127.0.0.1");
                }
            }
            case "CiliumBGPPeerConfig" -> {
                ObjectNode spec = (ObjectNode) doc.get("spec");
                spec.putObject("transport").put("peerPort", PEER_PORT);
                ((ObjectNode) spec.get("timers")).put("connectRetryTimeSeconds", 1);
            }
            default -> { }
        }
        return doc;
    }

    private void setPeerConfigRef(String name) {
        GenericKubernetesResource cc = client().genericKubernetesResources("cilium.io/v2", "CiliumBGPClusterConfig").withName("cilium-bgp").get();
        ObjectNode doc = JSON.valueToTree(cc);
        ((ObjectNode) doc.path("spec").path("bgpInstances").get(0).path("peers").get(0).path("peerConfigRef")).put("name", name);
        jsonPatch("cilium.io/v2", "CiliumBGPClusterConfig", null, "cilium-bgp", "/spec", doc.get("spec"));
    }

    private void patchLabels(String kind, String ns, String name, Map<String, String> labels) {
        ObjectNode patch = JSON.createObjectNode();
        ObjectNode l = patch.putObject("metadata").putObject("labels");
        l.put("app", (String) null);
        labels.forEach(l::put);
        patch("v1", kind, ns, name, patch.toString());
    }

    private void patch(String apiVersion, String kind, String ns, String name, String mergePatch) {
        var op = client().genericKubernetesResources(apiVersion, kind);
        var res = ns == null ? op.withName(name) : op.inNamespace(ns).withName(name);
        res.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE), mergePatch);
    }

    /** One RFC 6902 add: the mock server merges lists on a JSON merge patch, the API server would not. */
    private void jsonPatch(String apiVersion, String kind, String ns, String name, String path, JsonNode value) {
        ArrayNode ops = JSON.createArrayNode();
        ops.addObject().put("op", "add").put("path", path).set("value", value);
        var op = client().genericKubernetesResources(apiVersion, kind);
        var res = ns == null ? op.withName(name) : op.inNamespace(ns).withName(name);
        res.patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON), ops.toString());
    }

    private void apply(ObjectNode doc) {
        client().resource(doc.toString()).createOr(NonDeletingOperation::update);
    }

    private static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<ObjectNode> docs(String yaml) {
        try {
            return YAML.readerFor(ObjectNode.class).<ObjectNode>readValues(yaml).readAll().stream().filter(d -> d != null && d.size() > 0).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
