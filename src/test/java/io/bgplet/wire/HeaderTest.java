package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.hex;
import static io.bgplet.wire.WireBytes.MARKER;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 4271 4.1 and 6.1: framing and header errors, as a frame decoder sees them. */
class HeaderTest {

    private static Framing frame(byte[] bytes) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            Framing f = MessageCodec.frameLength(in, CodecOptions.MODERN);
            assertThat(in.readerIndex()).isZero();
            return f;
        } finally {
            in.release();
        }
    }

    @Test
    void needsNineteenOctets() {
        assertThat(frame(hex(MARKER, "00"))).isInstanceOf(Framing.NeedMore.class);
    }

    @Test
    void readsLengthAndTypeBeforeTheBodyArrives() {
        assertThat(frame(hex(MARKER, "0017", "02"))).isEqualTo(new Framing.Frame(23, 2));
    }

    @Test
    void badMarkerIsConnectionNotSynchronized() {
        byte[] b = hex(MARKER, "0013", "04");
        b[3] = 0;
        Framing.Invalid i = (Framing.Invalid) frame(b);
        assertThat(i.fatal().notification()).isEqualTo(new Notification(1, 1));
    }

    @ParameterizedTest(name = "type {0} length {1}")
    @CsvSource({
        "1, 28",     // OPEN below 29
        "2, 22",     // UPDATE below 23
        "3, 20",     // NOTIFICATION below 21
        "4, 20",     // KEEPALIVE is exactly 19
        "2, 4097",   // above 4096 without extended messages
        "1, 18",     // below the header itself
        "2, 0",
    })
    void badLengthCarriesTheLength(int type, int length) {
        Framing.Invalid i = (Framing.Invalid) frame(hex(MARKER, String.format("%04x%02x", length, type)));
        assertThat(i.fatal().notification()).isEqualTo(new Notification(1, 2, new byte[] {(byte) (length >>> 8), (byte) length}));
    }

    @Test
    void extendedMessagesAllowLongUpdatesButNotLongOpens() {
        ByteBuf in = Unpooled.wrappedBuffer(hex(MARKER, "ffff02"));
        assertThat(MessageCodec.frameLength(in, new CodecOptions(true, true, false))).isEqualTo(new Framing.Frame(65535, 2));
        in.release();
        in = Unpooled.wrappedBuffer(hex(MARKER, "100101"));
        assertThat(MessageCodec.frameLength(in, new CodecOptions(true, true, false))).isInstanceOf(Framing.Invalid.class);
        in.release();
    }

    @ParameterizedTest
    @CsvSource({"0", "6", "255"})
    void badTypeCarriesTheType(int type) {
        Framing.Invalid i = (Framing.Invalid) frame(hex(MARKER, "0013", String.format("%02x", type)));
        assertThat(i.fatal().notification()).isEqualTo(new Notification(1, 3, new byte[] {(byte) type}));
    }

    @Test
    void truncatedFrameIsBadLength() {
        DecodeResult r = MessageCodec.decode(hex(MARKER, "0020", "02", "0000"), CodecOptions.MODERN);
        assertThat(((DecodeResult.Fatal) r).notification()).isEqualTo(new Notification(1, 2, new byte[] {0, 0x20}));
    }

    @Test
    void decodeConsumesOneMessageOfAStream() {
        ByteBuf in = Unpooled.wrappedBuffer(hex(MARKER, "0013", "04", MARKER, "0013", "04"));
        assertThat(MessageCodec.decode(in, CodecOptions.MODERN)).isEqualTo(new DecodeResult.Ok(Keepalive.INSTANCE));
        assertThat(in.readerIndex()).isEqualTo(19);
        assertThat(MessageCodec.decode(in, CodecOptions.MODERN)).isEqualTo(new DecodeResult.Ok(Keepalive.INSTANCE));
        assertThat(in.isReadable()).isFalse();
        assertThat(in.release()).isTrue();
    }
}
