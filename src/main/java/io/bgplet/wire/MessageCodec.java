package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Encodes and decodes whole BGP messages (19-octet header included). Stateless and
 * sharable; session state arrives as {@link CodecOptions}. A facade: the header, each
 * message type and the attribute table have their own classes.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /**
     * Reads the header at the reader index without consuming anything (RFC 4271 6.1): a
     * frame decoder calls this first, waits for {@link Framing.Frame#length()} octets, and
     * sends the NOTIFICATION of an {@link Framing.Invalid} at once.
     */
    public static Framing frameLength(ByteBuf in, CodecOptions options) {
        return Header.check(in, options);
    }

    /**
     * Decodes one whole message; frame holds at least its bytes (header included). The
     * buffer's reader index is advanced past the message (or to the end, when the header is
     * bad); the buffer is not released. Errors are values, never exceptions.
     */
    public static DecodeResult decode(ByteBuf frame, CodecOptions options) {
        Framing framing = Header.check(frame, options);
        int start = frame.readerIndex();
        return switch (framing) {
            case Framing.NeedMore n -> {
                frame.readerIndex(frame.writerIndex());
                yield new DecodeResult.Fatal(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_LENGTH),
                        "message shorter than its header");
            }
            case Framing.Invalid i -> {
                frame.readerIndex(frame.writerIndex());
                yield i.fatal();
            }
            case Framing.Frame f -> {
                if (f.length() > frame.readableBytes()) {
                    int had = frame.readableBytes();
                    frame.readerIndex(frame.writerIndex());
                    yield new DecodeResult.Fatal(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_LENGTH,
                            new byte[] {(byte) (f.length() >>> 8), (byte) f.length()}), "message truncated at " + had + " octets");
                }
                int end = start + f.length();
                int body = start + Header.LENGTH;
                DecodeResult r = switch (f.type()) {
                    case Message.TYPE_OPEN -> OpenCodec.decode(frame, body, end);
                    case Message.TYPE_UPDATE -> UpdateDecoder.decode(frame, start, end, options);
                    case Message.TYPE_NOTIFICATION -> NotificationCodec.decode(frame, body, end);
                    case Message.TYPE_KEEPALIVE -> new DecodeResult.Ok(Keepalive.INSTANCE);
                    default -> RouteRefreshCodec.decode(frame, start, end);
                };
                frame.readerIndex(end);
                yield r;
            }
        };
    }

    /** Appends the encoding of message to out; refuses (IllegalArgumentException) one that would be malformed or too long. */
    public static void encode(Message message, CodecOptions options, ByteBuf out) {
        int at = Header.start(out, message.type());
        try {
            switch (message) {
                case Open o -> OpenCodec.encode(o, out);
                case Update u -> UpdateEncoder.encode(u, options, out);
                case Notification n -> NotificationCodec.encode(n, out);
                case Keepalive k -> { }
                case RouteRefresh r -> RouteRefreshCodec.encode(r, out);
            }
        } catch (RuntimeException e) {
            out.writerIndex(at);
            throw e;
        }
        // RFC 8654 4: OPEN and KEEPALIVE never exceed 4096 octets.
        boolean small = message instanceof Open || message instanceof Keepalive;
        Header.finish(out, at, small ? Header.MAX_STANDARD : options.maxMessageLength());
    }

    public static byte[] encode(Message message, CodecOptions options) {
        ByteBuf out = Unpooled.buffer(256);
        try {
            encode(message, options, out);
            byte[] b = new byte[out.readableBytes()];
            out.readBytes(b);
            return b;
        } finally {
            out.release();
        }
    }

    public static DecodeResult decode(byte[] bytes, CodecOptions options) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return decode(in, options);
        } finally {
            in.release();
        }
    }
}
