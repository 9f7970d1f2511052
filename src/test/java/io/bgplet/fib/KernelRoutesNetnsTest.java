package io.bgplet.fib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.Link;
import io.bgplet.interop.support.Netns;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * KernelRoutes against a real kernel, in a namespace this test creates ("node", with a veth
 * to "peer" whose addresses are the gateways). The netlink socket is opened inside the node
 * namespace by setns on a helper thread; the root namespace's tables are never touched.
 * Each test uses its own table; results are read back with {@code ip -j route}.
 */
class KernelRoutesNetnsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Netns node;
    private static Netns peer;
    private static Link link;
    private static KernelRoutes kernel;
    private static final FibMetrics METRICS = new FibMetrics();

    @BeforeAll
    static void setUp() throws Exception {
        Interop.requireRootAndTools("ip");
        node = Netns.create("fibnode");
        peer = Netns.create("fibpeer");
        link = Link.veth(node, Link.ifname("fn"), peer, Link.ifname("fp"));
        link.a().address("192.0.2.1/24").address("2001:db8:1::1/64");
        link.b().address("192.0.2.2/24").address("192.0.2.3/24").address("2001:db8:1::2/64").address("2001:db8:1::3/64");
        kernel = new KernelRoutes(Netlink.openIn(Path.of("/var/run/netns", node.name())), METRICS);
    }

    @AfterAll
    static void tearDown() {
        if (kernel != null) kernel.close();
        if (link != null) link.close();
        if (peer != null) peer.close();
        if (node != null) node.close();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    /** {@code ip -j route show table T} (both families) inside the node namespace, by destination. */
    private static Map<String, JsonNode> routes(int table) throws Exception {
        Map<String, JsonNode> out = new TreeMap<>();
        for (String family : List.of("-4", "-6")) {
            var shown = node.run("ip", family, "-j", "route", "show", "table", Integer.toString(table));
            if (!shown.ok() && shown.stderr().contains("table does not exist")) continue;
            String text = shown.stdout();
            if (!shown.ok()) throw new IllegalStateException("ip route show failed: " + shown.stderr());
            for (JsonNode r : JSON.readTree(text.isBlank() ? "[]" : text)) out.put(r.get("dst").asText(), r);
        }
        return out;
    }

    private static List<String> gateways(JsonNode route) {
        List<String> out = new ArrayList<>();
        if (route.has("nexthops")) route.get("nexthops").forEach(h -> out.add(h.get("gateway").asText()));
        else out.add(route.get("gateway").asText());
        out.sort(null);
        return out;
    }

    @Test
    void installReplaceAndRemoveIpv4() throws Exception {
        Prefix p = Prefix.parse("198.51.100.0/24");
        kernel.install(p, List.of(NextHop.via(ip("192.0.2.2"))), 100, 20);
        JsonNode r = routes(100).get("198.51.100.0/24");
        assertThat(r).isNotNull();
        assertThat(r.get("gateway").asText()).isEqualTo("192.0.2.2");
        assertThat(r.get("protocol").asText()).isIn("181", "bgplet");
        assertThat(r.get("metric").asInt()).isEqualTo(20);

        kernel.install(p, List.of(NextHop.via(ip("192.0.2.3"))), 100, 20);
        assertThat(routes(100)).hasSize(1);
        assertThat(routes(100).get("198.51.100.0/24").get("gateway").asText()).isEqualTo("192.0.2.3");
        assertThat(kernel.list(100)).singleElement().satisfies(k -> {
            assertThat(k.prefix()).isEqualTo(p);
            assertThat(k.nextHops()).singleElement().extracting(NextHop::gateway).isEqualTo(ip("192.0.2.3"));
            assertThat(k.nextHops().getFirst().ifindex()).isPositive();
        });

        assertThat(kernel.remove(p, 100, 20)).isTrue();
        assertThat(routes(100)).isEmpty();
        assertThat(kernel.remove(p, 100, 20)).isFalse();
    }

    @Test
    void installReplaceAndRemoveIpv6InATableAbove255() throws Exception {
        Prefix p = Prefix.parse("2001:db8:100::/48");
        kernel.install(p, List.of(NextHop.via(ip("2001:db8:1::2"))), 1000, 20);
        JsonNode r = routes(1000).get("2001:db8:100::/48");
        assertThat(r.get("gateway").asText()).isEqualTo("2001:db8:1::2");
        assertThat(r.get("protocol").asText()).isIn("181", "bgplet");

        kernel.install(p, List.of(NextHop.via(ip("2001:db8:1::3"))), 1000, 20);
        assertThat(routes(1000)).hasSize(1);
        assertThat(gateways(routes(1000).get("2001:db8:100::/48"))).containsExactly("2001:db8:1::3");
        assertThat(kernel.list(1000)).extracting(KernelRoute::table).containsExactly(1000);

        assertThat(kernel.remove(p, 1000, 20)).isTrue();
        assertThat(routes(1000)).isEmpty();
    }

    @Test
    void ecmpIsOneMultipathRoute() throws Exception {
        Prefix v4 = Prefix.parse("203.0.113.0/24");
        Prefix v6 = Prefix.parse("2001:db8:200::/48");
        kernel.install(v4, List.of(NextHop.via(ip("192.0.2.2")), NextHop.via(ip("192.0.2.3"))), 101, 20);
        kernel.install(v6, List.of(NextHop.via(ip("2001:db8:1::2")), NextHop.via(ip("2001:db8:1::3"))), 101, 20);
        Map<String, JsonNode> shown = routes(101);
        assertThat(gateways(shown.get("203.0.113.0/24"))).containsExactly("192.0.2.2", "192.0.2.3");
        assertThat(gateways(shown.get("2001:db8:200::/48"))).containsExactly("2001:db8:1::2", "2001:db8:1::3");
        assertThat(kernel.list(101)).allSatisfy(k -> assertThat(k.nextHops()).hasSize(2));

        // Back to one path: the multipath route is replaced, not appended to.
        kernel.install(v4, List.of(NextHop.via(ip("192.0.2.3"))), 101, 20);
        assertThat(gateways(routes(101).get("203.0.113.0/24"))).containsExactly("192.0.2.3");
    }

    @Test
    void resyncConvergesAndNeverTouchesOtherProtocols() throws Exception {
        node.exec("ip", "route", "add", "198.51.100.0/25", "via", "192.0.2.2", "table", "102", "proto", "static");
        node.exec("ip", "route", "add", "198.51.100.128/25", "via", "192.0.2.2", "table", "102", "proto", "static", "metric", "20");
        node.exec("ip", "-6", "route", "add", "2001:db8:300::/48", "via", "2001:db8:1::2", "table", "102", "proto", "static");
        Prefix keep = Prefix.parse("203.0.113.0/25");
        Prefix change = Prefix.parse("203.0.113.128/25");
        Prefix drop = Prefix.parse("198.18.0.0/16");
        kernel.install(keep, List.of(NextHop.via(ip("192.0.2.2"))), 102, 20);
        kernel.install(change, List.of(NextHop.via(ip("192.0.2.2"))), 102, 20);
        kernel.install(drop, List.of(NextHop.via(ip("192.0.2.2"))), 102, 20);

        Map<Prefix, List<NextHop>> desired = Map.of(
                keep, List.of(NextHop.via(ip("192.0.2.2"))),
                change, List.of(NextHop.via(ip("192.0.2.2")), NextHop.via(ip("192.0.2.3"))),
                Prefix.parse("2001:db8:400::/48"), List.of(NextHop.via(ip("2001:db8:1::3"))),
                // The same destination and metric as the static route: must be refused, not replaced.
                Prefix.parse("198.51.100.128/25"), List.of(NextHop.via(ip("192.0.2.3"))));
        KernelRoutes.ResyncResult result = kernel.resync(desired, 102, 20);

        assertThat(result.added()).isEqualTo(1);
        assertThat(result.replaced()).isEqualTo(1);
        assertThat(result.removed()).isEqualTo(1);
        assertThat(result.unchanged()).isEqualTo(1);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.prefix()).isEqualTo(Prefix.parse("198.51.100.128/25"));
            assertThat(e.errno().name()).isEqualTo("EEXIST");
        });
        Map<String, JsonNode> shown = routes(102);
        assertThat(shown).containsOnlyKeys("198.51.100.0/25", "198.51.100.128/25", "2001:db8:300::/48",
                "203.0.113.0/25", "203.0.113.128/25", "2001:db8:400::/48");
        assertThat(shown.get("198.51.100.0/25").get("protocol").asText()).isEqualTo("static");
        assertThat(shown.get("198.51.100.128/25").get("protocol").asText()).isEqualTo("static");
        assertThat(shown.get("198.51.100.128/25").get("gateway").asText()).isEqualTo("192.0.2.2");
        assertThat(shown.get("2001:db8:300::/48").get("protocol").asText()).isEqualTo("static");
        assertThat(gateways(shown.get("203.0.113.128/25"))).containsExactly("192.0.2.2", "192.0.2.3");

        // Nothing desired: every bgplet route goes, every static one stays.
        KernelRoutes.ResyncResult empty = kernel.resync(Map.of(), 102, 20);
        assertThat(empty.removed()).isEqualTo(3);
        assertThat(routes(102)).containsOnlyKeys("198.51.100.0/25", "198.51.100.128/25", "2001:db8:300::/48");
        assertThat(kernel.list(102)).isEmpty();
    }

    @Test
    void resolvesNextHopsRecursivelyThroughTheKernelTable() throws Exception {
        node.exec("ip", "route", "add", "198.18.0.0/24", "via", "192.0.2.2", "proto", "static");
        node.exec("ip", "-6", "route", "add", "2001:db8:500::/48", "via", "2001:db8:1::3", "proto", "static");
        int ifindex = Integer.parseInt(node.exec("cat", "/sys/class/net/" + link.a().ifname() + "/ifindex").strip());

        assertThat(kernel.resolve(ip("192.0.2.3"))).containsExactly(NextHop.via(ip("192.0.2.3"), ifindex));
        assertThat(kernel.resolve(ip("198.18.0.9"))).containsExactly(NextHop.via(ip("192.0.2.2"), ifindex));
        assertThat(kernel.resolve(ip("2001:db8:500::9"))).containsExactly(NextHop.via(ip("2001:db8:1::3"), ifindex));
        assertThat(kernel.resolve(ip("203.0.113.77"))).isEmpty();
        assertThat(kernel.resolve(ip("192.0.2.1"))).as("a local address").isEmpty();

        // A BGP next hop behind a gateway: the route installs through the resolved gateway.
        Prefix p = Prefix.parse("198.51.100.0/24");
        kernel.install(p, kernel.resolve(ip("198.18.0.9")), 103, 20);
        assertThat(routes(103).get("198.51.100.0/24").get("gateway").asText()).isEqualTo("192.0.2.2");
    }

    @Test
    void anErrorOnOneRouteIsReportedAndTheOthersInstall() throws Exception {
        long before = METRICS.kernelErrors().getOrDefault("ENETUNREACH", 0L);
        Map<Prefix, List<NextHop>> desired = new TreeMap<>(Map.of(
                Prefix.parse("198.51.100.0/24"), List.of(NextHop.via(ip("192.0.2.2"))),
                Prefix.parse("203.0.113.0/24"), List.of(NextHop.via(ip("198.18.5.5"))), // not connected
                Prefix.parse("2001:db8:600::/48"), List.of(NextHop.via(ip("2001:db8:1::2")))));
        KernelRoutes.ResyncResult result = kernel.resync(desired, 104, 20);
        assertThat(result.added()).isEqualTo(2);
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.prefix()).isEqualTo(Prefix.parse("203.0.113.0/24"));
            assertThat(e.errno().name()).isEqualTo("ENETUNREACH");
            assertThat(e.message()).contains("ENETUNREACH");
        });
        assertThat(routes(104)).containsOnlyKeys("198.51.100.0/24", "2001:db8:600::/48");
        assertThat(METRICS.kernelErrors().get("ENETUNREACH")).isEqualTo(before + 1);

        assertThatThrownBy(() -> kernel.install(Prefix.parse("203.0.113.0/24"), List.of(NextHop.via(ip("198.18.5.5"))), 104, 20))
                .isInstanceOf(NetlinkException.class)
                .hasMessageContaining("ENETUNREACH");
    }
}
