package io.bgplet.api;

import apipb.Attribute.AggregatorAttribute;
import apipb.Attribute.As4AggregatorAttribute;
import apipb.Attribute.As4PathAttribute;
import apipb.Attribute.AsPathAttribute;
import apipb.Attribute.AsSegment;
import apipb.Attribute.AtomicAggregateAttribute;
import apipb.Attribute.ClusterListAttribute;
import apipb.Attribute.CommunitiesAttribute;
import apipb.Attribute.ExtendedCommunitiesAttribute;
import apipb.Attribute.LargeCommunitiesAttribute;
import apipb.Attribute.LargeCommunity;
import apipb.Attribute.LocalPrefAttribute;
import apipb.Attribute.MpReachNLRIAttribute;
import apipb.Attribute.MultiExitDiscAttribute;
import apipb.Attribute.NextHopAttribute;
import apipb.Attribute.OriginAttribute;
import apipb.Attribute.OriginatorIdAttribute;
import apipb.Attribute.TwoOctetAsSpecificExtended;
import apipb.Attribute.UnknownAttribute;
import apipb.Attribute.UnknownExtended;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.bgplet.rib.PathAttributes;
import io.bgplet.wire.AsPathSegment;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Path attributes between bgplet's wire model and GoBGP's {@code apipb.*Attribute} messages
 * packed in Any (type URL {@code type.googleapis.com/apipb.X}, the Go client resolves by the
 * name after the last slash). Order follows gobgpd: type-code order with NEXT_HOP last, and
 * MP_REACH_NLRI instead of NEXT_HOP for IPv6 (RFC 4760 section 3).
 */
final class ApiAttributes {
    private static final String PREFIX = "type.googleapis.com/";

    private ApiAttributes() {}

    /**
     * Type URL per message class, built once, as UTF-8 bytes: a String field is measured and
     * encoded character by character every time a message is serialised (protobuf's
     * Utf8.encodedLength and encodeUtf8 were 7 % of a full ListPath's CPU samples).
     */
    private static final ClassValue<ByteString> TYPE_URL = new ClassValue<>() {
        @Override
        protected ByteString computeValue(Class<?> type) {
            try {
                return ByteString.copyFromUtf8(PREFIX + ((Message) type.getMethod("getDefaultInstance").invoke(null)).getDescriptorForType().getFullName());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("not a generated message: " + type, e);
            }
        }
    };

    static Any pack(Message m) {
        return Any.newBuilder().setTypeUrlBytes(TYPE_URL.get(m.getClass())).setValue(m.toByteString()).build();
    }

    /** The pattrs of one path as gobgpd would send them. */
    static List<Any> toApi(Prefix prefix, PathAttributes attrs) {
        List<Any> out = new ArrayList<>();
        for (Attribute a : attrs.attributes()) {
            Any any = toApi(a);
            if (any != null) out.add(any);
        }
        InetAddress nh = attrs.nextHop();
        if (prefix.family().equals(Family.IPV4_UNICAST) && (nh == null || nh instanceof Inet4Address)) {
            out.add(pack(NextHopAttribute.newBuilder().setNextHop(nh == null ? "0.0.0.0" : text(nh)).build()));
        } else {
            MpReachNLRIAttribute.Builder mp = MpReachNLRIAttribute.newBuilder().setFamily(ApiPaths.family(prefix.family()))
                    .addNextHops(nh == null ? (prefix.family().afi() == Family.AFI_IPV6 ? "::" : "0.0.0.0") : text(nh))
                    .addNlris(ApiPaths.nlri(prefix));
            if (attrs.linkLocal() != null) mp.addNextHops(text(attrs.linkLocal()));
            out.add(pack(mp.build()));
        }
        return out;
    }

