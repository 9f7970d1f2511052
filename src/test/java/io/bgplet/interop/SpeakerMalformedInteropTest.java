package io.bgplet.interop;

import io.bgplet.interop.support.FrrPeer;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.NeighborSpec;
import io.bgplet.interop.support.PeerSpec;
import io.bgplet.interop.support.RawBgpPeer;
import io.bgplet.interop.support.RouteSpec;
import io.bgplet.interop.support.Topology;
import io.bgplet.session.State;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.bgplet.interop.Speakers.adjIn;
import static io.bgplet.interop.Speakers.best;
import static io.bgplet.interop.Speakers.state;
import static io.bgplet.interop.Speakers.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFC 7606 on what bgplet receives, from a peer made of bytes ({@link RawBgpPeer}) while a
 * second session of the same speaker, to FRR, carries routes: treat-as-withdraw (a 5-octet
 * MED), attribute discard (an AGGREGATOR of the wrong length) and session reset (an IPv4
 * NLRI prefix of length 33, NOTIFICATION 3/10). The FRR session must not notice any of it.
 */
class SpeakerMalformedInteropTest {
    private static final Duration SESSION = Duration.ofSeconds(30);
    private static final long BGPLET_AS = 4200000001L;
    private static final long FRR_AS = 4200000002L;
    private static final long RAW_AS = 65020;
    private static final String BGPLET = "198.51.100.100";
    private static final String RAW = "198.51.100.101";
    private static final String FRR = "198.51.100.200";

    // Path attributes, 4-octet AS session (RFC 4271 4.3, RFC 6793).
    private static final String ORIGIN = "40 01 01 00";
    private static final String AS_PATH = "40 02 06 02 01 00 00 fe 1c";  // AS_SEQUENCE [65020]
    private static final String NEXT_HOP = "40 03 04 c6 33 64 65";       // 198.51.100.101
    private static final String MED_100 = "80 04 04 00 00 00 64";
    private static final String MED_5_OCTETS = "80 04 05 00 00 00 00 64";
    private static final String AGGREGATOR_6_OCTETS = "c0 07 06 fe 1c c6 33 64 65"; // needs 8 with 4-octet ASNs

    @BeforeAll
    static void requirements() {
        Interop.requireRootAndTools("frr");
    }

    /** An UPDATE with no withdrawals, these attributes, and this NLRI (all hex). */
    private static byte[] update(String attributes, String nlri) {
        byte[] attrs = RawBgpPeer.hex(attributes);
        byte[] n = RawBgpPeer.hex(nlri);
        byte[] body = new byte[2 + 2 + attrs.length + n.length];
        body[2] = (byte) (attrs.length >>> 8);
        body[3] = (byte) attrs.length;
        System.arraycopy(attrs, 0, body, 4, attrs.length);
        System.arraycopy(n, 0, body, 4 + attrs.length, n.length);
        return RawBgpPeer.message(RawBgpPeer.UPDATE, body);
    }

