package io.bgplet.fib;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One netlink attribute (struct rtattr / struct nlattr: u16 length including the 4-byte
 * header, u16 type, value padded to 4 bytes). The value is a view into the message.
 */
record Attr(int type, ByteBuffer value) {
    /** Type bits without NLA_F_NESTED and NLA_F_NET_BYTEORDER. */
    static final int TYPE_MASK = 0x3FFF;

    static List<Attr> parse(ByteBuffer b, int offset) {
        List<Attr> out = new ArrayList<>();
        int pos = offset;
        int limit = b.limit();
        while (limit - pos >= 4) {
            int len = b.getShort(pos) & 0xFFFF;
            if (len < 4 || len > limit - pos) break;
            int type = b.getShort(pos + 2) & TYPE_MASK;
            out.add(new Attr(type, b.slice(pos + 4, len - 4).order(ByteOrder.nativeOrder())));
            pos += Netlink.align(len);
        }
        return out;
    }

    byte[] bytes() {
        byte[] out = new byte[value.remaining()];
        value.get(0, out);
        return out;
    }

    int u32() {
        return value.getInt(0);
    }
}