    /** One attribute other than NEXT_HOP and MP_(UN)REACH, or null for those. */
    static Any toApi(Attribute a) {
        return switch (a) {
            case Attribute.Origin o -> pack(OriginAttribute.newBuilder().setOrigin(o.value()).build());
            case Attribute.AsPath p -> pack(AsPathAttribute.newBuilder().addAllSegments(segments(p.segments())).build());
            case Attribute.As4Path p -> pack(As4PathAttribute.newBuilder().addAllSegments(segments(p.segments())).build());
            case Attribute.NextHop n -> null;
            case Attribute.MpReach r -> null;
            case Attribute.MpUnreach u -> null;
            case Attribute.Med m -> pack(MultiExitDiscAttribute.newBuilder().setMed((int) m.value()).build());
            case Attribute.LocalPref l -> pack(LocalPrefAttribute.newBuilder().setLocalPref((int) l.value()).build());
            case Attribute.AtomicAggregate x -> pack(AtomicAggregateAttribute.getDefaultInstance());
            case Attribute.Aggregator g -> pack(AggregatorAttribute.newBuilder().setAsn((int) g.asn()).setAddress(g.address().getHostAddress()).build());
            case Attribute.As4Aggregator g -> pack(As4AggregatorAttribute.newBuilder().setAsn((int) g.asn()).setAddress(g.address().getHostAddress()).build());
            case Attribute.Communities c -> {
                CommunitiesAttribute.Builder b = CommunitiesAttribute.newBuilder();
                for (int v : c.values()) b.addCommunities(v);
                yield pack(b.build());
            }
            case Attribute.OriginatorId o -> pack(OriginatorIdAttribute.newBuilder().setId(dotted(o.routerId())).build());
            case Attribute.ClusterList c -> {
                ClusterListAttribute.Builder b = ClusterListAttribute.newBuilder();
                for (int id : c.clusterIds()) b.addIds(dotted(id));
                yield pack(b.build());
            }
            case Attribute.ExtendedCommunities e -> {
                ExtendedCommunitiesAttribute.Builder b = ExtendedCommunitiesAttribute.newBuilder();
                for (long v : e.values()) b.addCommunities(extended(v));
                yield pack(b.build());
            }
            case Attribute.LargeCommunities l -> {
                LargeCommunitiesAttribute.Builder b = LargeCommunitiesAttribute.newBuilder();
                int[] v = l.values();
                for (int i = 0; i < v.length; i += 3) {
                    b.addCommunities(LargeCommunity.newBuilder().setGlobalAdmin(v[i]).setLocalData1(v[i + 1]).setLocalData2(v[i + 2]));
                }
                yield pack(b.build());
            }
            case Attribute.Unknown u -> pack(UnknownAttribute.newBuilder().setFlags(u.flags()).setType(u.code())
                    .setValue(ByteString.copyFrom(u.value())).build());
        };
    }

    /** RFC 4360 section 3.1: type 0x00 (transitive) / 0x40 (non-transitive) is two-octet AS specific. */
    private static Any extended(long v) {
        int type = (int) (v >>> 56) & 0xFF;
        if ((type & 0xBF) == 0x00) {
            return pack(TwoOctetAsSpecificExtended.newBuilder().setIsTransitive((type & 0x40) == 0)
                    .setSubType((int) (v >>> 48) & 0xFF).setAsn((int) (v >>> 32) & 0xFFFF).setLocalAdmin((int) v).build());
        }
        byte[] value = new byte[7];
        for (int i = 0; i < 7; i++) value[i] = (byte) (v >>> (48 - 8 * i));
        return pack(UnknownExtended.newBuilder().setType(type).setValue(ByteString.copyFrom(value)).build());
    }

    private static long extended(Any any, String field) {
        try {
            String name = typeName(any);
            if (name.equals("apipb.TwoOctetAsSpecificExtended")) {
                TwoOctetAsSpecificExtended t = any.unpack(TwoOctetAsSpecificExtended.class);
                long type = t.getIsTransitive() ? 0x00 : 0x40;
                return type << 56 | (long) (t.getSubType() & 0xFF) << 48 | (long) (t.getAsn() & 0xFFFF) << 32 | (t.getLocalAdmin() & 0xFFFFFFFFL);
            }
            if (name.equals("apipb.UnknownExtended")) {
                UnknownExtended u = any.unpack(UnknownExtended.class);
                if (u.getValue().size() != 7) throw new IllegalArgumentException(field + ": UnknownExtended.value must be 7 octets");
                long v = (long) (u.getType() & 0xFF) << 56;
                for (int i = 0; i < 7; i++) v |= (long) (u.getValue().byteAt(i) & 0xFF) << (48 - 8 * i);
                return v;
            }
            throw new IllegalArgumentException(field + ": unsupported extended community type " + name);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(field + ": undecodable " + any.getTypeUrl());
        }
    }

