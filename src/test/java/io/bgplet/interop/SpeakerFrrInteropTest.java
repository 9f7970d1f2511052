package io.bgplet.interop;

import io.bgplet.interop.support.FrrPeer;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.NeighborSpec;
import io.bgplet.interop.support.PeerSpec;
import io.bgplet.interop.support.Route;
import io.bgplet.interop.support.RouteSpec;
import io.bgplet.interop.support.Topology;
import io.bgplet.rib.Path;
import io.bgplet.session.State;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * bgplet's speaker against FRR 8.4 bgpd in a network namespace: 4-octet ASNs on both sides,
 * IPv4 and IPv6 unicast both ways with attributes intact, withdrawals, route refresh.
 */
class SpeakerFrrInteropTest {
    private static final Duration SESSION = Duration.ofSeconds(30);
    private static final long BGPLET_AS = 4200000001L;
    private static final long FRR_AS = 4200000002L;
    private static final String FRR = "198.51.100.200";
    private static final String BGPLET = "198.51.100.100";

    @BeforeAll
    static void requirements() {
        Interop.requireRootAndTools("frr");
    }

    private static NeighborStatus status(Speaker s, String address) throws Exception {
        return s.query(v -> v.neighbors().stream().filter(n -> n.config().address().equals(Speakers.ip(address))).findFirst().orElseThrow())
                .get();
    }

    private static Path locRibPath(Speaker s, String prefix) throws Exception {
        return s.query(v -> v.locRib().best(Prefix.parse(prefix))).get();
    }

