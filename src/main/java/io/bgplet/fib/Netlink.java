package io.bgplet.fib;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

/**
 * A NETLINK_ROUTE socket (netlink(7), rtnetlink(7)) over FFM. Requests carry a sequence
 * number and are read until their ACK, their NLMSG_DONE or their NLMSG_ERROR; a socket opened
 * with multicast groups instead delivers notifications through {@link #receive()}, and must
 * not be used for requests (notifications would interleave with replies).
 *
 * <p>The socket belongs to the network namespace of the thread that created it, for life:
 * {@link #openIn} creates it on a short-lived platform thread that has entered another
 * namespace with setns(2), so the JVM's other threads never leave theirs.
 */
public final class Netlink implements AutoCloseable {
    static final int NLMSG_HDRLEN = 16;
    static final int NLMSG_NOOP = 1;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLMSG_OVERRUN = 4;

    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_MULTI = 0x2;
    public static final int NLM_F_ACK = 0x4;
    /** GET modifiers. */
    public static final int NLM_F_DUMP = 0x300;
    /** NEW modifiers. */
    public static final int NLM_F_REPLACE = 0x100;
    public static final int NLM_F_EXCL = 0x200;
    public static final int NLM_F_CREATE = 0x400;
    /** ACK flags: the error carries only the request's header, and TLVs follow (NETLINK_EXT_ACK). */
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;

    /** rtnetlink multicast groups (enum rtnetlink_groups). */
    public static final int RTNLGRP_IPV4_ROUTE = 7;
    public static final int RTNLGRP_IPV6_ROUTE = 11;

    private static final int BUFFER = 256 * 1024;

    /** One netlink message: header fields and the payload after the header (native order). */
    public record Message(int type, int flags, int seq, ByteBuffer payload) {
    }

    private final int fd;
    private final String where;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment receiveBuffer = arena.allocate(BUFFER, 8);
    private final Object receiveLock = new Object();
    private int seq = (int) (System.nanoTime() & 0x7FFFFFFF);
    private volatile boolean closed;

    private Netlink(int fd, String where) {
        this.fd = fd;
        this.where = where;
    }

    /** A request socket in the JVM's own network namespace. */
    public static Netlink open() throws NetlinkException {
        return configure(socket(), "own namespace", new int[0]);
    }

    /**
     * A socket in the JVM's own namespace subscribed to the given rtnetlink groups; its
     * {@link #receive()} waits up to one second, so a reader loop can notice close().
     */
    public static Netlink subscribe(int... groups) throws NetlinkException {
        return configure(socket(), "own namespace", groups);
    }

    /** A request socket in the namespace of {@code netnsFile} (e.g. /var/run/netns/NAME). */
    public static Netlink openIn(Path netnsFile) throws IOException {
        return configure(socketIn(netnsFile), netnsFile.toString(), new int[0]);
    }

    /** A subscribed socket (see {@link #subscribe}) in the namespace of {@code netnsFile}. */
    public static Netlink subscribeIn(Path netnsFile, int... groups) throws IOException {
        return configure(socketIn(netnsFile), netnsFile.toString(), groups);
    }

    private static int socket() throws NetlinkException {
        int fd = Libc.socket(Libc.AF_NETLINK, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, Libc.NETLINK_ROUTE);
        if (fd < 0) throw new NetlinkException("socket(AF_NETLINK)", new Errno(Libc.errno()), null);
        return fd;
    }

