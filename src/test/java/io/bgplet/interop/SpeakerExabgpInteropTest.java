package io.bgplet.interop;

import com.fasterxml.jackson.databind.JsonNode;
import io.bgplet.interop.support.ExabgpPeer;
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
 * bgplet's speaker against ExaBGP 4.2 in a namespace: 4-octet ASNs, IPv4 and IPv6 unicast
 * both ways with attributes intact, withdrawals, ROUTE-REFRESH from ExaBGP; and an ExaBGP
 * with the 4-octet AS capability disabled (RFC 6793: bgplet's OPEN carries AS_TRANS, its
 * path travels in AS4_PATH, and ExaBGP's AS4_PATH is merged on the way in).
 */
class SpeakerExabgpInteropTest {
    private static final Duration SESSION = Duration.ofSeconds(30);
    private static final long BGPLET_AS = 4200000001L;
    private static final long EXA_AS = 4200000005L;
    private static final String EXA = "198.51.100.200";
    private static final String BGPLET = "198.51.100.100";

    @BeforeAll
    static void requirements() {
        Interop.requireRootAndTools("exabgp");
    }

    @Test
    void routesFlowBothWaysWithAttributesWithdrawalsAndRefresh() throws Exception {
        var logs = Interop.logDir("SpeakerExabgpInteropTest/routes");
        PeerSpec exaSpec = PeerSpec.of(EXA_AS, EXA)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).localAddress(EXA).passive(true).holdTime(9).families("ipv4", "ipv6"))
                .route(RouteSpec.of("192.0.2.0/25").nextHop(EXA).med(55).communities("65001:100", "65001:200")
                        .largeCommunities("4200000005:1:2").prepend(4200000055L))
                .route(RouteSpec.of("2001:db8:1::/48").nextHop("2001:db8:100::200").med(66).communities("65001:600")
                        .largeCommunities("4200000005:6:6"));
        NeighborConfig toExa = Speakers.neighbor("exabgp", EXA, EXA_AS).withAdvertisements(Speakers.adverts(
                Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, new int[] {(int) BGPLET_AS, 7, 8}, null),
                Speakers.advert("2001:db8:10::/48", null, new int[] {(int) BGPLET_AS, 9, 9}, null)));
        try (Topology t = Topology.rootAndPeer();
             ExabgpPeer exa = new ExabgpPeer(t.ns("peer"), exaSpec, logs);
             Speaker bgplet = Speakers.start()) {
            exa.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toExa)).get();
            bgplet.addPaths("api", List.of(Speakers.localPath("198.18.11.0/24", 11, new String[] {"65010:11"},
                    new String[] {"4200000001:11:11"}, 64512))).get();

            exa.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> state(bgplet, EXA) == State.ESTABLISHED);
            var neg = status(bgplet, EXA).negotiated().orElseThrow();
            assertThat(neg.peerAs()).isEqualTo(EXA_AS);
            assertThat(neg.fourOctetAs()).isTrue();
            assertThat(neg.families()).containsExactlyInAnyOrder(Family.IPV4_UNICAST, Family.IPV6_UNICAST);

            // bgplet -> ExaBGP
            Route v4 = exa.awaitRoute("198.18.10.0/24", SESSION);
            assertThat(v4.asPath()).containsExactly(BGPLET_AS);
            assertThat(v4.nextHop()).isEqualTo(BGPLET);
            assertThat(v4.communities()).containsExactly("65010:10");
            assertThat(v4.largeCommunities()).containsExactly("4200000001:7:8");
            Route api = exa.awaitRoute("198.18.11.0/24", SESSION);
            assertThat(api.asPath()).containsExactly(BGPLET_AS, 64512L);
            assertThat(api.med()).isEqualTo(11L);
            assertThat(api.communities()).containsExactly("65010:11");
            assertThat(api.largeCommunities()).containsExactly("4200000001:11:11");
            Route v6 = exa.awaitRoute("2001:db8:10::/48", SESSION);
            assertThat(v6.asPath()).containsExactly(BGPLET_AS);
            assertThat(v6.largeCommunities()).containsExactly("4200000001:9:9");
            assertThat(v6.nextHop()).isEqualTo("2001:db8:100::100");

            // ExaBGP -> bgplet
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") != null && best(bgplet, "2001:db8:1::/48") != null);
            PathAttributes in4 = best(bgplet, "192.0.2.0/25").attributes();
            assertThat(asns(in4)).containsExactly(EXA_AS, 4200000055L);
            assertThat(in4.med()).isEqualTo(55);
            assertThat(in4.communities()).containsExactly(Attribute.Communities.parse("65001:100"), Attribute.Communities.parse("65001:200"));
            assertThat(in4.largeCommunities()).containsExactly((int) EXA_AS, 1, 2);
            assertThat(in4.nextHop().getHostAddress()).isEqualTo(EXA);
            PathAttributes in6 = best(bgplet, "2001:db8:1::/48").attributes();
            assertThat(asns(in6)).containsExactly(EXA_AS);
            assertThat(in6.med()).isEqualTo(66);
            assertThat(in6.communities()).containsExactly(Attribute.Communities.parse("65001:600"));
            assertThat(in6.largeCommunities()).containsExactly((int) EXA_AS, 6, 6);
            assertThat(in6.nextHop().getHostAddress()).isEqualTo("2001:db8:100:0:0:0:0:200");

            // Withdrawals both ways, without a session reset.
            exa.withdraw("192.0.2.0/25");
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") == null);
            exa.withdraw("2001:db8:1::/48");
            await().atMost(SESSION).until(() -> best(bgplet, "2001:db8:1::/48") == null);
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toExa.withAdvertisements(Speakers.adverts(
                    Speakers.advert("198.18.10.0/24", new int[] {Attribute.Communities.parse("65010:10")}, new int[] {(int) BGPLET_AS, 7, 8}, null))))).get();
            exa.awaitNoRoute("2001:db8:10::/48", SESSION);
            bgplet.deletePaths("api", List.of(Speakers.localPath("198.18.11.0/24", 11, new String[0], new String[0]))).get();
            exa.awaitNoRoute("198.18.11.0/24", SESSION);
            assertThat(exa.route("198.18.10.0/24")).isPresent();
            assertThat(state(bgplet, EXA)).isEqualTo(State.ESTABLISHED);

            // Route refresh (RFC 2918): ExaBGP asks, bgplet re-sends its Adj-RIB-Out for IPv4,
            // framed by BoRR and EoRR since both sides offered enhanced route refresh (RFC 7313).
            // ExaBGP 4.2 writes its refresh events as broken JSON (""ipv4""), so they are read as text.
            var events = logs.resolve("exabgp-events.jsonl");
            long linesBefore = java.nio.file.Files.readAllLines(events).size();
            long refreshes = status(bgplet, EXA).counters().refreshIn();
            exa.command("neighbor " + BGPLET + " announce route-refresh ipv4 unicast");
            await().atMost(SESSION).until(() -> status(bgplet, EXA).counters().refreshIn() > refreshes);
            await().atMost(SESSION).until(() -> {
                List<String> after = java.nio.file.Files.readAllLines(events).stream().skip(linesBefore).toList();
                int begin = indexOf(after, "\"refresh\"", "begin");
                int route = indexOf(after, "\"update\"", "198.18.10.0/24");
                int end = indexOf(after, "\"refresh\"", "end");
                return begin >= 0 && route > begin && end > route;
            });
            List<String> after = java.nio.file.Files.readAllLines(events).stream().skip(linesBefore).toList();
            assertThat(after).noneMatch(l -> l.contains("\"notification\""));
            assertThat(after).noneMatch(l -> l.contains("2001:db8:10::/48"));
            assertThat(state(bgplet, EXA)).isEqualTo(State.ESTABLISHED);
        }
    }

    @Test
    void twoOctetPeerSeesAsTransAndTheRealPathInAs4Path() throws Exception {
        var logs = Interop.logDir("SpeakerExabgpInteropTest/as2");
        long exaAs = 65005;
        PeerSpec exaSpec = PeerSpec.of(exaAs, EXA)
                .neighbor(NeighborSpec.of(BGPLET, 23456).localAddress(EXA).passive(true).holdTime(9).fourOctetAs(false))
                .route(RouteSpec.of("192.0.2.0/25").nextHop(EXA).med(5).communities("65005:5").prepend(4200000077L));
        NeighborConfig toExa = Speakers.neighbor("exabgp", EXA, exaAs);
        try (Topology t = Topology.rootAndPeer();
             ExabgpPeer exa = new ExabgpPeer(t.ns("peer"), exaSpec, logs);
             Speaker bgplet = Speakers.start()) {
            exa.start();
            bgplet.apply(Speakers.instance(BGPLET_AS, BGPLET, toExa)).get();
            bgplet.addPaths("api", List.of(Speakers.localPath("198.18.12.0/24", 12, new String[] {"65010:12"},
                    new String[0], 4200000099L, 65100))).get();

            exa.awaitEstablished(BGPLET, SESSION);
            await().atMost(SESSION).until(() -> state(bgplet, EXA) == State.ESTABLISHED);
            var neg = status(bgplet, EXA).negotiated().orElseThrow();
            assertThat(neg.fourOctetAs()).isFalse();
            assertThat(neg.peerAs()).isEqualTo(exaAs);
            // The OPEN ExaBGP received: My AS is AS_TRANS (RFC 6793 4.1).
            JsonNode open = exa.events("open").stream()
                    .filter(e -> "receive".equals(e.path("neighbor").path("direction").asText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no OPEN event: " + exa.events()));
            assertThat(open.path("neighbor").path("open").path("asn").asLong()).as("%s", open).isEqualTo(23456);

            // bgplet -> ExaBGP: the real path, via AS4_PATH.
            Route r = exa.awaitRoute("198.18.12.0/24", SESSION);
            assertThat(r.asPath()).as("events %s", exa.events("update")).containsExactly(BGPLET_AS, 4200000099L, 65100L);
            assertThat(r.med()).isEqualTo(12L);
            assertThat(r.communities()).containsExactly("65010:12");

            // ExaBGP -> bgplet: its 4-octet prepend arrives through AS4_PATH and is merged.
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") != null);
            PathAttributes in = best(bgplet, "192.0.2.0/25").attributes();
            assertThat(asns(in)).containsExactly(exaAs, 4200000077L);
            assertThat(in.med()).isEqualTo(5);
            assertThat(in.others()).noneMatch(a -> a instanceof Attribute.As4Path);

            exa.withdraw("192.0.2.0/25");
            await().atMost(SESSION).until(() -> best(bgplet, "192.0.2.0/25") == null);
            bgplet.deletePaths("api", List.of(Speakers.localPath("198.18.12.0/24", 12, new String[0], new String[0]))).get();
            exa.awaitNoRoute("198.18.12.0/24", SESSION);
            assertThat(exa.notificationsReceived()).isEmpty();
            assertThat(state(bgplet, EXA)).isEqualTo(State.ESTABLISHED);
        }
    }

    private static int indexOf(List<String> lines, String type, String text) {
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).contains(type) && lines.get(i).contains(text)) return i;
        return -1;
    }
}
