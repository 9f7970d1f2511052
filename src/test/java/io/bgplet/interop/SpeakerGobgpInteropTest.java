package io.bgplet.interop;

import io.bgplet.interop.support.GobgpPeer;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.NeighborSpec;
import io.bgplet.interop.support.PeerSpec;
import io.bgplet.interop.support.Route;
import io.bgplet.interop.support.RouteSpec;
import io.bgplet.interop.support.Topology;
import io.bgplet.rib.PathAttributes;
import io.bgplet.session.State;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.bgplet.interop.Speakers.asns;
import static io.bgplet.interop.Speakers.best;
import static io.bgplet.interop.Speakers.state;
import static io.bgplet.interop.Speakers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * bgplet's speaker against GoBGP 3.10 (Cilium's own BGP library) in a namespace: 4-octet
 * ASNs, IPv4 and IPv6 unicast both ways over one IPv4 session with attributes intact,
 * withdrawals, and GoBGP re-sending its routes (softresetout). GoBGP cannot turn the 4-octet AS
 * capability off: the 2-octet peer case is covered by the BIRD and ExaBGP tests.
 */
class SpeakerGobgpInteropTest {
    private static final Duration SESSION = Duration.ofSeconds(30);
    private static final long BGPLET_AS = 4200000001L;
    private static final long GOBGP_AS = 4200000004L;
    private static final String GOBGP = "198.51.100.200";
    private static final String BGPLET = "198.51.100.100";

    @BeforeAll
    static void requirements() {
        Interop.requireRootAndTools("gobgp");
    }

