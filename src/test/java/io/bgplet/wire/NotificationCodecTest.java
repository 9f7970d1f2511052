package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.MARKER;
import static io.bgplet.wire.WireBytes.assertGolden;
import static io.bgplet.wire.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NotificationCodecTest {
    @Test
    void goldenWithData() {
        byte[] golden = hex(
                MARKER,
                "0017",       // length 23
                "03",         // type NOTIFICATION
                "01",         // code 1 Message Header Error
                "02",         // subcode 2 Bad Message Length
                "1001");      // data: the bad length 4097
        assertGolden(golden, new Notification(1, 2, new byte[] {0x10, 0x01}), CodecOptions.MODERN);
    }

    @Test
    void goldenShutdownCommunication() {
        byte[] golden = hex(
                MARKER,
                "0019",       // length 25
                "03",
                "06",         // Cease
                "02",         // Administrative Shutdown
                "03",         // RFC 8203 length 3
                "627965");    // "bye"
        Notification n = Notification.shutdown(2, "bye");
        assertGolden(golden, n, CodecOptions.MODERN);
        assertThat(n.shutdownCommunication()).isEqualTo("bye");
    }

    @Test
    void shutdownCommunicationLongerThanItsDataIsNotRead() {
        // BIRD CVE-2019-16159: the length octet claims 200 octets, 2 follow.
        DecodeResult r = MessageCodec.decode(hex(MARKER, "0018", "03", "0602", "c8", "6869"), CodecOptions.MODERN);
        Notification n = (Notification) ((DecodeResult.Ok) r).message();
        assertThat(n.shutdownCommunication()).isNull();
        assertThat(n.describe()).contains("6/2");
    }
}
