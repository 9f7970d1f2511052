package io.bgplet.wire;

import io.netty.buffer.ByteBuf;

/** The 19-octet message header: 16 octets of marker, 2 of length, 1 of type (RFC 4271 4.1). */
final class Header {
    static final int LENGTH = 19;
    static final int MAX_STANDARD = 4096;

    private Header() {}

    /** Checks marker, length and type of the header at the reader index, without consuming it. */
    static Framing check(ByteBuf in, CodecOptions options) {
        if (in.readableBytes() < LENGTH) return Framing.NeedMore.INSTANCE;
        int at = in.readerIndex();
        // RFC 4271 6.1: the marker must be all ones, else Connection Not Synchronized.
        if (in.getLong(at) != -1L || in.getLong(at + 8) != -1L) {
            return invalid(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.CONNECTION_NOT_SYNCHRONIZED), "marker is not all ones");
        }
        int length = in.getUnsignedShort(at + 16);
        int type = in.getUnsignedByte(at + 18);
        int min = switch (type) {
            case Message.TYPE_OPEN -> 29;
            case Message.TYPE_UPDATE -> 23;
            case Message.TYPE_NOTIFICATION -> 21;
            case Message.TYPE_KEEPALIVE -> LENGTH;
            // RFC 7313 5: a ROUTE-REFRESH of the wrong length is a ROUTE-REFRESH error, not a header error.
            case Message.TYPE_ROUTE_REFRESH -> LENGTH;
            default -> -1;
        };
        if (min < 0) {
            return invalid(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_TYPE, new byte[] {(byte) type}),
                    "message type " + type);
        }
        // RFC 8654 4: OPEN and KEEPALIVE stay within 4096 octets even with extended messages.
        int max = type == Message.TYPE_OPEN || type == Message.TYPE_KEEPALIVE ? MAX_STANDARD : options.maxMessageLength();
        if (length < min || length > max || (type == Message.TYPE_KEEPALIVE && length != LENGTH)) {
            return invalid(new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.BAD_MESSAGE_LENGTH,
                    new byte[] {(byte) (length >>> 8), (byte) length}), "length " + length + " for message type " + type);
        }
        return new Framing.Frame(length, type);
    }

    private static Framing invalid(Notification n, String why) {
        return new Framing.Invalid(new DecodeResult.Fatal(n, why));
    }

    /** Writes a header with a zero length; {@link #finish} fills it in. Returns the header's index. */
    static int start(ByteBuf out, int type) {
        int at = out.writerIndex();
        out.writeLong(-1L).writeLong(-1L).writeShort(0).writeByte(type);
        return at;
    }

    /** Sets the length of the message begun at {@code at}; refuses one longer than max. */
    static void finish(ByteBuf out, int at, int max) {
        int length = out.writerIndex() - at;
        if (length > max) {
            out.writerIndex(at);
            throw new IllegalArgumentException("message of " + length + " octets exceeds " + max);
        }
        out.setShort(at + 16, length);
    }
}
