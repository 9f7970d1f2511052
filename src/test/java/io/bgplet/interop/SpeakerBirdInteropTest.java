package io.bgplet.interop;

import io.bgplet.interop.support.BirdPeer;
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
 * bgplet's speaker against BIRD 2.0 in a namespace: 4-octet ASNs on both sides, IPv4 and
 * IPv6 unicast both ways with attributes intact, withdrawals and route refresh; and a BIRD
 * with the 4-octet AS capability off (RFC 6793 4.1: bgplet appears as AS_TRANS and its real
 * path travels in AS4_PATH).
 */
class SpeakerBirdInteropTest {
    private static final Duration SESSION = Duration.ofSeconds(30);
    private static final long BGPLET_AS = 4200000001L;
    private static final long BIRD_AS = 4200000003L;
    private static final String BIRD = "198.51.100.200";
    private static final String BGPLET = "198.51.100.100";

    @BeforeAll
    static void requirements() {
        Interop.requireRootAndTools("bird");
    }

    @Test
    void routesFlowBothWaysWithAttributesWithdrawalsAndRefresh() throws Exception {
        var logs = Interop.logDir("SpeakerBirdInteropTest/routes");
        PeerSpec birdSpec = PeerSpec.of(BIRD_AS, BIRD)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).localAddress(BIRD).passive(true).holdTime(9).families("ipv4", "ipv6"))
                .route(RouteSpec.of("192.0.2.0/25").med(55).communities("65001:100", "65001:200").largeCommunities("4200000003:1:2"))
                .route(RouteSpec.of("2001:db8:1::/48").nextHop("2001:db8:100::200").med(66).communities("65001:600")
                        .largeCommunities("4200000003:6:6"));
        NeighborConfig toBird = Speakers.neighbor("bird", BIRD, BIRD_AS).withAdvertisements(Speakers.adverts(
                Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, new int[] {(int) BGPLET_AS, 7, 8}, null),
                Speakers.advert("2001:db8:10::/48", null, new int[] {(int) BGPLET_AS, 9, 9}, null)));
        try (Topology t = Topology.rootAndPeer();
             BirdPeer bird = new BirdPeer(t.ns("peer"), birdSpec, logs);
             Speaker bgplet = Speakers.start()) {
            bird.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toBird)).get();
            bgplet.addPaths("api", List.of(Speakers.localPath("198.18.11.0/24", 11, new String[] {"65010:11"},
                    new String[] {"4200000001:11:11"}, 64512))).get();

            bird.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> state(bgplet, BIRD) == State.ESTABLISHED);
            var neg = status(bgplet, BIRD).negotiated().orElseThrow();
            assertThat(neg.peerAs()).isEqualTo(BIRD_AS);
            assertThat(neg.fourOctetAs()).isTrue();
            assertThat(neg.families()).containsExactlyInAnyOrder(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

            // bgplet -> BIRD
            Route v4 = bird.awaitRoute("198.18.10.0/24", SESSION);
            assertThat(v4.asPath()).containsExactly(BGPLET_AS);
            assertThat(v4.nextHop()).isEqualTo(BGPLET);
            assertThat(v4.communities()).containsExactly("65010:10");
            assertThat(v4.largeCommunities()).containsExactly("4200000001:7:8");
            Route api = bird.awaitRoute("198.18.11.0/24", SESSION);
            assertThat(api.asPath()).containsExactly(BGPLET_AS, 64512L);
            assertThat(api.med()).isEqualTo(11L);
            assertThat(api.communities()).containsExactly("65010:11");
            assertThat(api.largeCommunities()).containsExactly("4200000001:11:11");
            Route v6 = bird.awaitRoute("2001:db8:10::/48", SESSION);
            assertThat(v6.asPath()).containsExactly(BGPLET_AS);
            assertThat(v6.largeCommunities()).containsExactly("4200000001:9:9");
            // IPv6 over an IPv4 session: the next hop is our global IPv6 address on that link.
            assertThat(v6.nextHop()).isEqualTo("2001:db8:100::100");

            // BIRD -> bgplet
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") != null && best(bgplet, "2001:db8:1::/48") != null);
            PathAttributes in4 = best(bgplet, "192.0.2.0/25").attributes();
            assertThat(asns(in4)).containsExactly(BIRD_AS);
            assertThat(in4.med()).isEqualTo(55);
            assertThat(in4.communities()).containsExactly(Attribute.Communities.parse("65001:100"), Attribute.Communities.parse("65001:200"));
            assertThat(in4.largeCommunities()).containsExactly((int) BIRD_AS, 1, 2);
            assertThat(in4.nextHop().getHostAddress()).isEqualTo(BIRD);
            PathAttributes in6 = best(bgplet, "2001:db8:1::/48").attributes();
            assertThat(asns(in6)).containsExactly(BIRD_AS);
            assertThat(in6.med()).isEqualTo(66);
            assertThat(in6.communities()).containsExactly(Attribute.Communities.parse("65001:600"));
            assertThat(in6.largeCommunities()).containsExactly((int) BIRD_AS, 6, 6);
            assertThat(in6.nextHop().getHostAddress()).isEqualTo("2001:db8:100:0:0:0:0:200");

            // Withdrawals both ways, without a session reset.
            bird.removeRoute("192.0.2.0/25");
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") == null);
            assertThat(best(bgplet, "2001:db8:1::/48")).isNotNull();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toBird.withAdvertisements(Speakers.adverts(
                    Speakers.advert("2001:db8:10::/48", null, new int[] {(int) BGPLET_AS, 9, 9}, null))))).get();
            bird.awaitNoRoute("198.18.10.0/24", SESSION);
            bgplet.deletePaths("api", List.of(Speakers.localPath("198.18.11.0/24", 11, new String[0], new String[0]))).get();
            bird.awaitNoRoute("198.18.11.0/24", SESSION);
            assertThat(bird.route("2001:db8:10::/48")).isPresent();
            assertThat(state(bgplet, BIRD)).isEqualTo(State.ESTABLISHED);

            // Route refresh: BIRD asks for our routes again (reload in) and keeps them.
            long refreshes = status(bgplet, BIRD).counters().refreshIn();
            bird.birdc("reload", "in", bird.protocolFor(BGPLET));
            await().atMost(SESSION).until(() -> status(bgplet, BIRD).counters().refreshIn() > refreshes);
            assertThat(bird.awaitRoute("2001:db8:10::/48", SESSION).asPath()).containsExactly(BGPLET_AS);
            // And BIRD re-sends its routes (reload out): bgplet takes them without a change of best path.
            long updates = status(bgplet, BIRD).counters().updatesIn();
            bird.birdc("reload", "out", bird.protocolFor(BGPLET));
            await().atMost(SESSION).until(() -> status(bgplet, BIRD).counters().updatesIn() > updates);
            assertThat(best(bgplet, "2001:db8:1::/48")).isNotNull();
            assertThat(state(bgplet, BIRD)).isEqualTo(State.ESTABLISHED);
            assertThat(bird.isEstablished(BGPLET)).isTrue();
        }
    }

    /**
     * BIRD with AS4 off cannot peer with a 4-octet AS at all: it still reads the AS from our
     * capability ("Bad peer AS") yet refuses a 4-octet neighbour AS in its config. So here
     * bgplet has a 2-octet AS and the 4-octet ASNs are in the paths: AS4_PATH both ways.
     */
    @Test
    void twoOctetPeerGetsFourOctetPathsThroughAs4Path() throws Exception {
        var logs = Interop.logDir("SpeakerBirdInteropTest/as2");
        long birdAs = 65003;
        long bgpletAs = 65001;
        PeerSpec birdSpec = PeerSpec.of(birdAs, BIRD)
                .neighbor(NeighborSpec.of(BGPLET, bgpletAs).localAddress(BIRD).passive(true).holdTime(9).fourOctetAs(false))
                .route(RouteSpec.of("192.0.2.0/25").med(5).communities("65003:5").prepend(4200000077L));
        NeighborConfig toBird = Speakers.neighbor("bird", BIRD, birdAs);
        try (Topology t = Topology.rootAndPeer();
             BirdPeer bird = new BirdPeer(t.ns("peer"), birdSpec, logs);
             Speaker bgplet = Speakers.start()) {
            bird.start();
            bgplet.apply(Speakers.instance(bgpletAs, BGPLET, toBird)).get();
            bgplet.addPaths("api", List.of(Speakers.localPath("198.18.12.0/24", 12, new String[] {"65010:12"},
                    new String[0], 4200000099L, 65100))).get();

            bird.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> state(bgplet, BIRD) == State.ESTABLISHED);
            var neg = status(bgplet, BIRD).negotiated().orElseThrow();
            assertThat(neg.fourOctetAs()).isFalse();
            assertThat(neg.peerAs()).isEqualTo(birdAs);
            // BIRD's "Session:" line says AS4 only when both sides negotiated it.
            assertThat(bird.protocolDetails(BGPLET)).containsPattern("Session:\\s+external").doesNotContain(" AS4");

            // bgplet -> BIRD: 2-octet AS_PATH [65001 23456 65100] plus AS4_PATH with the real
            // ASNs, which BIRD merges back (RFC 6793 4.2.3).
            Route r = bird.awaitRoute("198.18.12.0/24", SESSION);
            assertThat(r.asPath()).as("BIRD log:%n%s", bird.log()).containsExactly(bgpletAs, 4200000099L, 65100L);
            assertThat(r.med()).isEqualTo(12L);
            assertThat(r.communities()).containsExactly("65010:12");

            // BIRD -> bgplet: BIRD's own 4-octet prepend arrives through its AS4_PATH.
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") != null);
            PathAttributes in = best(bgplet, "192.0.2.0/25").attributes();
            assertThat(asns(in)).containsExactly(birdAs, 4200000077L);
            assertThat(in.med()).isEqualTo(5);
            assertThat(in.communities()).containsExactly(Attribute.Communities.parse("65003:5"));
            // AS4_PATH was folded into AS_PATH, not kept beside it.
            assertThat(in.others()).noneMatch(a -> a instanceof Attribute.As4Path);

            bird.removeRoute("192.0.2.0/25");
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") == null);
            bgplet.deletePaths("api", List.of(Speakers.localPath("198.18.12.0/24", 12, new String[0], new String[0]))).get();
            bird.awaitNoRoute("198.18.12.0/24", SESSION);
            assertThat(state(bgplet, BIRD)).isEqualTo(State.ESTABLISHED);
        }
    }
}
