package io.bgplet.fib;

import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Ipv6Prefix;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes rtnetlink route messages (rtnetlink(7)): struct rtmsg (family,
 * dst_len, src_len, tos, table, protocol, scope, type, flags) followed by rtattrs.
 */
final class RouteMessage {
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;

    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PRIORITY = 6;
    static final int RTA_PREFSRC = 7;
    static final int RTA_MULTIPATH = 9;
    static final int RTA_TABLE = 15;

    static final int RT_SCOPE_UNIVERSE = 0;
    static final int RT_SCOPE_NOWHERE = 255;
    static final int RT_TABLE_UNSPEC = 0;
    /** The route a lookup matched, not the resolved cache entry (kernel 4.13). */
    static final int RTM_F_FIB_MATCH = 0x2000;
    static final int RTM_F_CLONED = 0x200;

    static final int RTMSG_LEN = 12;

    private RouteMessage() {
    }

    /** RTM_NEWROUTE body: one next hop as RTA_GATEWAY (+ RTA_OIF), several as RTA_MULTIPATH. */
    static ByteBuffer newRoute(Prefix prefix, List<NextHop> nextHops, int table, int protocol, int metric) {
        if (nextHops.isEmpty()) throw new IllegalArgumentException("a route needs a next hop: " + prefix);
        int family = family(prefix);
        MessageWriter w = rtmsg(family, prefix.length(), table, protocol, RT_SCOPE_UNIVERSE, KernelRoute.RTN_UNICAST, 0);
        destination(w, prefix, table, metric);
        if (nextHops.size() == 1) {
            NextHop h = nextHops.getFirst();
            gateway(w, family, h);
            if (h.ifindex() > 0) w.attrU32(RTA_OIF, h.ifindex());
        } else {
            int mp = w.begin(RTA_MULTIPATH);
            for (NextHop h : nextHops) {
                // struct rtnexthop: len, flags, hops (weight - 1), ifindex; then its attributes.
                int start = w.position();
                w.u16(0).u8(0).u8(h.weight() - 1).u32(h.ifindex());
                gateway(w, family, h);
                w.putU16(start, w.position() - start);
            }
            w.end(mp);
        }
        return w.done();
    }

    /**
     * RTM_DELROUTE body. Protocol and metric are part of the match, so the kernel itself
     * refuses to delete a route of another protocol that has the same destination.
     */
    static ByteBuffer delRoute(Prefix prefix, int table, int protocol, int metric) {
        MessageWriter w = rtmsg(family(prefix), prefix.length(), table, protocol, RT_SCOPE_NOWHERE, KernelRoute.RTN_UNICAST, 0);
        destination(w, prefix, table, metric);
        return w.done();
    }

    /** RTM_GETROUTE dump body; with NETLINK_GET_STRICT_CHK the kernel filters by table and protocol. */
    static ByteBuffer dump(int family, int table, int protocol) {
        MessageWriter w = rtmsg(family, 0, table, protocol, 0, 0, 0);
        w.attrU32(RTA_TABLE, table);
        return w.done();
    }

    /** RTM_GETROUTE for one address with RTM_F_FIB_MATCH: which route would carry it. */
    static ByteBuffer lookup(InetAddress address) {
        byte[] a = address.getAddress();
        MessageWriter w = rtmsg(a.length == 4 ? AF_INET : AF_INET6, a.length * 8, 0, 0, 0, 0, RTM_F_FIB_MATCH);
        w.attr(RTA_DST, a);
        return w.done();
    }

    /** The route in an RTM_NEWROUTE payload, or null for another family or a cache entry. */
    static KernelRoute decode(ByteBuffer p) {
        if (p.remaining() < RTMSG_LEN) return null;
        int family = p.get(0) & 0xFF;
        if (family != AF_INET && family != AF_INET6) return null;
        int dstLen = p.get(1) & 0xFF;
        int table = p.get(4) & 0xFF;
        int protocol = p.get(5) & 0xFF;
        int type = p.get(7) & 0xFF;
        int flags = p.getInt(8);
        if ((flags & RTM_F_CLONED) != 0) return null;
        byte[] dst = new byte[family == AF_INET ? 4 : 16];
        InetAddress gateway = null;
        int oif = 0;
        int metric = 0;
        List<NextHop> hops = new ArrayList<>();
        for (Attr a : Attr.parse(p, RTMSG_LEN)) {
            switch (a.type()) {
                case RTA_DST -> dst = a.bytes();
                case RTA_GATEWAY -> gateway = address(a.bytes());
                case RTA_OIF -> oif = a.u32();
                case RTA_PRIORITY -> metric = a.u32();
                case RTA_TABLE -> table = a.u32();
                case RTA_MULTIPATH -> hops.addAll(multipath(a.value()));
                default -> { }
            }
        }
        if (hops.isEmpty() && (gateway != null || oif > 0)) hops.add(new NextHop(gateway, oif, 1));
        ByteBuffer d = ByteBuffer.wrap(dst); // addresses are in network order
        Prefix prefix = family == AF_INET ? new Ipv4Prefix(d.getInt(0), dstLen) : new Ipv6Prefix(d.getLong(0), d.getLong(8), dstLen);
        return new KernelRoute(prefix, table, protocol, metric, type, hops);
    }

    private static List<NextHop> multipath(ByteBuffer b) {
        List<NextHop> out = new ArrayList<>();
        int pos = 0;
        while (b.limit() - pos >= 8) {
            int len = b.getShort(pos) & 0xFFFF;
            if (len < 8 || len > b.limit() - pos) break;
            int weight = (b.get(pos + 3) & 0xFF) + 1;
            int ifindex = b.getInt(pos + 4);
            InetAddress gateway = null;
            for (Attr a : Attr.parse(b.slice(pos, len).order(b.order()), 8)) {
                if (a.type() == RTA_GATEWAY) gateway = address(a.bytes());
            }
            if (gateway != null || ifindex > 0) out.add(new NextHop(gateway, ifindex, weight));
            pos += Netlink.align(len);
        }
        return out;
    }

    private static MessageWriter rtmsg(int family, int dstLen, int table, int protocol, int scope, int type, int flags) {
        // Tables above 255 do not fit rtm_table: it says RT_TABLE_UNSPEC and RTA_TABLE carries them.
        return new MessageWriter().u8(family).u8(dstLen).u8(0).u8(0)
                .u8(table < 256 ? table : RT_TABLE_UNSPEC).u8(protocol).u8(scope).u8(type).u32(flags);
    }

    private static void destination(MessageWriter w, Prefix prefix, int table, int metric) {
        if (prefix.length() > 0) w.attr(RTA_DST, prefix.address().getAddress());
        w.attrU32(RTA_TABLE, table);
        w.attrU32(RTA_PRIORITY, metric);
    }

    private static void gateway(MessageWriter w, int family, NextHop h) {
        if (h.gateway() == null) return;
        byte[] g = h.gateway().getAddress();
        if ((family == AF_INET) != (h.gateway() instanceof Inet4Address)) {
            throw new IllegalArgumentException("next hop " + h.gateway().getHostAddress() + " is not of the route's family");
        }
        w.attr(RTA_GATEWAY, g);
    }

    static int family(Prefix prefix) {
        return prefix instanceof Ipv4Prefix ? AF_INET : AF_INET6;
    }

    private static InetAddress address(byte[] b) {
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + b.length + " bytes");
        }
    }
}
