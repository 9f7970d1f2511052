package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.MARKER;
import static io.bgplet.wire.WireBytes.assertGolden;
import static io.bgplet.wire.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenCodecTest {
    private static final int ID = 0xC0000201; // 192.0.2.1

    @Test
    void goldenWithEveryCapability() {
        byte[] golden = hex(
                MARKER,
                "004a",           // length 74
                "01",             // type OPEN
                "04",             // version 4
                "5ba0",           // My AS 23456 (AS_TRANS)
                "005a",           // hold time 90
                "c0000201",       // BGP identifier 192.0.2.1
                "2d",             // optional parameters length 45
                "02", "2b",       // parameter type 2 (capabilities), length 43
                "01 04 0001 00 01",         // multiprotocol IPv4 unicast
                "01 04 0002 00 01",         // multiprotocol IPv6 unicast
                "02 00",                    // route refresh
                "46 00",                    // enhanced route refresh
                "41 04 fde80001",           // 4-octet AS 4259840001
                "40 0a c078",               // graceful restart: R and N set, restart time 120
                "     0001 01 80",          //   IPv4 unicast, F set
                "     0002 01 00",          //   IPv6 unicast, F clear
                "06 00",                    // extended message
                "49 05 0462677031");        // unknown code 73 (software version), kept raw
        Open open = new Open(4, Open.AS_TRANS, 90, ID, List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.Multiprotocol(Family.IPV6_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.EnhancedRouteRefresh(),
                new Capability.FourOctetAs(4259840001L),
                new Capability.GracefulRestart(true, true, 120, List.of(
                        new Capability.GrFamily(Family.IPV4_UNICAST, true),
                        new Capability.GrFamily(Family.IPV6_UNICAST, false))),
                new Capability.ExtendedMessage(),
                new Capability.Unknown(73, hex("0462677031"))));
        assertGolden(golden, open, CodecOptions.INITIAL);
        assertThat(open.effectiveAs()).isEqualTo(4259840001L);
    }

    @Test
    void goldenWithoutParameters() {
        byte[] golden = hex(MARKER, "001d", "01", "04", "fde8", "0000", "c0000201", "00");
        assertGolden(golden, new Open(4, 65000, 0, ID, List.of()), CodecOptions.INITIAL);
    }

    @Test
    void capabilitiesSpreadOverSeveralParametersAreJoined() {
        byte[] m = WireBytes.message(1, "04 fde8 00b4 c0000201", "08", "02 02 0200", "02 02 4600");
        assertThat(WireBytes.decode(m, CodecOptions.INITIAL)).isEqualTo(new DecodeResult.Ok(new Open(4, 65000, 180, ID,
                List.of(new Capability.RouteRefresh(), new Capability.EnhancedRouteRefresh()))));
    }

    @Test
    void extendedOptionalParametersRoundTrip() {
        // RFC 9072: more than 255 octets of capabilities need the 0xff 0xff form.
        List<Capability> caps = new ArrayList<>();
        for (int i = 0; i < 70; i++) caps.add(new Capability.Unknown(200, new byte[] {(byte) i, 1}));
        Open open = new Open(4, 65000, 90, ID, caps);
        byte[] b = WireBytes.encode(open, CodecOptions.INITIAL);
        assertThat(b[28] & 0xFF).isEqualTo(255);
        assertThat(b[29] & 0xFF).isEqualTo(255);
        assertThat(((b[30] & 0xFF) << 8) | (b[31] & 0xFF)).isEqualTo(3 + 70 * 4);
        assertThat(WireBytes.decode(b, CodecOptions.INITIAL)).isEqualTo(new DecodeResult.Ok(open));
    }

    @Test
    void goldenExtendedOptionalParameters() {
        byte[] golden = hex(MARKER, "0025", "01", "04 fde8 005a c0000201",
                "ff",            // non-extended length 255
                "ff",            // non-extended type 255: the RFC 9072 form
                "0005",          // extended optional parameters length 5
                "02 0002",       // capabilities, 2-octet length 2
                "0200");         // route refresh
        assertThat(WireBytes.decode(golden, CodecOptions.INITIAL))
                .isEqualTo(new DecodeResult.Ok(new Open(4, 65000, 90, ID, List.of(new Capability.RouteRefresh()))));
    }

    private static Notification fatal(String... body) {
        DecodeResult r = WireBytes.decode(WireBytes.message(1, body), CodecOptions.INITIAL);
        assertThat(r).isInstanceOf(DecodeResult.Fatal.class);
        return ((DecodeResult.Fatal) r).notification();
    }

    @Test
    void unsupportedVersion() {
        assertThat(fatal("03 fde8 005a c0000201 00")).isEqualTo(new Notification(2, 1, new byte[] {0, 4}));
    }

    @Test
    void unacceptableHoldTime() {
        assertThat(fatal("04 fde8 0002 c0000201 00")).isEqualTo(new Notification(2, 6));
    }

    @Test
    void zeroIdentifier() {
        assertThat(fatal("04 fde8 005a 00000000 00")).isEqualTo(new Notification(2, 3));
    }

    @Test
    void unsupportedOptionalParameter() {
        assertThat(fatal("04 fde8 005a c0000201 04", "01 02 0000")).isEqualTo(new Notification(2, 4));
    }

    @Test
    void optionalParametersLongerThanTheMessage() {
        assertThat(fatal("04 fde8 005a c0000201 10", "02 02 0200")).isEqualTo(new Notification(2, 0));
    }

    @Test
    void capabilityOverrunningItsParameter() {
        assertThat(fatal("04 fde8 005a c0000201 04", "02 02 0104")).isEqualTo(new Notification(2, 0));
    }

    @Test
    void knownCapabilityWithBadLength() {
        assertThat(fatal("04 fde8 005a c0000201 05", "02 03 4101 00")).isEqualTo(new Notification(2, 0));
        assertThat(fatal("04 fde8 005a c0000201 07", "02 05 4003 0001 01")).isEqualTo(new Notification(2, 0));
    }
}
