package io.bgplet.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Seeded random well-formed messages, as bgplet could send them to a session with the given options. */
final class RandomMessages {
    private final Random r;

    RandomMessages(long seed) {
        r = new Random(seed);
    }

    Message message(CodecOptions o) {
        return switch (r.nextInt(6)) {
            case 0 -> open();
            case 1 -> new Notification(r.nextInt(256), r.nextInt(256), bytes(r.nextInt(40)));
            case 2 -> Keepalive.INSTANCE;
            case 3 -> new RouteRefresh(Family.of(1 + r.nextInt(2), 1), r.nextInt(3));
            default -> update(o);
        };
    }

    Open open() {
        List<Capability> caps = new ArrayList<>();
        int n = r.nextInt(8);
        for (int i = 0; i < n; i++) {
            caps.add(switch (r.nextInt(8)) {
                case 0 -> new Capability.Multiprotocol(Family.of(1 + r.nextInt(2), 1));
                case 1 -> new Capability.RouteRefresh();
                case 2 -> new Capability.EnhancedRouteRefresh();
                case 3 -> new Capability.ExtendedMessage();
                case 4 -> new Capability.FourOctetAs(r.nextLong(1L << 32));
                case 5 -> new Capability.GracefulRestart(r.nextBoolean(), r.nextBoolean(), r.nextInt(4096),
                        List.of(new Capability.GrFamily(Family.IPV4_UNICAST, r.nextBoolean()), new Capability.GrFamily(Family.IPV6_UNICAST, r.nextBoolean())));
                default -> new Capability.Unknown(71 + r.nextInt(100), bytes(r.nextInt(r.nextBoolean() ? 8 : 200)));
            });
        }
        return new Open(4, r.nextInt(65536), r.nextBoolean() ? 0 : 3 + r.nextInt(65533), 1 + r.nextInt(Integer.MAX_VALUE), caps);
    }

    Update update(CodecOptions o) {
        List<Prefix> withdrawn = r.nextInt(4) == 0 ? ipv4s(1 + r.nextInt(20)) : List.of();
        int kind = r.nextInt(4);
        if (kind == 0) {
            List<Attribute> attrs = r.nextBoolean() ? List.of() : List.of(new Attribute.MpUnreach(Family.IPV6_UNICAST, ipv6s(r.nextInt(20))));
            return new Update(withdrawn, attrs, List.of());
        }
        List<Attribute> attrs = new ArrayList<>();
        attrs.add(new Attribute.Origin(r.nextInt(3)));
        long aggAsn = r.nextBoolean() ? -1 : asn(o);
        boolean allowWide = o.fourOctetAs() || aggAsn < 0 || aggAsn > 0xFFFF || aggAsn == Open.AS_TRANS;
        attrs.add(asPath(o, allowWide));
        List<Prefix> nlri = List.of();
        if (kind == 1) {
            attrs.add(new Attribute.NextHop(v4(r.nextInt())));
            nlri = ipv4s(1 + r.nextInt(30));
        } else if (kind == 2) {
            InetAddress ll = r.nextBoolean() ? v6(0xfe80000000000000L, r.nextLong()) : null;
            attrs.add(new Attribute.MpReach(Family.IPV6_UNICAST, v6(0x20010db800000000L | r.nextInt(), r.nextLong()), ll, ipv6s(1 + r.nextInt(30))));
        } else {
            attrs.add(new Attribute.MpReach(Family.IPV4_UNICAST, v4(r.nextInt()), null, ipv4s(1 + r.nextInt(30))));
        }
        if (r.nextBoolean()) attrs.add(new Attribute.Med(r.nextLong(1L << 32)));
        if (o.internalPeer()) attrs.add(new Attribute.LocalPref(r.nextLong(1L << 32)));
        if (r.nextInt(4) == 0) attrs.add(Attribute.AtomicAggregate.INSTANCE);
        if (aggAsn >= 0) attrs.add(new Attribute.Aggregator(aggAsn, v4(r.nextInt())));
        if (r.nextBoolean()) attrs.add(new Attribute.Communities(ints(1 + r.nextInt(r.nextInt(10) == 0 ? 100 : 6))));
        if (o.internalPeer() && r.nextBoolean()) attrs.add(new Attribute.OriginatorId(r.nextInt()));
        if (o.internalPeer() && r.nextBoolean()) attrs.add(new Attribute.ClusterList(ints(1 + r.nextInt(4))));
        if (r.nextInt(3) == 0) {
            long[] ext = new long[1 + r.nextInt(5)];
            for (int i = 0; i < ext.length; i++) ext[i] = r.nextLong();
            attrs.add(new Attribute.ExtendedCommunities(ext));
        }
        if (r.nextInt(3) == 0) attrs.add(new Attribute.LargeCommunities(ints(3 * (1 + r.nextInt(4)))));
        if (r.nextInt(4) == 0) attrs.add(new Attribute.Unknown(0xE0, 41 + r.nextInt(80), bytes(r.nextInt(r.nextInt(8) == 0 ? 400 : 10))));
        if (r.nextInt(6) == 0) attrs.add(new Attribute.Unknown(0x80, 41 + 80 + r.nextInt(6), bytes(r.nextInt(10))));
        if (r.nextInt(6) == 0) attrs.add(new Attribute.Unknown(0xC0, AttributeTable.ONLY_TO_CUSTOMER, bytes(4)));
        Collections.shuffle(attrs, r);
        return new Update(withdrawn, attrs, nlri);
    }

    private Attribute.AsPath asPath(CodecOptions o, boolean allowWide) {
        List<AsPathSegment> segs = new ArrayList<>();
        if (r.nextInt(5) == 0) segs.add(new AsPathSegment(3 + r.nextInt(2), asns(1 + r.nextInt(3), false)));
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            int len = r.nextInt(20) == 0 ? 255 : 1 + r.nextInt(6);
            segs.add(new AsPathSegment(r.nextInt(4) == 0 ? AsPathSegment.AS_SET : AsPathSegment.AS_SEQUENCE, asns(len, allowWide)));
        }
        return new Attribute.AsPath(segs);
    }

    private long[] asns(int n, boolean wide) {
        long[] a = new long[n];
        for (int i = 0; i < n; i++) a[i] = wide && r.nextBoolean() ? r.nextLong(1L << 32) : r.nextInt(65536);
        return a;
    }

    private long asn(CodecOptions o) {
        return r.nextBoolean() ? r.nextInt(65536) : r.nextLong(1L << 32);
    }

    List<Prefix> ipv4s(int n) {
        List<Prefix> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Ipv4Prefix(r.nextInt(), r.nextInt(33)));
        return out;
    }

    List<Prefix> ipv6s(int n) {
        List<Prefix> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(new Ipv6Prefix(r.nextLong(), r.nextLong(), r.nextInt(129)));
        return out;
    }

    private int[] ints(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = r.nextInt();
        return a;
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    static Inet4Address v4(int a) {
        return AttributeTable.ipv4(a);
    }

    static Inet6Address v6(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
