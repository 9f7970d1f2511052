package io.bgplet.session.transport;

import io.bgplet.wire.CodecOptions;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Framing;
import io.bgplet.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.List;
import java.util.function.Supplier;

/**
 * Cuts the byte stream into messages (RFC 4271 section 4.1) and decodes each on the event
 * loop that read it, emitting {@link DecodeResult}s. The codec checks each 19-octet header
 * first, so a bad marker, length or type is refused before the body is buffered. After a
 * fatal result the rest of the stream is discarded: the session is being reset.
 */
final class FrameDecoder extends ByteToMessageDecoder {
    private final Supplier<CodecOptions> options;
    private boolean failed;

    FrameDecoder(Supplier<CodecOptions> options) {
        this.options = options;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        CodecOptions opts = options.get();
        switch (MessageCodec.frameLength(in, opts)) {
            case Framing.NeedMore n -> { }
            case Framing.Invalid i -> {
                failed = true;
                in.skipBytes(in.readableBytes());
                out.add(i.fatal());
            }
            case Framing.Frame f -> {
                if (in.readableBytes() < f.length()) return;
                io.netty.buffer.ByteBuf frame = in.readSlice(f.length());
                DecodeResult r = MessageCodec.decode(frame, opts);
                if (r instanceof DecodeResult.Fatal) failed = true;
                // Malformed messages keep their bytes for the log; well-formed ones cost nothing.
                out.add(r instanceof DecodeResult.Ok ? r : new Malformed(r, io.netty.buffer.ByteBufUtil.getBytes(frame, 0, frame.capacity())));
            }
        }
    }
}
