package io.bgplet.session;

import io.bgplet.wire.Capability;
import io.bgplet.wire.CodecOptions;
import io.bgplet.wire.Family;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Open;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** OPEN validation (RFC 4271 6.2, RFC 6286, RFC 6793, RFC 7607) and capability negotiation. */
class NegotiationTest {

    /**
     * One row per check. configured peer AS | version | 2-octet My AS | 4-octet AS capability
     * (-1 = none) | hold | BGP identifier | expected ("ok HOLD/KEEPALIVE" or the NOTIFICATION).
     * Our side: AS 65001, 192.0.2.1, hold 90.
     */
    @ParameterizedTest(name = "{index}: {6}")
    @CsvSource(delimiter = '|', textBlock = """
        65002      | 4 | 65002 | 65002      | 90 | 192.0.2.2 | ok 90/30
        65002      | 3 | 65002 | 65002      | 90 | 192.0.2.2 | 2/1 0004
        65002      | 5 | 65002 | 65002      | 90 | 192.0.2.2 | 2/1 0004
        65002      | 4 | 65003 | 65003      | 90 | 192.0.2.2 | 2/2
        65002      | 4 | 65002 | -1         | 90 | 192.0.2.2 | ok 90/30
        0          | 4 | 65077 | 65077      | 90 | 192.0.2.2 | ok 90/30
        0          | 4 | 0     | -1         | 90 | 192.0.2.2 | 2/2
        0          | 4 | 23456 | 0          | 90 | 192.0.2.2 | 2/2
        4200000000 | 4 | 23456 | 4200000000 | 90 | 192.0.2.2 | ok 90/30
        4200000000 | 4 | 23456 | -1         | 90 | 192.0.2.2 | 2/2
        23456      | 4 | 23456 | -1         | 90 | 192.0.2.2 | ok 90/30
        65002      | 4 | 65002 | 65002      | 90 | 0.0.0.0   | 2/3
        65002      | 4 | 65002 | 65002      | 90 | 192.0.2.1 | ok 90/30
        65001      | 4 | 65001 | 65001      | 90 | 192.0.2.1 | 2/3
        65001      | 4 | 65001 | 65001      | 90 | 192.0.2.9 | ok 90/30
        65002      | 4 | 65002 | 65002      | 1  | 192.0.2.2 | 2/6
        65002      | 4 | 65002 | 65002      | 2  | 192.0.2.2 | 2/6
        65002      | 4 | 65002 | 65002      | 0  | 192.0.2.2 | ok 0/0
        65002      | 4 | 65002 | 65002      | 3  | 192.0.2.2 | ok 3/1
        65002      | 4 | 65002 | 65002      | 30 | 192.0.2.2 | ok 30/10
        65002      | 4 | 65002 | 65002      | 65535 | 192.0.2.2 | ok 90/30
        """)
    void validates(long configuredPeerAs, int version, int myAs, long as4, int hold, String id, String expected) {
        SessionConfig config = SessionConfig.of(65001, configuredPeerAs, Fixtures.ID_LOCAL);
        List<Capability> caps = as4 < 0 ? List.of() : List.of(new Capability.FourOctetAs(as4));
        Open open = new Open(version, myAs, hold, ipv4(id), caps);
        assertThat(outcome(Negotiation.negotiate(config, open))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "configured keepalive {0} with hold {1} -> {2}")
    @CsvSource({"0,90,30", "10,90,10", "60,90,30", "60,0,0", "5,3,1"})
    void keepaliveIsConfiguredButCappedAtAThirdOfHold(int keepalive, int hold, int expected) {
        SessionConfig config = SessionConfig.of(65001, 65002, Fixtures.ID_LOCAL).withHoldTime(90, keepalive);
        var out = (Negotiation.Outcome.Accepted) Negotiation.negotiate(config, Fixtures.open(4, 65002, hold, Fixtures.ID_PEER));
        assertThat(out.negotiated().keepaliveTime()).isEqualTo(expected);
    }

    @Test
    void capabilitiesBothSidesAnnounceAreNegotiated() {
        SessionConfig config = Fixtures.local().withExtendedMessage(true);
        Open peer = new Open(4, Open.AS_TRANS, 90, Fixtures.ID_PEER, List.of(
                new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.Multiprotocol(new Family(1, 128)),
                new Capability.FourOctetAs(65002),
                new Capability.ExtendedMessage(),
                new Capability.Unknown(200, new byte[] {1}),
                new Capability.GracefulRestart(true, true, 300, List.of(
                        new Capability.GrFamily(Family.IPV6_UNICAST, true), new Capability.GrFamily(Family.IPV4_UNICAST, false)))));
        var n = ((Negotiation.Outcome.Accepted) Negotiation.negotiate(config, peer)).negotiated();
        assertThat(n.peerAs()).isEqualTo(65002);
        assertThat(n.families()).isEqualTo(Set.of(Family.IPV6_UNICAST));
        assertThat(n.routeRefresh()).isFalse();
        assertThat(n.enhancedRouteRefresh()).isFalse();
        assertThat(n.extendedMessage()).isTrue();
        assertThat(n.internal()).isFalse();
        assertThat(n.codecOptions()).isEqualTo(new CodecOptions(true, true, false));
        var gr = n.gracefulRestart().orElseThrow();
        assertThat(gr.peerRestarting()).isTrue();
        assertThat(gr.peerRestartTime()).isEqualTo(300);
        assertThat(gr.peerForwarding()).isEqualTo(Map.of(Family.IPV6_UNICAST, true, Family.IPV4_UNICAST, false));
        assertThat(gr.notification()).isTrue();
        assertThat(n.notificationBit()).isTrue();
    }

    @Test
    void withoutMultiprotocolThePeerSpeaksIpv4UnicastOnlyAndTwoOctetAs() {
        Open peer = new Open(4, 65002, 90, Fixtures.ID_PEER, List.of());
        var n = ((Negotiation.Outcome.Accepted) Negotiation.negotiate(Fixtures.local(), peer)).negotiated();
        assertThat(n.families()).isEqualTo(Set.of(Family.IPV4_UNICAST));
        assertThat(n.fourOctetAs()).isFalse();
        assertThat(n.gracefulRestart()).isEmpty();
        assertThat(n.codecOptions()).isEqualTo(CodecOptions.INITIAL);
    }

    @Test
    void extendedMessageNeedsBothSidesAndGrNeedsOurCapabilityToo() {
        SessionConfig noGr = SessionConfig.of(65001, 65002, Fixtures.ID_LOCAL);
        Open peer = Fixtures.open(4, 65002, 90, Fixtures.ID_PEER, new Capability.ExtendedMessage(), Fixtures.gr(true, true));
        var n = ((Negotiation.Outcome.Accepted) Negotiation.negotiate(noGr, peer)).negotiated();
        assertThat(n.extendedMessage()).isFalse();
        assertThat(n.gracefulRestart()).isEmpty();
    }

    @Test
    void iBgpIsInternalForTheCodec() {
        SessionConfig config = SessionConfig.of(65001, 65001, Fixtures.ID_LOCAL);
        var n = ((Negotiation.Outcome.Accepted) Negotiation.negotiate(config, Fixtures.open(4, 65001, 90, Fixtures.ID_PEER))).negotiated();
        assertThat(n.internal()).isTrue();
        assertThat(n.codecOptions().internalPeer()).isTrue();
    }

    @Test
    void localOpenCarriesAsTransForFourOctetAsAndOurCapabilities() {
        SessionConfig config = SessionConfig.of(4200000000L, 65002, Fixtures.ID_LOCAL)
                .withGracefulRestart(new SessionConfig.GracefulRestartConfig(120, true, true));
        Open open = Negotiation.localOpen(config);
        assertThat(open.version()).isEqualTo(4);
        assertThat(open.myAs()).isEqualTo(Open.AS_TRANS);
        assertThat(open.effectiveAs()).isEqualTo(4200000000L);
        assertThat(open.holdTime()).isEqualTo(90);
        assertThat(open.bgpIdentifier()).isEqualTo(Fixtures.ID_LOCAL);
        assertThat(open.families()).containsExactly(Family.IPV4_UNICAST, Family.IPV6_UNICAST);
        var gr = open.capability(Capability.GracefulRestart.class).orElseThrow();
        assertThat(gr.restarting()).isTrue();
        assertThat(gr.notification()).isTrue();
        assertThat(gr.restartTime()).isEqualTo(120);
        assertThat(gr.families()).extracting(Capability.GrFamily::forwardingPreserved).containsOnly(true);
        assertThat(Negotiation.localOpen(SessionConfig.of(65001, 65002, Fixtures.ID_LOCAL)).myAs()).isEqualTo(65001);
        assertThat(Negotiation.localOpen(SessionConfig.of(65001, 65002, Fixtures.ID_LOCAL)).capability(Capability.GracefulRestart.class)).isEmpty();
    }

    private static String outcome(Negotiation.Outcome o) {
        return switch (o) {
            case Negotiation.Outcome.Accepted a -> "ok " + a.negotiated().holdTime() + "/" + a.negotiated().keepaliveTime();
            case Negotiation.Outcome.Rejected r -> {
                Notification n = r.notification();
                String s = n.code() + "/" + n.subcode();
                yield n.data().length == 0 ? s : s + " " + java.util.HexFormat.of().formatHex(n.data());
            }
        };
    }

    private static int ipv4(String s) {
        String[] p = s.split("\\.");
        return Fixtures.ip(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
    }
}
