package io.bgplet.wire;

import io.netty.buffer.ByteBuf;

/**
 * Encodes and decodes whole BGP messages (19-octet header included). Stateless and
 * sharable; session state arrives as {@link CodecOptions}.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /**
     * Decodes one whole message; frame holds exactly its bytes (header included). The
     * buffer's reader index is advanced; the buffer is not released.
     */
    public static DecodeResult decode(ByteBuf frame, CodecOptions options) {
        throw new UnsupportedOperationException("codec not written yet");
    }

    /** Appends the encoding of message to out. */
    public static void encode(Message message, CodecOptions options, ByteBuf out) {
        throw new UnsupportedOperationException("codec not written yet");
    }

    public static byte[] encode(Message message, CodecOptions options) {
        throw new UnsupportedOperationException("codec not written yet");
    }

    public static DecodeResult decode(byte[] bytes, CodecOptions options) {
        throw new UnsupportedOperationException("codec not written yet");
    }
}