    private static List<AsSegment> segments(List<AsPathSegment> segments) {
        List<AsSegment> out = new ArrayList<>(segments.size());
        for (AsPathSegment s : segments) {
            AsSegment.Builder b = AsSegment.newBuilder().setTypeValue(s.type());
            for (long asn : s.asns()) b.addNumbers((int) asn);
            out.add(b.build());
        }
        return out;
    }

    private static List<AsPathSegment> segments(List<AsSegment> segments, String field) {
        List<AsPathSegment> out = new ArrayList<>(segments.size());
        for (AsSegment s : segments) {
            if (s.getTypeValue() < 1 || s.getTypeValue() > 4) throw new IllegalArgumentException(field + ": segment type " + s.getTypeValue() + " is not 1..4");
            long[] asns = new long[s.getNumbersCount()];
            for (int i = 0; i < asns.length; i++) asns[i] = s.getNumbers(i) & 0xFFFFFFFFL;
            out.add(new AsPathSegment(s.getTypeValue(), asns));
        }
        return out;
    }

    /**
     * The wire attributes of a path given through AddPath. A next hop of 0.0.0.0 or :: (what
     * the CLI sends without {@code nexthop}) means next hop self, as in gobgpd.
     *
     * @throws IllegalArgumentException naming the offending field
     */
    static List<Attribute> fromApi(List<Any> pattrs, Prefix prefix) {
        Family family = prefix.family();
        List<Attribute> out = new ArrayList<>();
        for (int i = 0; i < pattrs.size(); i++) {
            Any any = pattrs.get(i);
            String field = "path.pattrs[" + i + "] (" + typeName(any) + ")";
            try {
                Attribute a = fromApi(any, family, field);
                if (a != null) out.add(a);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalArgumentException(field + ": undecodable");
            }
        }
        out.sort(Comparator.comparingInt(Attribute::typeCode));
        return out;
    }

