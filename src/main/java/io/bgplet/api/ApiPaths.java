package io.bgplet.api;

import apipb.Attribute.IPAddressPrefix;
import apipb.Gobgp;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.Family;
import io.bgplet.wire.IpText;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;

/**
 * Prefixes, families and paths between bgplet and GoBGP's {@code apipb.Path}: the NLRI is an
 * Any of {@code apipb.IPAddressPrefix} (address without length plus length) and the family
 * decides how to read it.
 */
final class ApiPaths {
    private ApiPaths() {}

    private static final Gobgp.Family IPV4_UNICAST = build(Family.IPV4_UNICAST);
    private static final Gobgp.Family IPV6_UNICAST = build(Family.IPV6_UNICAST);

    static Gobgp.Family family(Family f) {
        if (f.equals(Family.IPV4_UNICAST)) return IPV4_UNICAST;
        if (f.equals(Family.IPV6_UNICAST)) return IPV6_UNICAST;
        return build(f);
    }

    private static Gobgp.Family build(Family f) {
        return Gobgp.Family.newBuilder().setAfiValue(f.afi()).setSafiValue(f.safi()).build();
    }

    /** A family bgplet carries, or IllegalArgumentException naming the field. */
    static Family family(Gobgp.Family f, String field) {
        Family out;
        try {
            out = Family.of(f.getAfiValue(), f.getSafiValue());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": unknown family afi " + f.getAfiValue() + " safi " + f.getSafiValue());
        }
        if (!out.equals(Family.IPV4_UNICAST) && !out.equals(Family.IPV6_UNICAST)) {
            throw new IllegalArgumentException(field + ": family " + f.getAfi() + "/" + f.getSafi() + " is not supported (ipv4-unicast and ipv6-unicast only)");
        }
        return out;
    }

    static Any nlri(Prefix p) {
        return ApiAttributes.pack(IPAddressPrefix.newBuilder().setPrefixLen(p.length()).setPrefix(IpText.format(p.address())).build());
    }

    /** The prefix of a path's NLRI, checked against its family. */
    static Prefix prefix(Any nlri, Family family, String field) {
        if (!ApiAttributes.typeName(nlri).equals("apipb.IPAddressPrefix")) {
            throw new IllegalArgumentException(field + ": unsupported NLRI type '" + nlri.getTypeUrl() + "' (apipb.IPAddressPrefix expected)");
        }
        IPAddressPrefix p;
        try {
            p = nlri.unpack(IPAddressPrefix.class);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(field + ": undecodable IPAddressPrefix");
        }
        InetAddress a = ApiAttributes.address(p.getPrefix(), field + ".prefix");
        boolean v4 = a instanceof Inet4Address;
        if (v4 != (family.afi() == Family.AFI_IPV4)) {
            throw new IllegalArgumentException(field + ".prefix " + p.getPrefix() + " does not belong to family " + family);
        }
        int max = v4 ? 32 : 128;
        if (p.getPrefixLen() > max) throw new IllegalArgumentException(field + ".prefix_len " + p.getPrefixLen() + " exceeds " + max);
        try {
            return Prefix.of(a, p.getPrefixLen());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + p.getPrefix() + "/" + p.getPrefixLen() + " has host bits set");
        }
    }

    /** Text like "192.0.2.0/24", or a bare address meaning a host route for lookups. */
    static Prefix parseLookup(String text, String field) {
        try {
            if (text.indexOf('/') < 0) {
                InetAddress a = ApiAttributes.address(text, field);
                return Prefix.of(a, a instanceof Inet4Address ? 32 : 128);
            }
            return Prefix.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not a prefix");
        }
    }

    /** Whether outer covers inner (same family, shorter or equal, same leading bits). */
    static boolean covers(Prefix outer, Prefix inner) {
        if (!outer.family().equals(inner.family()) || outer.length() > inner.length()) return false;
        byte[] a = outer.address().getAddress(), b = inner.address().getAddress();
        int bits = outer.length();
        for (int i = 0; i < a.length && bits > 0; i++, bits -= 8) {
            int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
            if ((a[i] & mask) != (b[i] & mask)) return false;
        }
        return true;
    }

    static Timestamp timestamp(Instant t) {
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).build();
    }

    /** One path as gobgpd lists it; local paths carry "<nil>" as neighbor and source id. */
    static Gobgp.Path path(Prefix prefix, Source source, PathAttributes attrs, boolean best, boolean stale, Instant age) {
        return path(prefix, From.of(source), ApiAttributes.toApi(prefix, attrs), best, stale, timestamp(age));
    }

    /** A path from parts a listing builds once and reuses: the source's fields, the set's pattrs, the age. */
    static Gobgp.Path path(Prefix prefix, From from, List<Any> pattrs, boolean best, boolean stale, Timestamp age) {
        Gobgp.Path.Builder b = Gobgp.Path.newBuilder()
                .setNlri(nlri(prefix))
                .addAllPattrs(pattrs)
                .setFamily(family(prefix.family()))
                .setAge(age)
                .setBest(best)
                .setStale(stale)
                .setNeighborIp(from.neighborIp())
                .setSourceId(from.sourceId());
        if (from.local()) {
            b.setLocalIdentifier(1);
        } else {
            b.setSourceAsn(from.asn()).setIsFromExternal(from.external());
        }
        return b.build();
    }

    /** Where a path came from, as gobgpd shows it: local paths carry "<nil>" as neighbor and source id. */
    record From(boolean local, String neighborIp, String sourceId, int asn, boolean external) {
        static final From LOCAL = new From(true, "<nil>", "<nil>", 0, false);

        static From of(Source s) {
            if (s == null || s.local()) return LOCAL;
            return new From(false, IpText.format(s.peerAddress()), ApiAttributes.dotted((int) s.routerId()), (int) s.peerAs(), s.ebgp());
        }
    }

    static Gobgp.Destination destination(Prefix prefix, List<Gobgp.Path> paths) {
        return Gobgp.Destination.newBuilder().setPrefix(prefix.toString()).addAllPaths(paths).build();
    }
}