    /**
     * setns(2) with CLONE_NEWNET changes only the calling thread; a dedicated platform thread
     * enters the namespace, creates the socket, goes back, and ends.
     */
    private static int socketIn(Path netnsFile) throws IOException {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = Thread.ofPlatform().name("netlink-setns").start(() -> {
            int self = Libc.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC);
            int target = Libc.open(netnsFile.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC);
            try {
                if (self < 0) throw new NetlinkException("open /proc/thread-self/ns/net", new Errno(Libc.errno()), null);
                if (target < 0) throw new NetlinkException("open " + netnsFile, new Errno(Libc.errno()), null);
                if (Libc.setns(target, Libc.CLONE_NEWNET) < 0) throw new NetlinkException("setns " + netnsFile, new Errno(Libc.errno()), null);
                try {
                    result.set(socket());
                } finally {
                    Libc.setns(self, Libc.CLONE_NEWNET);
                }
            } catch (NetlinkException e) {
                result.set(e);
            } finally {
                if (self >= 0) Libc.close(self);
                if (target >= 0) Libc.close(target);
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted opening netlink in " + netnsFile, e);
        }
        Object r = result.get();
        if (r instanceof Integer fd) return fd;
        if (r instanceof NetlinkException e) throw e;
        throw new IOException("netlink setns thread failed for " + netnsFile);
    }

    private static Netlink configure(int fd, String where, int[] groups) throws NetlinkException {
        try {
            // Extended ACKs give the kernel's reason ("Nexthop has invalid gateway"); capped ACKs
            // keep error replies small; strict checking lets dumps filter by table in the kernel.
            Libc.setsockoptInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_EXT_ACK, 1);
            Libc.setsockoptInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_CAP_ACK, 1);
            Libc.setsockoptInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_GET_STRICT_CHK, 1);
            try (Arena a = Arena.ofConfined()) {
                MemorySegment sa = a.allocate(12, 4);
                sa.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
                if (Libc.bind(fd, sa, 12) < 0) throw new NetlinkException("bind(AF_NETLINK)", new Errno(Libc.errno()), null);
                if (groups.length > 0) {
                    Libc.setsockoptInt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, 4 << 20);
                    MemorySegment tv = a.allocate(16, 8);
                    tv.set(JAVA_LONG, 0, 1L);
                    tv.set(JAVA_LONG, 8, 0L);
                    Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVTIMEO, tv, 16);
                }
            }
            for (int g : groups) {
                if (Libc.setsockoptInt(fd, Libc.SOL_NETLINK, Libc.NETLINK_ADD_MEMBERSHIP, g) < 0) {
                    throw new NetlinkException("NETLINK_ADD_MEMBERSHIP " + g, new Errno(Libc.errno()), null);
                }
            }
        } catch (NetlinkException e) {
            Libc.close(fd);
            throw e;
        }
        return new Netlink(fd, where);
    }

    /**
     * Sends one request ({@code NLM_F_REQUEST} is added; add {@code NLM_F_ACK} for a NEW/DEL, or
     * {@code NLM_F_DUMP} for a dump) and reads until it is answered. Returns the data messages
     * of the reply; throws when the kernel answers with an error.
     */
    public List<Message> request(int type, int flags, ByteBuffer body, String operation) throws NetlinkException {
        synchronized (receiveLock) {
            int s = ++seq;
            send(type, flags | NLM_F_REQUEST, s, body, operation);
            List<Message> out = new ArrayList<>();
            while (true) {
                for (Message m : receiveOnce(operation)) {
                    if (m.seq() != s) continue; // a late answer to an earlier request
                    switch (m.type()) {
                        case NLMSG_ERROR -> {
                            int error = m.payload().getInt(0);
                            if (error == 0) return out;
                            throw new NetlinkException(operation, new Errno(-error), extAck(m));
                        }
                        case NLMSG_DONE -> {
                            int error = m.payload().remaining() >= 4 ? m.payload().getInt(0) : 0;
                            if (error < 0) throw new NetlinkException(operation, new Errno(-error), extAck(m));
                            return out;
                        }
                        case NLMSG_NOOP, NLMSG_OVERRUN -> { }
                        default -> {
                            out.add(m);
                            if ((m.flags() & NLM_F_MULTI) == 0 && (flags & NLM_F_ACK) == 0) return out;
                        }
                    }
                }
            }
        }
    }

    /**
     * Notifications on a subscribed socket: the messages of one datagram, or none when a
     * second passed without any. Throws ENOBUFS when the kernel dropped notifications (the
     * reader fell behind): the caller must then re-read the state it watches.
     */
    public List<Message> receive() throws NetlinkException {
        synchronized (receiveLock) {
            return receiveOnce("receive");
        }
    }

    private void send(int type, int flags, int s, ByteBuffer body, String operation) throws NetlinkException {
        int length = NLMSG_HDRLEN + body.remaining();
        try (Arena a = Arena.ofConfined()) {
            MemorySegment m = a.allocate(length, 4);
            m.set(JAVA_INT, 0, length);
            m.set(JAVA_SHORT, 4, (short) type);
            m.set(JAVA_SHORT, 6, (short) flags);
            m.set(JAVA_INT, 8, s);
            m.set(JAVA_INT, 12, 0);
            MemorySegment.copy(MemorySegment.ofBuffer(body), 0, m, NLMSG_HDRLEN, body.remaining());
            MemorySegment kernel = a.allocate(12, 4);
            kernel.set(JAVA_SHORT, 0, (short) Libc.AF_NETLINK);
            while (true) {
                long n = Libc.sendto(fd, m, length, 0, kernel, 12);
                if (n >= 0) return;
                int e = Libc.errno();
                if (e != Errno.EINTR) throw new NetlinkException(operation + " (sendto)", new Errno(e), null);
            }
        }
    }

    private List<Message> receiveOnce(String operation) throws NetlinkException {
        if (closed) throw new NetlinkException(operation + " on a closed socket", new Errno(Errno.EBADF), null);
        long n;
        while (true) {
            n = Libc.recv(fd, receiveBuffer, BUFFER, 0);
            if (n >= 0) break;
            int e = Libc.errno();
            if (e == Errno.EINTR) continue;
            if (e == Errno.EAGAIN) return List.of();
            throw new NetlinkException(operation + " (recv)", new Errno(e), null);
        }
        byte[] bytes = receiveBuffer.asSlice(0, n).toArray(JAVA_BYTE);
        return parse(ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()));
    }

    /** Splits a datagram into messages (each aligned to 4 bytes, NLMSG_ALIGN). */
    static List<Message> parse(ByteBuffer datagram) {
        List<Message> out = new ArrayList<>();
        int pos = 0;
        int limit = datagram.limit();
        while (limit - pos >= NLMSG_HDRLEN) {
            int len = datagram.getInt(pos);
            if (len < NLMSG_HDRLEN || len > limit - pos) break;
            int type = datagram.getShort(pos + 4) & 0xFFFF;
            int flags = datagram.getShort(pos + 6) & 0xFFFF;
            int s = datagram.getInt(pos + 8);
            ByteBuffer payload = datagram.slice(pos + NLMSG_HDRLEN, len - NLMSG_HDRLEN).order(ByteOrder.nativeOrder());
            out.add(new Message(type, flags, s, payload));
            pos += align(len);
        }
        return out;
    }

    /** The NLMSGERR_ATTR_MSG string of an error or DONE carrying TLVs, or null. */
    static String extAck(Message m) {
        if ((m.flags() & NLM_F_ACK_TLVS) == 0) return null;
        ByteBuffer p = m.payload();
        int offset;
        if (m.type() == NLMSG_ERROR) {
            int requestLength = p.remaining() >= 8 ? p.getInt(4) : 0;
            offset = 4 + ((m.flags() & NLM_F_CAPPED) != 0 ? NLMSG_HDRLEN : align(requestLength));
        } else {
            offset = 4;
        }
        for (Attr a : Attr.parse(p, offset)) {
            if (a.type() == NLMSGERR_ATTR_MSG) {
                byte[] b = a.bytes();
                int end = 0;
                while (end < b.length && b[end] != 0) end++;
                return new String(b, 0, end, StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    static int align(int length) {
        return (length + 3) & ~3;
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        synchronized (receiveLock) {
            Libc.close(fd);
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "netlink(" + where + ")";
    }
}
