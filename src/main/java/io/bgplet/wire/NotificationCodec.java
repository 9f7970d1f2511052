package io.bgplet.wire;

import io.netty.buffer.ByteBuf;

/** NOTIFICATION (RFC 4271 4.5): code, subcode, data to the end of the message. */
final class NotificationCodec {
    private NotificationCodec() {}

    static DecodeResult decode(ByteBuf in, int body, int end) {
        int code = in.getUnsignedByte(body);
        int subcode = in.getUnsignedByte(body + 1);
        byte[] data = new byte[end - body - 2];
        in.getBytes(body + 2, data);
        return new DecodeResult.Ok(new Notification(code, subcode, data));
    }

    static void encode(Notification n, ByteBuf out) {
        if (n.code() < 0 || n.code() > 255 || n.subcode() < 0 || n.subcode() > 255) {
            throw new IllegalArgumentException("notification code/subcode out of range: " + n);
        }
        out.writeByte(n.code()).writeByte(n.subcode()).writeBytes(n.data());
    }
}
