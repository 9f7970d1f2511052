package io.bgplet.fib;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.Link;
import io.bgplet.interop.support.Netns;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Recursive next hops end to end in a namespace: BGP next hops behind a static route install
 * through its gateway, follow it when it changes (seen by RouteWatch), wait while
 * unresolvable and install once resolvable.
 */
class KernelFibNetnsTest {
    private static final int TABLE = 110;
    private final ObjectMapper json = new ObjectMapper();
    private Netns node;
    private Netns peer;
    private Link link;
    private KernelRoutes kernel;
    private KernelFib fib;
    private RouteWatch watch;

    @BeforeEach
    void setUp() throws Exception {
        Interop.requireRootAndTools("ip");
        node = Netns.create("fibnode");
        peer = Netns.create("fibpeer");
        link = Link.veth(node, Link.ifname("fn"), peer, Link.ifname("fp"));
        link.a().address("192.0.2.1/24").address("2001:db8:1::1/64");
        link.b().address("192.0.2.2/24").address("192.0.2.3/24").address("2001:db8:1::2/64").address("2001:db8:1::3/64");
        Path ns = Path.of("/var/run/netns", node.name());
        kernel = new KernelRoutes(Netlink.openIn(ns), new FibMetrics());
        fib = new KernelFib(kernel, new FibSettings(TABLE, 20, List.of(), List.of()));
        watch = RouteWatch.start(Netlink.subscribeIn(ns, RouteWatch.groups()), kernel.protocol(), () -> fib.reresolve());
    }

    @AfterEach
    void tearDown() {
        if (watch != null) watch.close();
        if (kernel != null) kernel.close();
        if (link != null) link.close();
        if (peer != null) peer.close();
        if (node != null) node.close();
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private List<String> gateways(String family, String dst) throws Exception {
        var shown = node.run("ip", family, "-j", "route", "show", "table", Integer.toString(TABLE));
        List<String> out = new ArrayList<>();
        if (!shown.ok()) return out;
        for (JsonNode r : json.readTree(shown.stdout())) {
            if (!r.get("dst").asText().equals(dst)) continue;
            if (r.has("nexthops")) r.get("nexthops").forEach(h -> out.add(h.get("gateway").asText()));
            else out.add(r.get("gateway").asText());
        }
        out.sort(null);
        return out;
    }

    @Test
    void recursiveNextHopFollowsTheKernelRoute() throws Exception {
        node.exec("ip", "route", "add", "198.18.0.0/24", "via", "192.0.2.2", "proto", "static");
        node.exec("ip", "-6", "route", "add", "2001:db8:500::/48", "via", "2001:db8:1::2", "proto", "static");
        fib.apply(List.of(
                new FibOp.Install(Prefix.parse("198.51.100.0/24"), List.of(ip("198.18.0.9"))),
                new FibOp.Install(Prefix.parse("2001:db8:100::/48"), List.of(ip("2001:db8:500::9")))));
        assertThat(gateways("-4", "198.51.100.0/24")).containsExactly("192.0.2.2");
        assertThat(gateways("-6", "2001:db8:100::/48")).containsExactly("2001:db8:1::2");

        // The route to the BGP next hop moves: the watch sees it and the route follows.
        node.exec("ip", "route", "replace", "198.18.0.0/24", "via", "192.0.2.3", "proto", "static");
        node.exec("ip", "-6", "route", "replace", "2001:db8:500::/48", "via", "2001:db8:1::3", "proto", "static");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(gateways("-4", "198.51.100.0/24")).containsExactly("192.0.2.3");
            assertThat(gateways("-6", "2001:db8:100::/48")).containsExactly("2001:db8:1::3");
        });

        // It goes away: nothing covers the next hop any more, so the route is withdrawn.
        node.exec("ip", "route", "del", "198.18.0.0/24");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gateways("-4", "198.51.100.0/24")).isEmpty());
        assertThat(fib.size()).isEqualTo(2);
    }

    @Test
    void anUnresolvableNextHopWaitsThenInstalls() throws Exception {
        fib.apply(List.of(
                new FibOp.Install(Prefix.parse("203.0.113.0/24"), List.of(ip("198.18.7.7"))),
                new FibOp.Install(Prefix.parse("198.51.100.0/24"), List.of(ip("192.0.2.2"), ip("192.0.2.3")))));
        assertThat(gateways("-4", "203.0.113.0/24")).isEmpty();
        assertThat(gateways("-4", "198.51.100.0/24")).containsExactly("192.0.2.2", "192.0.2.3");
        assertThat(kernel.metrics().unresolved()).isEqualTo(1);

        node.exec("ip", "route", "add", "198.18.7.0/24", "via", "192.0.2.3", "proto", "static");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(gateways("-4", "203.0.113.0/24")).containsExactly("192.0.2.3"));
        assertThat(kernel.metrics().installed()).isEqualTo(2);

        fib.apply(List.of(new FibOp.Remove(Prefix.parse("203.0.113.0/24"))));
        assertThat(gateways("-4", "203.0.113.0/24")).isEmpty();
        assertThat(kernel.metrics().installed()).isEqualTo(1);
    }

    @Test
    void resyncAtStartRemovesStaleRoutesOfAnEarlierRun() throws Exception {
        // An earlier bgplet left two routes; another protocol has one of its own.
        node.exec("ip", "route", "add", "198.51.100.0/24", "via", "192.0.2.2", "table", "110", "proto", "181", "metric", "20");
        node.exec("ip", "route", "add", "203.0.113.0/24", "via", "192.0.2.2", "table", "110", "proto", "181", "metric", "20");
        node.exec("ip", "route", "add", "198.18.9.0/24", "via", "192.0.2.2", "table", "110", "proto", "bird", "metric", "20");
        KernelRoutes.ResyncResult r = fib.resync(Map.of(Prefix.parse("198.51.100.0/24"), List.of(ip("192.0.2.3"))));
        assertThat(r.replaced()).isEqualTo(1);
        assertThat(r.removed()).isEqualTo(1);
        assertThat(gateways("-4", "198.51.100.0/24")).containsExactly("192.0.2.3");
        assertThat(gateways("-4", "203.0.113.0/24")).isEmpty();
        assertThat(gateways("-4", "198.18.9.0/24")).containsExactly("192.0.2.2");
    }
}
