package io.bgplet.fib;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds a netlink message body (after the nlmsghdr) in native byte order, with rtattr padding. */
final class MessageWriter {
    private ByteBuffer buf = ByteBuffer.allocate(256).order(ByteOrder.nativeOrder());

    MessageWriter u8(int v) {
        room(1);
        buf.put((byte) v);
        return this;
    }

    MessageWriter u16(int v) {
        room(2);
        buf.putShort((short) v);
        return this;
    }

    MessageWriter u32(int v) {
        room(4);
        buf.putInt(v);
        return this;
    }

    MessageWriter attr(int type, byte[] value) {
        int len = 4 + value.length;
        room(Netlink.align(len));
        buf.putShort((short) len).putShort((short) type).put(value);
        pad();
        return this;
    }

    MessageWriter attrU32(int type, int value) {
        room(8);
        buf.putShort((short) 8).putShort((short) type).putInt(value);
        return this;
    }

    /** Starts a nested attribute or a struct with its own length (rtnexthop); returns its start. */
    int begin(int type) {
        room(4);
        int start = buf.position();
        buf.putShort((short) 0).putShort((short) type);
        return start;
    }

    /** Writes the length of what was begun at {@code start} and pads to 4 bytes. */
    void end(int start) {
        buf.putShort(start, (short) (buf.position() - start));
        pad();
    }

    int position() {
        return buf.position();
    }

    void putU16(int at, int v) {
        buf.putShort(at, (short) v);
    }

    ByteBuffer done() {
        return buf.duplicate().flip().order(ByteOrder.nativeOrder());
    }

    private void pad() {
        int target = Netlink.align(buf.position());
        room(target - buf.position());
        while (buf.position() < target) buf.put((byte) 0);
    }

    private void room(int n) {
        if (buf.remaining() >= n) return;
        ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.nativeOrder());
        buf.flip();
        bigger.put(buf);
        buf = bigger;
    }
}
