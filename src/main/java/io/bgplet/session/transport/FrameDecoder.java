package io.bgplet.session.transport;

import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.MessageCodec;
import io.bgplet.wire.Notification;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.function.Supplier;

/**
 * Cuts the byte stream into messages (RFC 4271 section 4.1) and decodes each on the event
 * loop that read it, emitting {@link DecodeResult}s. The marker and length are checked here
 * because framing depends on them; everything else is the codec's. After a fatal result the
 * rest of the stream is discarded: the session is being reset.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    static final int HEADER = 19;
    private final Supplier<io.bgplet.wire.CodecOptions> options;
    private boolean failed;

    FrameDecoder(Supplier<io.bgplet.wire.CodecOptions> options) {
        this.options = options;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < HEADER) return;
        int start = in.readerIndex();
        for (int i = 0; i < 16; i++) {
            if (in.getByte(start + i) != (byte) 0xFF) {
                fail(out, new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.CONNECTION_NOT_SYNCHRONIZED), "bad marker");
                in.skipBytes(in.readableBytes());
                return;
            }
        }
        var opts = options.get();
        int length = in.getUnsignedShort(start + 16);
        if (length < HEADER || length > opts.maxMessageLength()) {
            // RFC 4271 6.1: the data is the erroneous Length field.
            fail(out, new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_LENGTH,
                    new byte[] {(byte) (length >> 8), (byte) length}), "bad message length " + length);
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < length) return;
        DecodeResult r = MessageCodec.decode(in.readSlice(length), opts);
        if (r instanceof DecodeResult.Fatal) failed = true;
        out.add(r);
    }

    private void fail(List<Object> out, Notification n, String problem) {
        failed = true;
        out.add(new DecodeResult.Fatal(n, problem));
    }
}
