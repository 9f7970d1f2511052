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
}