    @Test
    void routesFlowBothWaysWithAttributesAndWithdrawalsPropagate() throws Exception {
        java.nio.file.Path logs = Interop.logDir("SpeakerFrrInteropTest-routes");
        PeerSpec frrSpec = PeerSpec.of(FRR_AS, "198.51.100.200")
                .neighbor(NeighborSpec.of("198.51.100.100", BGPLET_AS).passive(true).holdTime(9).families("ipv4", "ipv6"))
                .route(RouteSpec.of("192.0.2.0/25").med(55).communities("65001:100", "65001:200").largeCommunities("4200000002:1:2"))
                .route(RouteSpec.of("2001:db8:1::/48").med(66).communities("65001:600").largeCommunities("4200000002:6:6"));
        NeighborConfig toFrr = Speakers.neighbor("frr", "198.51.100.200", FRR_AS).withAdvertisements(Speakers.adverts(
                Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, new int[] {(int) BGPLET_AS, 7, 8}, null),
                Speakers.advert("2001:db8:10::/48", null, new int[] {(int) BGPLET_AS, 9, 9}, null)));
        try (Topology t = Topology.rootAndPeer();
             FrrPeer frr = new FrrPeer(t.ns("peer"), frrSpec, logs);
             Speaker bgplet = Speakers.start()) {
            frr.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, "198.51.100.100", toFrr)).get();

            frr.awaitEstablished("198.51.100.100", SESSION);
            await().atMost(SESSION).until(() -> status(bgplet, "198.51.100.200").state() == State.ESTABLISHED);
            NeighborStatus st = status(bgplet, "198.51.100.200");
            assertThat(st.negotiated().orElseThrow().peerAs()).isEqualTo(FRR_AS);
            assertThat(st.negotiated().orElseThrow().fourOctetAs()).isTrue();
            assertThat(st.negotiated().orElseThrow().families()).containsExactlyInAnyOrder(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

            // bgplet -> FRR
            Route v4 = frr.awaitRoute("198.18.10.0/24", SESSION);
            assertThat(v4.asPath()).containsExactly(BGPLET_AS);
            assertThat(v4.nextHop()).isEqualTo("198.51.100.100");
            assertThat(v4.communities()).containsExactly("65010:10");
            assertThat(v4.largeCommunities()).containsExactly("4200000001:7:8");
            Route v6 = frr.awaitRoute("2001:db8:10::/48", SESSION);
            assertThat(v6.asPath()).containsExactly(BGPLET_AS);
            assertThat(v6.largeCommunities()).containsExactly("4200000001:9:9");

            // FRR -> bgplet
            await().atMost(SESSION).until(() -> locRibPath(bgplet, "192.0.2.0/25") != null && locRibPath(bgplet, "2001:db8:1::/48") != null);
            var in4 = locRibPath(bgplet, "192.0.2.0/25").attributes();
            assertThat(in4.asPath().segments().getFirst().asns()).containsExactly(FRR_AS);
            assertThat(in4.med()).isEqualTo(55);
            assertThat(in4.communities()).containsExactly(Attribute.Communities.parse("65001:100"), Attribute.Communities.parse("65001:200"));
            assertThat(in4.largeCommunities()).containsExactly((int) FRR_AS, 1, 2);
            assertThat(in4.nextHop().getHostAddress()).isEqualTo("198.51.100.200");
            var in6 = locRibPath(bgplet, "2001:db8:1::/48").attributes();
            assertThat(in6.med()).isEqualTo(66);
            assertThat(in6.largeCommunities()).containsExactly((int) FRR_AS, 6, 6);

            // Withdrawals both ways
            frr.removeNetwork("192.0.2.0/25");
            await().atMost(SESSION).until(() -> locRibPath(bgplet, "192.0.2.0/25") == null);
            bgplet.apply(Speakers.instance(BGPLET_AS, "198.51.100.100", toFrr.withAdvertisements(Speakers.adverts(
                    Speakers.advert("2001:db8:10::/48", null, new int[] {(int) BGPLET_AS, 9, 9}, null))))).get();
            frr.awaitNoRoute("198.18.10.0/24", SESSION);
            assertThat(frr.route("2001:db8:10::/48")).isPresent();
            // The session survived both changes: no reset for an advertisement change.
            assertThat(status(bgplet, "198.51.100.200").state()).isEqualTo(State.ESTABLISHED);
            assertThat(frr.isEstablished("198.51.100.100")).isTrue();

            // Route refresh: FRR asks for our routes again (clear soft in) and still has them.
            long before = status(bgplet, "198.51.100.200").counters().refreshIn();
            frr.clearSoft("198.51.100.100", true);
            await().atMost(SESSION).until(() -> status(bgplet, "198.51.100.200").counters().refreshIn() > before);
            assertThat(frr.awaitRoute("2001:db8:10::/48", SESSION)).isNotNull();
        }
    }

    @Test
    void holdTimerExpiryIsDetectedWhenTheLinkIsCutAndTheSessionComesBack() throws Exception {
        java.nio.file.Path logs = Interop.logDir("SpeakerFrrInteropTest/hold");
        PeerSpec frrSpec = PeerSpec.of(FRR_AS, FRR)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(3).families("ipv4", "ipv6"))
                .route(RouteSpec.of("192.0.2.0/25").med(5));
        NeighborConfig toFrr = Speakers.neighbor("frr", FRR, FRR_AS, new NeighborConfig.Timers(3, 3, 1), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, null);
        try (Topology t = Topology.rootAndPeer();
             // FRR would drop the session on interface down at once; we want both sides on timers.
             FrrPeer frr = new FrrPeer(t.ns("peer"), frrSpec, logs).routerBgpLines("no bgp fast-external-failover");
             Speaker bgplet = Speakers.start()) {
            frr.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toFrr)).get();
            await().atMost(SESSION).until(() -> Speakers.state(bgplet, FRR) == State.ESTABLISHED);
            assertThat(Speakers.status(bgplet, FRR).negotiated().orElseThrow().holdTime()).isEqualTo(3);
            await().atMost(SESSION).until(() -> Speakers.best(bgplet, "192.0.2.0/25") != null);

            long cut = System.nanoTime();
            t.link("root", "peer").down();
            await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Speakers.state(bgplet, FRR) != State.ESTABLISHED);
            long noticedMs = (System.nanoTime() - cut) / 1_000_000;
            System.out.printf("bgplet noticed the cut link after %d ms (hold 3 s)%n", noticedMs);
            // Keepalives every second, hold 3 s: expiry 2-3 s after the last keepalive got through.
            assertThat(noticedMs).isBetween(1500L, 4500L);
            assertThat(Speakers.status(bgplet, FRR).lastError()).containsIgnoringCase("hold");
            // Without graceful restart the peer's routes go with the session.
            assertThat(Speakers.best(bgplet, "192.0.2.0/25")).isNull();

            t.link("root", "peer").up();
            await().atMost(SESSION).until(() -> Speakers.state(bgplet, FRR) == State.ESTABLISHED);
            frr.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> Speakers.best(bgplet, "192.0.2.0/25") != null);
        }
    }

    @Test
    void gracefulRestartHelperKeepsStaleRoutesUntilEndOfRibThenSweeps() throws Exception {
        java.nio.file.Path logs = Interop.logDir("SpeakerFrrInteropTest/gr-helper");
        NeighborSpec toBgplet = NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(9).gracefulRestart(60).families("ipv4", "ipv6");
        PeerSpec before = PeerSpec.of(FRR_AS, FRR).neighbor(toBgplet)
                .route(RouteSpec.of("192.0.2.0/25").med(1))
                .route(RouteSpec.of("192.0.2.128/25").med(2))
                .route(RouteSpec.of("2001:db8:1::/48").med(3));
        PeerSpec after = PeerSpec.of(FRR_AS, FRR).neighbor(toBgplet)
                .route(RouteSpec.of("192.0.2.0/25").med(11))
                .route(RouteSpec.of("2001:db8:1::/48").med(3));
        // F bit set after the restart (preserve-fw-state): the helper keeps routes until End-of-RIB.
        String[] grLines = {"bgp graceful-restart preserve-fw-state", "bgp graceful-restart select-defer-time 5"};
        NeighborConfig toFrr = Speakers.neighbor("frr", FRR, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 1,
                new NeighborConfig.GracefulRestartConfig(true, 30), null).withAdvertisements(Speakers.adverts(
                Speakers.advert("198.18.10.0/24", null, null, null)));
        try (Topology t = Topology.rootAndPeer();
             Speaker bgplet = Speakers.start()) {
            FrrPeer frr = new FrrPeer(t.ns("peer"), before, logs, "frr1").routerBgpLines(grLines);
            FrrPeer frr2 = new FrrPeer(t.ns("peer"), after, logs, "frr2").routerBgpLines(grLines);
            try (frr; frr2) {
                frr.start();
                bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toFrr)).get();
                await().atMost(SESSION).until(() -> Speakers.state(bgplet, FRR) == State.ESTABLISHED);
                assertThat(Speakers.status(bgplet, FRR).negotiated().orElseThrow().gracefulRestart()).isPresent();
                await().atMost(SESSION).until(() -> Speakers.best(bgplet, "192.0.2.0/25") != null
                        && Speakers.best(bgplet, "192.0.2.128/25") != null && Speakers.best(bgplet, "2001:db8:1::/48") != null);
                assertThat(Speakers.isStale(bgplet, FRR, "192.0.2.0/25")).isFalse();

                // FRR's bgpd dies without a NOTIFICATION (as in a crash or an upgrade).
                frr.bgpd().kill();
                await().atMost(SESSION).until(() -> Speakers.state(bgplet, FRR) != State.ESTABLISHED);
                for (String p : List.of("192.0.2.0/25", "192.0.2.128/25", "2001:db8:1::/48")) {
                    assertThat(Speakers.isStale(bgplet, FRR, p)).as(p + " stale").isTrue();
                    assertThat(Speakers.best(bgplet, p)).as(p + " still in Loc-RIB").isNotNull();
                }
                frr.stop();

                // The restarted FRR no longer has 192.0.2.128/25 and changed the MED of 192.0.2.0/25.
                frr2.start();
                await().atMost(SESSION).until(() -> Speakers.state(bgplet, FRR) == State.ESTABLISHED);
                await().atMost(SESSION).until(() -> Speakers.best(bgplet, "192.0.2.128/25") == null);
                assertThat(Speakers.isStale(bgplet, FRR, "192.0.2.0/25")).isFalse();
                assertThat(Speakers.best(bgplet, "192.0.2.0/25").attributes().med()).isEqualTo(11);
                assertThat(Speakers.isStale(bgplet, FRR, "2001:db8:1::/48")).isFalse();
                assertThat(Speakers.best(bgplet, "2001:db8:1::/48")).isNotNull();
                assertThat(Speakers.adjIn(bgplet, FRR, "192.0.2.128/25")).isNull();
                // And FRR (restarting) got ours and our End-of-RIB: it selected paths and holds the route.
                assertThat(frr2.awaitRoute("198.18.10.0/24", SESSION).stale()).isFalse();
            }
        }
    }

    @Test
    void gracefulRestartRestartingSpeakerKeepsItsRoutesAtFrr() throws Exception {
        java.nio.file.Path logs = Interop.logDir("SpeakerFrrInteropTest/gr-restarting");
        PeerSpec frrSpec = PeerSpec.of(FRR_AS, FRR)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(9).gracefulRestart(60).families("ipv4", "ipv6"))
                .route(RouteSpec.of("192.0.2.0/25"));
        NeighborConfig toFrr = Speakers.neighbor("frr", FRR, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 1,
                new NeighborConfig.GracefulRestartConfig(true, 30), null).withAdvertisements(Speakers.adverts(
                Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, null, null),
                Speakers.advert("2001:db8:10::/48", null, null, null)));
        try (Topology t = Topology.rootAndPeer();
             FrrPeer frr = new FrrPeer(t.ns("peer"), frrSpec, logs)) {
            frr.start();
            try (Speaker first = Speakers.start()) {
                first.apply(Speakers.instance(BGPLET_AS, BGPLET, toFrr)).get();
                frr.awaitEstablished(BGPLET, SESSION);
                assertThat(frr.awaitRoute("198.18.10.0/24", SESSION).stale()).isFalse();
                frr.awaitRoute("2001:db8:10::/48", SESSION);
                assertThat(frr.neighbor(BGPLET).path("gracefulRestartInfo").toString()).isNotEmpty();
                // Stop as for an upgrade: TCP closes with no NOTIFICATION.
                first.stop(true).get(10, java.util.concurrent.TimeUnit.SECONDS);
            }
            frr.awaitNotEstablished(BGPLET, SESSION);
            // FRR keeps our routes, marked stale, with no withdrawal, for a while.
            await().atMost(Duration.ofSeconds(10)).until(() -> frr.route("198.18.10.0/24").map(Route::stale).orElse(false));
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                assertThat(frr.route("198.18.10.0/24")).as("kept while we restart").isPresent();
                assertThat(frr.route("2001:db8:10::/48")).as("kept while we restart").isPresent();
                Thread.sleep(200);
            }
            assertThat(frr.route("198.18.10.0/24").orElseThrow().communities()).containsExactly("65010:10");

            // The new speaker comes back with the same routes: FRR's copies are fresh again.
            try (Speaker second = Speakers.start()) {
                second.apply(Speakers.instance(BGPLET_AS, BGPLET, toFrr)).get();
                frr.awaitEstablished(BGPLET, SESSION);
                await().atMost(SESSION).until(() -> frr.route("198.18.10.0/24").map(r -> !r.stale()).orElse(false)
                        && frr.route("2001:db8:10::/48").map(r -> !r.stale()).orElse(false));
                await().atMost(SESSION).until(() -> Speakers.state(second, FRR) == State.ESTABLISHED);
                // The restarting bit told FRR we were restarting (RFC 4724 3).
                assertThat(Speakers.status(second, FRR).negotiated().orElseThrow().gracefulRestart()).isPresent();
                await().atMost(SESSION).until(() -> Speakers.best(second, "192.0.2.0/25") != null);
            }
        }
    }

    @Test
    void tcpMd5RightKeyEstablishesWrongKeyDoesNot() throws Exception {
        java.nio.file.Path logs = Interop.logDir("SpeakerFrrInteropTest/md5");
        PeerSpec frrSpec = PeerSpec.of(FRR_AS, FRR)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(9).password("bgplet-md5-key"));
        NeighborConfig wrong = Speakers.neighbor("frr", FRR, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, "not-the-key");
        NeighborConfig right = Speakers.neighbor("frr", FRR, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, "bgplet-md5-key");
        NeighborConfig none = Speakers.neighbor("frr", FRR, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, null);
        try (Topology t = Topology.rootAndPeer();
             FrrPeer frr = new FrrPeer(t.ns("peer"), frrSpec, logs);
             Speaker bgplet = Speakers.start()) {
            frr.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, wrong)).get();
            assertNeverEstablished(bgplet, frr, Duration.ofSeconds(6));
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, none)).get();
            assertNeverEstablished(bgplet, frr, Duration.ofSeconds(4));
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, right)).get();
            await().atMost(SESSION).until(() -> Speakers.state(bgplet, FRR) == State.ESTABLISHED);
            frr.awaitEstablished(BGPLET, SESSION);
        }
    }

    @Test
    void ebgpMultihopOverOneRoutedHopNeedsTtlTwo() throws Exception {
        java.nio.file.Path logs = Interop.logDir("SpeakerFrrInteropTest/multihop");
        String far = "203.0.113.200";
        PeerSpec frrSpec = PeerSpec.of(FRR_AS, far)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(9).multihop(2))
                .route(RouteSpec.of("192.0.2.0/25"));
        NeighborConfig oneHop = Speakers.neighbor("frr", far, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, null);
        NeighborConfig twoHops = Speakers.neighbor("frr", far, FRR_AS, new NeighborConfig.Timers(1, 9, 3), 2,
                NeighborConfig.GracefulRestartConfig.DISABLED, null);
        try (Topology t = Topology.rootRouterPeer();
             FrrPeer frr = new FrrPeer(t.ns("peer"), frrSpec, logs);
             Speaker bgplet = Speakers.start()) {
            frr.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, oneHop)).get();
            assertNeverEstablished(bgplet, frr, Duration.ofSeconds(6), far);
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, twoHops)).get();
            await().atMost(SESSION).until(() -> Speakers.state(bgplet, far) == State.ESTABLISHED);
            frr.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> Speakers.best(bgplet, "192.0.2.0/25") != null);
            assertThat(Speakers.best(bgplet, "192.0.2.0/25").attributes().nextHop().getHostAddress()).isEqualTo(far);
        }
    }

    private static void assertNeverEstablished(Speaker bgplet, FrrPeer frr, Duration period) throws InterruptedException {
        assertNeverEstablished(bgplet, frr, period, FRR);
    }

    private static void assertNeverEstablished(Speaker bgplet, FrrPeer frr, Duration period, String peer) throws InterruptedException {
        long until = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < until) {
            assertThat(Speakers.state(bgplet, peer)).isNotEqualTo(State.ESTABLISHED);
            assertThat(frr.isEstablished(BGPLET)).isFalse();
            Thread.sleep(250);
        }
    }
}