    @Test
    void treatAsWithdrawAttributeDiscardAndSessionResetLeaveTheOtherSessionAlone() throws Exception {
        var logs = Interop.logDir("SpeakerMalformedInteropTest/rfc7606");
        PeerSpec frrSpec = PeerSpec.of(FRR_AS, FRR)
                .neighbor(NeighborSpec.of(BGPLET, BGPLET_AS).passive(true).holdTime(9))
                .route(RouteSpec.of("192.0.2.0/25").med(5));
        NeighborConfig toFrr = Speakers.neighbor("frr", FRR, FRR_AS);
        NeighborConfig toRaw = Speakers.passive("raw", RAW, RAW_AS);
        try (Topology t = Topology.rootAndPeer(RAW + "/24");
             FrrPeer frr = new FrrPeer(t.ns("peer"), frrSpec, logs);
             Speaker bgplet = Speakers.start()) {
            frr.start();
            bgplet.apply(Speakers.listening(BGPLET_AS, BGPLET, BGPLET, toFrr, toRaw)).get();
            await().atMost(SESSION).until(() -> state(bgplet, FRR) == State.ESTABLISHED && best(bgplet, "192.0.2.0/25") != null);
            Instant frrUp = status(bgplet, FRR).establishedAt();

            // Wait until the listener is up and the passive neighbour is ready (Active).
            await().atMost(SESSION).until(() -> state(bgplet, RAW) == State.ACTIVE);
            try (RawBgpPeer raw = RawBgpPeer.connect(RAW, BGPLET, 179, RawBgpPeer.open(RAW_AS, 9, RAW, false), Duration.ofSeconds(10))) {
                await().atMost(SESSION).until(() -> state(bgplet, RAW) == State.ESTABLISHED);
                assertThat(status(bgplet, RAW).negotiated().orElseThrow().fourOctetAs()).isTrue();

                // Three good routes first.
                for (String nlri : new String[] {"18 c6 12 14", "18 c6 12 15", "18 c6 12 16"}) {
                    raw.send(update(ORIGIN + AS_PATH + NEXT_HOP + MED_100, nlri));
                }
                await().atMost(SESSION).until(() -> best(bgplet, "198.18.20.0/24") != null
                        && best(bgplet, "198.18.21.0/24") != null && best(bgplet, "198.18.22.0/24") != null);
                assertThat(best(bgplet, "198.18.20.0/24").attributes().med()).isEqualTo(100);

                // RFC 7606 7.4: a MED of the wrong length -> treat-as-withdraw, the session stays.
                raw.send(update(ORIGIN + AS_PATH + NEXT_HOP + MED_5_OCTETS, "18 c6 12 14"));
                await().atMost(SESSION).until(() -> best(bgplet, "198.18.20.0/24") == null);
                assertThat(adjIn(bgplet, RAW, "198.18.20.0/24")).isNull();
                assertThat(status(bgplet, RAW).counters().withdrawnByError()).isEqualTo(1);
                assertThat(raw.staysUp(Duration.ofMillis(500))).as("received %s", raw.received()).isTrue();
                assertThat(state(bgplet, RAW)).isEqualTo(State.ESTABLISHED);
                assertThat(best(bgplet, "198.18.21.0/24")).isNotNull();

                // RFC 7606 7.7: an AGGREGATOR of the wrong length -> attribute discard; the route is taken.
                raw.send(update(ORIGIN + AS_PATH + NEXT_HOP + "80 04 04 00 00 00 07" + AGGREGATOR_6_OCTETS, "18 c6 12 15"));
                await().atMost(SESSION).until(() -> best(bgplet, "198.18.21.0/24") != null
                        && best(bgplet, "198.18.21.0/24").attributes().med() == 7);
                assertThat(best(bgplet, "198.18.21.0/24").attributes().aggregator()).isNull();
                assertThat(raw.staysUp(Duration.ofMillis(500))).as("received %s", raw.received()).isTrue();
                assertThat(state(bgplet, RAW)).isEqualTo(State.ESTABLISHED);
                assertThat(status(bgplet, RAW).lastError()).contains("AGGREGATOR");

                // RFC 7606 5.3 / RFC 4271 6.3: an NLRI prefix length of 33 -> session reset, 3/10.
                raw.send(update(ORIGIN + AS_PATH + NEXT_HOP, "21 c6 12 17 00 01"));
                Optional<RawBgpPeer.Received> n = raw.awaitNotification(Duration.ofSeconds(10));
                assertThat(n).as("NOTIFICATION; received %s", raw.received()).isPresent();
                assertThat(n.get().code()).isEqualTo(3);
                assertThat(n.get().subcode()).isEqualTo(10);
                await().atMost(SESSION).until(() -> state(bgplet, RAW) != State.ESTABLISHED);
                // No graceful restart: the raw peer's routes go with its session.
                await().atMost(SESSION).until(() -> best(bgplet, "198.18.21.0/24") == null && best(bgplet, "198.18.22.0/24") == null);
            }

            // The FRR session never went down, and its route is still there.
            assertThat(state(bgplet, FRR)).isEqualTo(State.ESTABLISHED);
            assertThat(status(bgplet, FRR).establishedAt()).isEqualTo(frrUp);
            assertThat(best(bgplet, "192.0.2.0/25")).isNotNull();
            assertThat(frr.isEstablished(BGPLET)).isTrue();
            assertThat(frr.neighbor(BGPLET).path("connectionsEstablished").asInt()).isEqualTo(1);
        }
    }
}
