package io.bgplet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;

/** Builds test messages from hex fields, and checks codec round trips with buffer accounting. */
final class WireBytes {
    static final String MARKER = "ffffffffffffffffffffffffffffffff";

    private WireBytes() {}

    /** Concatenates hex fields; spaces inside a field are ignored. */
    static byte[] hex(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields) sb.append(f.replace(" ", ""));
        return HexFormat.of().parseHex(sb.toString());
    }

    /** A whole message: marker, computed length, type, body. */
    static byte[] message(int type, String... body) {
        byte[] b = hex(body);
        byte[] m = new byte[19 + b.length];
        for (int i = 0; i < 16; i++) m[i] = (byte) 0xFF;
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(b, 0, m, 19, b.length);
        return m;
    }

    /** An UPDATE from its three parts, with both lengths computed. */
    static byte[] update(String withdrawn, String attributes, String nlri) {
        int w = hex(withdrawn).length, a = hex(attributes).length;
        return message(2, String.format("%04x", w), withdrawn, String.format("%04x", a), attributes, nlri);
    }

    /** Decodes through a ByteBuf and checks the codec consumed the frame but did not release it. */
    static DecodeResult decode(byte[] bytes, CodecOptions options) {
        ByteBuf in = Unpooled.copiedBuffer(bytes);
        try {
            DecodeResult r = MessageCodec.decode(in, options);
            assertThat(in.refCnt()).isEqualTo(1);
            assertThat(in.readableBytes()).isZero();
            return r;
        } finally {
            assertThat(in.release()).isTrue();
        }
    }

    /** Encodes into a direct buffer, checks it is still held once, and returns the bytes. */
    static byte[] encode(Message m, CodecOptions options) {
        ByteBuf out = Unpooled.directBuffer(64);
        try {
            MessageCodec.encode(m, options, out);
            assertThat(out.refCnt()).isEqualTo(1);
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            return b;
        } finally {
            assertThat(out.release()).isTrue();
        }
    }

    /** decode(golden) is Ok(expected) and encode(expected) is golden. */
    static void assertGolden(byte[] golden, Message expected, CodecOptions options) {
        assertThat(decode(golden, options)).isEqualTo(new DecodeResult.Ok(expected));
        assertThat(HexFormat.of().formatHex(encode(expected, options))).isEqualTo(HexFormat.of().formatHex(golden));
    }

    static String hexOf(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
