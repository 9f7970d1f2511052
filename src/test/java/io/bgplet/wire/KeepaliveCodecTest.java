package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.MARKER;
import static io.bgplet.wire.WireBytes.assertGolden;
import static io.bgplet.wire.WireBytes.hex;

import org.junit.jupiter.api.Test;

class KeepaliveCodecTest {
    @Test
    void golden() {
        byte[] golden = hex(
                MARKER,   // marker, 16 octets of ones
                "0013",   // length 19
                "04");    // type KEEPALIVE
        assertGolden(golden, Keepalive.INSTANCE, CodecOptions.INITIAL);
    }
}