    private static Attribute fromApi(Any any, Family family, String field) throws InvalidProtocolBufferException {
        return switch (typeName(any)) {
            case "apipb.OriginAttribute" -> {
                int o = any.unpack(OriginAttribute.class).getOrigin();
                if (o < 0 || o > 2) throw new IllegalArgumentException(field + ": origin " + Integer.toUnsignedString(o) + " is not 0..2");
                yield new Attribute.Origin(o);
            }
            case "apipb.AsPathAttribute" -> new Attribute.AsPath(segments(any.unpack(AsPathAttribute.class).getSegmentsList(), field));
            case "apipb.NextHopAttribute" -> {
                InetAddress nh = address(any.unpack(NextHopAttribute.class).getNextHop(), field + ".next_hop");
                if (!(nh instanceof Inet4Address v4) || !family.equals(Family.IPV4_UNICAST)) {
                    throw new IllegalArgumentException(field + ".next_hop " + nh.getHostAddress() + " is not an IPv4 address for a "
                            + family + " path (IPv6 next hops go in MpReachNLRIAttribute)");
                }
                yield v4.isAnyLocalAddress() ? null : new Attribute.NextHop(v4);
            }
            case "apipb.MpReachNLRIAttribute" -> {
                MpReachNLRIAttribute mp = any.unpack(MpReachNLRIAttribute.class);
                if (mp.getNextHopsCount() == 0) throw new IllegalArgumentException(field + ".next_hops is empty");
                InetAddress nh = address(mp.getNextHops(0), field + ".next_hops[0]");
                boolean v6 = family.afi() == Family.AFI_IPV6;
                if (v6 != (nh instanceof Inet6Address)) {
                    throw new IllegalArgumentException(field + ".next_hops[0] " + nh.getHostAddress() + " is of the wrong family for a " + family + " path");
                }
                InetAddress ll = mp.getNextHopsCount() > 1 ? address(mp.getNextHops(1), field + ".next_hops[1]") : null;
                if (nh.isAnyLocalAddress()) yield null;
                yield new Attribute.MpReach(family, nh, ll, List.of());
            }
            case "apipb.MultiExitDiscAttribute" -> new Attribute.Med(any.unpack(MultiExitDiscAttribute.class).getMed() & 0xFFFFFFFFL);
            case "apipb.LocalPrefAttribute" -> new Attribute.LocalPref(any.unpack(LocalPrefAttribute.class).getLocalPref() & 0xFFFFFFFFL);
            case "apipb.AtomicAggregateAttribute" -> Attribute.AtomicAggregate.INSTANCE;
            case "apipb.AggregatorAttribute" -> {
                AggregatorAttribute g = any.unpack(AggregatorAttribute.class);
                yield new Attribute.Aggregator(g.getAsn() & 0xFFFFFFFFL, v4(g.getAddress(), field + ".address"));
            }
            case "apipb.CommunitiesAttribute" -> {
                CommunitiesAttribute c = any.unpack(CommunitiesAttribute.class);
                int[] v = new int[c.getCommunitiesCount()];
                for (int i = 0; i < v.length; i++) v[i] = c.getCommunities(i);
                yield new Attribute.Communities(v);
            }
            case "apipb.OriginatorIdAttribute" -> new Attribute.OriginatorId(toInt(v4(any.unpack(OriginatorIdAttribute.class).getId(), field + ".id")));
            case "apipb.ClusterListAttribute" -> {
                ClusterListAttribute c = any.unpack(ClusterListAttribute.class);
                int[] ids = new int[c.getIdsCount()];
                for (int i = 0; i < ids.length; i++) ids[i] = toInt(v4(c.getIds(i), field + ".ids[" + i + "]"));
                yield new Attribute.ClusterList(ids);
            }
            case "apipb.ExtendedCommunitiesAttribute" -> {
                ExtendedCommunitiesAttribute e = any.unpack(ExtendedCommunitiesAttribute.class);
                long[] v = new long[e.getCommunitiesCount()];
                for (int i = 0; i < v.length; i++) v[i] = extended(e.getCommunities(i), field + ".communities[" + i + "]");
                yield new Attribute.ExtendedCommunities(v);
            }
            case "apipb.LargeCommunitiesAttribute" -> {
                LargeCommunitiesAttribute l = any.unpack(LargeCommunitiesAttribute.class);
                int[] v = new int[l.getCommunitiesCount() * 3];
                for (int i = 0; i < l.getCommunitiesCount(); i++) {
                    LargeCommunity c = l.getCommunities(i);
                    v[3 * i] = c.getGlobalAdmin();
                    v[3 * i + 1] = c.getLocalData1();
                    v[3 * i + 2] = c.getLocalData2();
                }
                yield new Attribute.LargeCommunities(v);
            }
            case "apipb.UnknownAttribute" -> {
                UnknownAttribute u = any.unpack(UnknownAttribute.class);
                if (u.getType() < 1 || u.getType() > 255) throw new IllegalArgumentException(field + ".type " + u.getType() + " is not 1..255");
                yield new Attribute.Unknown(u.getFlags() & 0xFF, u.getType(), u.getValue().toByteArray());
            }
            default -> throw new IllegalArgumentException(field + ": unsupported attribute type " + any.getTypeUrl());
        };
    }

    static String typeName(Any any) {
        String url = any.getTypeUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    /** A literal address only: never a name lookup. */
    static InetAddress address(String text, String field) {
        if (text.isEmpty() || !text.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException(field + ": '" + text + "' is not an IP address");
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(field + ": '" + text + "' is not an IP address");
        }
    }

    private static Inet4Address v4(String text, String field) {
        if (address(text, field) instanceof Inet4Address a) return a;
        throw new IllegalArgumentException(field + ": '" + text + "' is not an IPv4 address");
    }

    private static int toInt(Inet4Address a) {
        byte[] b = a.getAddress();
        return (b[0] & 0xFF) << 24 | (b[1] & 0xFF) << 16 | (b[2] & 0xFF) << 8 | (b[3] & 0xFF);
    }

    static String dotted(int v) {
        return (v >>> 24) + "." + (v >>> 16 & 0xFF) + "." + (v >>> 8 & 0xFF) + "." + (v & 0xFF);
    }

    static String text(InetAddress a) {
        return io.bgplet.wire.IpText.format(a);
    }
}
