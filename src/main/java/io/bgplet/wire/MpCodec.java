package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760 3, 4) for IPv4 and IPv6 unicast. Other
 * families are kept as opaque {@link Attribute.Unknown}, except an empty MP_UNREACH, which
 * is an End-of-RIB of any family (RFC 4724 2).
 */
final class MpCodec {
    private MpCodec() {}

    static Attribute decodeReach(ByteBuf in, int v, int len, AttributeContext ctx) {
        if (len < 5) return bad(ctx, "MP_REACH_NLRI of length " + len);
        int afi = in.getUnsignedShort(v);
        int safi = in.getUnsignedByte(v + 2);
        int nhLen = in.getUnsignedByte(v + 3);
        // AFI, SAFI, next-hop length, next hop, one reserved octet (RFC 4760 3).
        if (4 + nhLen + 1 > len) return bad(ctx, "MP_REACH_NLRI next hop of " + nhLen + " octets overruns the attribute");
        Family family = Family.of(afi, safi);
        if (!family.supported()) return raw(in, v, len, ctx, Attribute.MP_REACH_NLRI);
        int nh = v + 4;
        InetAddress nextHop;
        InetAddress linkLocal = null;
        if (nhLen == 4 && family == Family.IPV4_UNICAST) {
            nextHop = AttributeTable.ipv4(in.getInt(nh));
        } else if (nhLen == 16 || nhLen == 32) {
            // RFC 2545 3 (and RFC 8950 for IPv4 NLRI): a global address, then perhaps a link-local one.
            nextHop = ipv6(in, nh);
            if (nhLen == 32) linkLocal = ipv6(in, nh + 16);
        } else {
            return bad(ctx, "MP_REACH_NLRI next hop length " + nhLen + " for " + family);
        }
        List<Prefix> nlri = new ArrayList<>();
        String why = decodeNlri(family, in, nh + nhLen + 1, v + len, nlri);
        if (why != null) return bad(ctx, "MP_REACH_NLRI: " + why);
        return new Attribute.MpReach(family, nextHop, linkLocal, nlri);
    }

    static Attribute decodeUnreach(ByteBuf in, int v, int len, AttributeContext ctx) {
        if (len < 3) return bad(ctx, "MP_UNREACH_NLRI of length " + len);
        Family family = Family.of(in.getUnsignedShort(v), in.getUnsignedByte(v + 2));
        if (!family.supported()) return len == 3 ? new Attribute.MpUnreach(family, List.of()) : raw(in, v, len, ctx, Attribute.MP_UNREACH_NLRI);
        List<Prefix> withdrawn = new ArrayList<>();
        String why = decodeNlri(family, in, v + 3, v + len, withdrawn);
        if (why != null) return bad(ctx, "MP_UNREACH_NLRI: " + why);
        return new Attribute.MpUnreach(family, withdrawn);
    }

    private static String decodeNlri(Family family, ByteBuf in, int p, int end, List<Prefix> out) {
        return family == Family.IPV4_UNICAST ? NlriCodec.decodeIpv4(in, p, end, out) : NlriCodec.decodeIpv6(in, p, end, out);
    }

    private static Attribute bad(AttributeContext ctx, String why) {
        return ctx.malformed(Notification.OPTIONAL_ATTRIBUTE_ERROR, why);
    }

    /** An attribute of a family bgplet does not carry: kept as received, never interpreted. */
    private static Attribute raw(ByteBuf in, int v, int len, AttributeContext ctx, int code) {
        byte[] value = new byte[len];
        in.getBytes(v, value);
        return new Attribute.Unknown(ctx.flags & (Attribute.FLAG_OPTIONAL | Attribute.FLAG_TRANSITIVE), code, value);
    }

    private static Inet6Address ipv6(ByteBuf in, int at) {
        byte[] b = new byte[16];
        in.getBytes(at, b);
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped address as IPv6, unlike InetAddress's.
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    static int reachLength(Attribute a, CodecOptions o) {
        if (a instanceof Attribute.Unknown u) return u.value().length;
        Attribute.MpReach r = (Attribute.MpReach) a;
        return 5 + nextHopLength(r) + NlriCodec.length(r.nlri());
    }

    private static int nextHopLength(Attribute.MpReach r) {
        if (!r.family().supported()) throw new IllegalArgumentException("MP_REACH_NLRI for unsupported family " + r.family());
        if (r.nextHop() instanceof Inet4Address) {
            if (!r.family().equals(Family.IPV4_UNICAST) || r.linkLocal() != null) throw new IllegalArgumentException("IPv4 next hop for " + r.family());
            return 4;
        }
        if (r.linkLocal() != null && !(r.linkLocal() instanceof Inet6Address)) throw new IllegalArgumentException("link-local next hop must be IPv6");
        return r.linkLocal() == null ? 16 : 32;
    }

    static void writeReach(Attribute a, CodecOptions o, ByteBuf out) {
        if (a instanceof Attribute.Unknown u) {
            out.writeBytes(u.value());
            return;
        }
        Attribute.MpReach r = (Attribute.MpReach) a;
        out.writeShort(r.family().afi()).writeByte(r.family().safi()).writeByte(nextHopLength(r));
        out.writeBytes(r.nextHop().getAddress());
        if (r.linkLocal() != null) out.writeBytes(r.linkLocal().getAddress());
        out.writeByte(0);
        checkFamily(r.family(), r.nlri());
        NlriCodec.encodeAll(r.nlri(), out);
    }

    static int unreachLength(Attribute a, CodecOptions o) {
        if (a instanceof Attribute.Unknown u) return u.value().length;
        return 3 + NlriCodec.length(((Attribute.MpUnreach) a).withdrawn());
    }

    static void writeUnreach(Attribute a, CodecOptions o, ByteBuf out) {
        if (a instanceof Attribute.Unknown u) {
            out.writeBytes(u.value());
            return;
        }
        Attribute.MpUnreach u = (Attribute.MpUnreach) a;
        out.writeShort(u.family().afi()).writeByte(u.family().safi());
        checkFamily(u.family(), u.withdrawn());
        NlriCodec.encodeAll(u.withdrawn(), out);
    }

    private static void checkFamily(Family family, List<Prefix> prefixes) {
        for (int i = 0, n = prefixes.size(); i < n; i++) {
            if (!prefixes.get(i).family().equals(family)) {
                throw new IllegalArgumentException(prefixes.get(i) + " in an MP attribute of " + family);
            }
        }
    }
}
