package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.MARKER;
import static io.bgplet.wire.WireBytes.assertGolden;
import static io.bgplet.wire.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RouteRefreshCodecTest {
    @Test
    void goldenRequest() {
        byte[] golden = hex(
                MARKER,
                "0017",   // length 23
                "05",     // type ROUTE-REFRESH
                "0002",   // AFI IPv6
                "00",     // subtype 0: request (RFC 7313)
                "01");    // SAFI unicast
        assertGolden(golden, RouteRefresh.request(Family.IPV6_UNICAST), CodecOptions.MODERN);
    }

    @Test
    void goldenBeginningOfRefresh() {
        byte[] golden = hex(MARKER, "0017", "05", "0001", "01", "01"); // IPv4 unicast, BoRR
        assertGolden(golden, new RouteRefresh(Family.IPV4_UNICAST, RouteRefresh.BORR), CodecOptions.MODERN);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 3, 5, 40})
    void wrongLengthIsInvalidMessageLengthWithTheWholeMessage(int bodyLength) {
        byte[] m = WireBytes.message(5, "00".repeat(bodyLength));
        DecodeResult.Fatal f = (DecodeResult.Fatal) WireBytes.decode(m, CodecOptions.MODERN);
        assertThat(f.notification().code()).isEqualTo(7);
        assertThat(f.notification().subcode()).isEqualTo(1);
        assertThat(f.notification().data()).isEqualTo(m);
    }
}
