package io.bgplet.speaker;

import io.bgplet.rib.DecisionOptions;
import io.bgplet.rib.Path;
import io.bgplet.session.State;
import io.bgplet.session.transport.Transport;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two bgplet speakers on loopback addresses (no root needed): A listens on 127.0.0.2, B
 * dials from 127.0.0.3. Advertisements, API paths, withdrawals, operator actions and
 * graceful restart between the two.
 */
class SpeakerLoopbackTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<Speaker> running = new ArrayList<>();

    @AfterEach
    void stopAll() {
        running.forEach(Speaker::close);
    }

    private Speaker speaker() {
        Speaker s = new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);
        running.add(s);
        return s;
    }

    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    private static int port() throws Exception {
        try (var s = new java.net.ServerSocket(0, 1, ip("127.0.0.2"))) {
            return s.getLocalPort();
        }
    }

    private static NeighborConfig neighbor(String name, String address, int port, long as, boolean passive, String local,
                                           boolean gr, NeighborConfig.Advertisement... adverts) throws Exception {
        Map<Family, List<NeighborConfig.Advertisement>> byFamily = new java.util.HashMap<>();
        for (var a : adverts) byFamily.computeIfAbsent(a.prefix().family(), f -> new ArrayList<>()).add(a);
        return new NeighborConfig(name, ip(address), port, as, local == null ? null : ip(local), new NeighborConfig.Timers(1, 9, 3), 1,
                new NeighborConfig.GracefulRestartConfig(gr, 30), Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, 0, passive,
                NeighborConfig.ImportPolicy.ACCEPT, false, byFamily, null);
    }

    private static NeighborConfig.Advertisement advert(String prefix, String community) {
        return new NeighborConfig.Advertisement(Prefix.parse(prefix), community == null ? null : new int[] {Attribute.Communities.parse(community)}, null, null);
    }

    private static State state(Speaker s) throws Exception {
        return s.query(v -> v.neighbors().getFirst().state()).get();
    }

    private static Path best(Speaker s, String prefix) throws Exception {
        return s.query(v -> v.locRib().best(Prefix.parse(prefix))).get();
    }

    private static boolean stale(Speaker s, String neighbor, String prefix) throws Exception {
        InetAddress n = ip(neighbor);
        return s.query(v -> v.adjRibIn(n).map(r -> r.isStale(Prefix.parse(prefix))).orElse(false)).get();
    }

    private record Pair(Speaker a, Speaker b, int port) {}

    private Pair pair(boolean gr, NeighborConfig.Advertisement... bAdverts) throws Exception {
        int port = port();
        Speaker a = speaker();
        a.apply(new InstanceConfig("a", 65001, (Inet4Address) ip("127.0.0.2"), ip("127.0.0.2"), port,
                List.of(neighbor("b", "127.0.0.3", 179, 65002, true, null, gr)))).get();
        Speaker b = startB(port, gr, bAdverts);
        await().atMost(WAIT).until(() -> state(a) == State.ESTABLISHED && state(b) == State.ESTABLISHED);
        return new Pair(a, b, port);
    }

    private Speaker startB(int port, boolean gr, NeighborConfig.Advertisement... adverts) throws Exception {
        Speaker b = speaker();
        b.apply(new InstanceConfig("b", 65002, (Inet4Address) ip("127.0.0.3"), null, 0,
                List.of(neighbor("a", "127.0.0.2", port, 65001, false, "127.0.0.3", gr, adverts)))).get();
        return b;
    }

    @Test
    void advertisementsArriveWithAttributesAndLeaveWhenRemoved() throws Exception {
        Pair p = pair(false, advert("198.18.1.0/24", "65002:7"), advert("2001:db8:7::/48", null));
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.1.0/24") != null && best(p.a(), "2001:db8:7::/48") != null);
        Path v4 = best(p.a(), "198.18.1.0/24");
        assertThat(v4.attributes().asPath().segments().getFirst().asns()).containsExactly(65002L);
        assertThat(v4.attributes().communities()).containsExactly(Attribute.Communities.parse("65002:7"));
        assertThat(v4.attributes().nextHop().getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(v4.attributes().origin()).isEqualTo(Attribute.Origin.IGP);

        // Removing one advertisement withdraws only that prefix; the session stays up.
        p.b().apply(new InstanceConfig("b", 65002, (Inet4Address) ip("127.0.0.3"), null, 0,
                List.of(neighbor("a", "127.0.0.2", p.port(), 65001, false, "127.0.0.3", false, advert("2001:db8:7::/48", null))))).get();
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.1.0/24") == null);
        assertThat(best(p.a(), "2001:db8:7::/48")).isNotNull();
        assertThat(state(p.a())).isEqualTo(State.ESTABLISHED);
        NeighborStatus st = p.a().query(v -> v.neighbors().getFirst()).get();
        assertThat(st.families().get(Family.IPV6_UNICAST).received()).isEqualTo(1);
        assertThat(st.families().get(Family.IPV4_UNICAST).received()).isZero();
    }

    @Test
    void apiPathsGoToEveryNeighbourAndCanBeDeleted() throws Exception {
        Pair p = pair(false);
        LocalPath path = new LocalPath(Prefix.parse("203.0.113.0/25"), List.of(Attribute.Origin.INCOMPLETE_ORIGIN,
                new Attribute.LargeCommunities(new int[] {65001, 1, 1})));
        p.a().addPaths("api", List.of(path)).get();
        await().atMost(WAIT).until(() -> best(p.b(), "203.0.113.0/25") != null);
        assertThat(best(p.b(), "203.0.113.0/25").attributes().largeCommunities()).containsExactly(65001, 1, 1);
        assertThat(best(p.b(), "203.0.113.0/25").attributes().origin()).isEqualTo(Attribute.Origin.INCOMPLETE);
        p.a().deletePaths("api", List.of(path)).get();
        await().atMost(WAIT).until(() -> best(p.b(), "203.0.113.0/25") == null);
    }

    @Test
    void disableTakesTheSessionDownAndEnableBringsItBack() throws Exception {
        Pair p = pair(false, advert("198.18.2.0/24", null));
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.2.0/24") != null);
        p.b().operate(ip("127.0.0.2"), NeighborOperation.DISABLE).get();
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.2.0/24") == null);
        assertThat(p.b().query(v -> v.neighbors().getFirst().adminDown()).get()).isTrue();
        p.b().operate(ip("127.0.0.2"), NeighborOperation.ENABLE).get();
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.2.0/24") != null);
    }

    @Test
    void gracefulStopLeavesRoutesStaleUntilTheRestartedPeersEndOfRib() throws Exception {
        Pair p = pair(true, advert("198.18.3.0/24", null), advert("198.18.4.0/24", null));
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.3.0/24") != null && best(p.a(), "198.18.4.0/24") != null);

        p.b().stop(true).get();   // TCP closed, no NOTIFICATION
        running.remove(p.b());
        p.b().close();
        await().atMost(WAIT).until(() -> stale(p.a(), "127.0.0.3", "198.18.3.0/24"));
        assertThat(best(p.a(), "198.18.3.0/24")).as("kept while the peer restarts").isNotNull();

        // The restarted peer no longer advertises 198.18.4.0/24: swept at its End-of-RIB.
        Speaker b2 = startB(p.port(), true, advert("198.18.3.0/24", null));
        await().atMost(WAIT).until(() -> state(b2) == State.ESTABLISHED);
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.4.0/24") == null);
        assertThat(best(p.a(), "198.18.3.0/24")).isNotNull();
        assertThat(stale(p.a(), "127.0.0.3", "198.18.3.0/24")).isFalse();
    }

    @Test
    void stopWithoutGracefulRestartWithdrawsAtOnce() throws Exception {
        Pair p = pair(false, advert("198.18.5.0/24", null));
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.5.0/24") != null);
        p.b().stop(false).get();
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.5.0/24") == null);
        NeighborStatus st = p.a().query(v -> v.neighbors().getFirst()).get();
        assertThat(st.state()).isNotEqualTo(State.ESTABLISHED);
        assertThat(st.lastError()).containsIgnoringCase("cease");
        await().atMost(WAIT).until(() -> p.a().query(v -> v.neighbors().getFirst().counters().notificationsIn()).get() == 1);
    }

    /**
     * The interner's reference counts end at zero through the speaker's own wiring: A's
     * received sets go when B's session goes down (Adj-RIB-In and Loc-RIB release them), and
     * B's sets, including the export copies in its Adj-RIB-Out toward A, go once B no longer
     * advertises anything and its neighbour is removed.
     */
    @Test
    void attributeSetsLeaveTheInternerWithTheirLastRoute() throws Exception {
        Pair p = pair(false, advert("198.18.7.0/24", "65002:7"), advert("198.18.8.0/24", null));
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.7.0/24") != null && best(p.a(), "198.18.8.0/24") != null);
        assertThat(p.a().query(v -> p.a().internedSets()).get()).isEqualTo(2);
        assertThat(p.b().query(v -> p.b().internedSets()).get()).isPositive();
        p.b().stop(false).get();
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.7.0/24") == null && best(p.a(), "198.18.8.0/24") == null);
        await().atMost(WAIT).until(() -> p.a().query(v -> p.a().internedSets()).get() == 0);

        // B again, then without advertisements and without its neighbour.
        Speaker b = startB(p.port(), false, advert("198.18.9.0/24", null));
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.9.0/24") != null);
        assertThat(b.query(v -> b.internedSets()).get()).isPositive();
        b.apply(new InstanceConfig("b", 65002, (Inet4Address) ip("127.0.0.3"), null, 0, List.of())).get();
        await().atMost(WAIT).until(() -> b.query(v -> b.internedSets()).get() == 0);
        await().atMost(WAIT).until(() -> best(p.a(), "198.18.9.0/24") == null);
        await().atMost(WAIT).until(() -> p.a().query(v -> p.a().internedSets()).get() == 0);
    }
}