    @Test
    void routesFlowBothWaysWithAttributesWithdrawalsAndRefresh() throws Exception {
        var logs = Interop.logDir("SpeakerGobgpInteropTest/routes");
        // Passive: gobgpd waits 5-10 s before it dials; bgplet dials at once.
        PeerSpec gobgpSpec = PeerSpec.of(GOBGP_AS, GOBGP)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(9).families("ipv4", "ipv6"))
                .route(RouteSpec.of("192.0.2.0/25").nextHop(GOBGP).med(55).communities("65001:100", "65001:200")
                        .largeCommunities("4200000004:1:2").prepend(4200000044L))
                .route(RouteSpec.of("2001:db8:1::/48").nextHop("2001:db8:100::200").med(66).communities("65001:600")
                        .largeCommunities("4200000004:6:6"));
        NeighborConfig toGobgp = Speakers.neighbor("gobgp", GOBGP, GOBGP_AS).withAdvertisements(Speakers.adverts(
                Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, new int[] {(int) BGPLET_AS, 7, 8}, null),
                Speakers.advert("2001:db8:10::/48", null, new int[] {(int) BGPLET_AS, 9, 9}, null)));
        try (Topology t = Topology.rootAndPeer();
             GobgpPeer gobgp = new GobgpPeer(t.ns("peer"), gobgpSpec, logs);
             Speaker bgplet = Speakers.start()) {
            gobgp.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toGobgp)).get();
            bgplet.addPaths("api", List.of(Speakers.localPath("198.18.11.0/24", 11, new String[] {"65010:11"},
                    new String[] {"4200000001:11:11"}, 64512))).get();

            gobgp.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> state(bgplet, GOBGP) == State.ESTABLISHED);
            var neg = status(bgplet, GOBGP).negotiated().orElseThrow();
            assertThat(neg.peerAs()).isEqualTo(GOBGP_AS);
            assertThat(neg.fourOctetAs()).isTrue();
            assertThat(neg.families()).containsExactlyInAnyOrder(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

            // bgplet -> GoBGP
            Route v4 = gobgp.awaitRoute("198.18.10.0/24", SESSION);
            assertThat(v4.asPath()).containsExactly(BGPLET_AS);
            assertThat(v4.nextHop()).isEqualTo(BGPLET);
            assertThat(v4.communities()).containsExactly("65010:10");
            assertThat(v4.largeCommunities()).containsExactly("4200000001:7:8");
            Route api = gobgp.awaitRoute("198.18.11.0/24", SESSION);
            assertThat(api.asPath()).containsExactly(BGPLET_AS, 64512L);
            assertThat(api.med()).isEqualTo(11L);
            assertThat(api.communities()).containsExactly("65010:11");
            assertThat(api.largeCommunities()).containsExactly("4200000001:11:11");
            Route v6 = gobgp.awaitRoute("2001:db8:10::/48", SESSION);
            assertThat(v6.asPath()).containsExactly(BGPLET_AS);
            assertThat(v6.largeCommunities()).containsExactly("4200000001:9:9");
            assertThat(v6.nextHop()).isEqualTo("2001:db8:100::100");

            // GoBGP -> bgplet
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") != null && best(bgplet, "2001:db8:1::/48") != null);
            PathAttributes in4 = best(bgplet, "192.0.2.0/25").attributes();
            assertThat(asns(in4)).containsExactly(GOBGP_AS, 4200000044L);
            assertThat(in4.med()).isEqualTo(55);
            assertThat(in4.communities()).containsExactly(Attribute.Communities.parse("65001:100"), Attribute.Communities.parse("65001:200"));
            assertThat(in4.largeCommunities()).containsExactly((int) GOBGP_AS, 1, 2);
            assertThat(in4.nextHop().getHostAddress()).isEqualTo(GOBGP);
            PathAttributes in6 = best(bgplet, "2001:db8:1::/48").attributes();
            assertThat(asns(in6)).containsExactly(GOBGP_AS);
            assertThat(in6.med()).isEqualTo(66);
            assertThat(in6.communities()).containsExactly(Attribute.Communities.parse("65001:600"));
            assertThat(in6.largeCommunities()).containsExactly((int) GOBGP_AS, 6, 6);
            assertThat(in6.nextHop().getHostAddress()).isEqualTo("2001:db8:100:0:0:0:0:200");

            // Withdrawals both ways, without a session reset.
            gobgp.deleteRoute("192.0.2.0/25");
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") == null);
            gobgp.deleteRoute("2001:db8:1::/48");
            await().atMost(SESSION).until(() -> best(bgplet, "2001:db8:1::/48") == null);
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toGobgp.withAdvertisements(Speakers.adverts(
                    Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, new int[] {(int) BGPLET_AS, 7, 8}, null))))).get();
            gobgp.awaitNoRoute("2001:db8:10::/48", SESSION);
            bgplet.deletePaths("api", List.of(Speakers.localPath("198.18.11.0/24", 11, new String[0], new String[0]))).get();
            gobgp.awaitNoRoute("198.18.11.0/24", SESSION);
            assertThat(gobgp.route("198.18.10.0/24")).isPresent();
            assertThat(state(bgplet, GOBGP)).isEqualTo(State.ESTABLISHED);

            // Route refresh: GoBGP's "softresetin" only re-runs its own import policy (it keeps an
            // Adj-RIB-In) and sends no ROUTE-REFRESH, so the receiving side of refresh is proven
            // against FRR, BIRD and ExaBGP; here GoBGP re-sends what it advertises.
            gobgp.addRoute(RouteSpec.of("192.0.2.128/25").nextHop(GOBGP).med(7));
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.128/25") != null);
            // And GoBGP re-sends what it advertises (softresetout): bgplet keeps the route.
            long updates = status(bgplet, GOBGP).counters().updatesIn();
            gobgp.gobgp("neighbor", BGPLET, "softresetout");
            await().atMost(SESSION).until(() -> status(bgplet, GOBGP).counters().updatesIn() > updates);
            assertThat(best(bgplet, "192.0.2.128/25").attributes().med()).isEqualTo(7);
            assertThat(state(bgplet, GOBGP)).isEqualTo(State.ESTABLISHED);
            assertThat(gobgp.isEstablished(BGPLET)).isTrue();
        }
    }
}
