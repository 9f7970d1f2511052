package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The one table of path attributes: each row holds a type code, the O and T flags its
 * specification fixes, its name, what RFC 7606 does when it is malformed, and its codec.
 * Flags are checked here once for every row ({@link #flagsConflict}).
 */
final class AttributeTable {
    static final int OPTIONAL = Attribute.FLAG_OPTIONAL;
    static final int TRANSITIVE = Attribute.FLAG_TRANSITIVE;
    static final int PARTIAL = Attribute.FLAG_PARTIAL;
    static final int EXTENDED_LENGTH = Attribute.FLAG_EXTENDED_LENGTH;
    static final int WELL_KNOWN = TRANSITIVE;
    static final int OPTIONAL_TRANSITIVE = OPTIONAL | TRANSITIVE;
    static final int OPTIONAL_NON_TRANSITIVE = OPTIONAL;

    // Attributes bgplet checks but keeps as opaque bytes (Attribute.Unknown).
    static final int TUNNEL_ENCAPSULATION = 23;
    static final int TRAFFIC_ENGINEERING = 24;
    static final int IPV6_EXTENDED_COMMUNITIES = 25;
    static final int ONLY_TO_CUSTOMER = 35;
    static final int PREFIX_SID = 40;
    static final int ATTR_SET = 128;

    /** Decodes a value of len octets at v; returns null after {@link AttributeContext#malformed}. */
    interface Decoder {
        Attribute decode(ByteBuf in, int v, int len, AttributeContext ctx);
    }

    interface Sizer {
        int length(Attribute a, CodecOptions options);
    }

    interface Writer {
        void write(Attribute a, CodecOptions options, ByteBuf out);
    }

    /**
     * One attribute. whenMalformed is the RFC 7606 action; internalOnly rows (RFC 7606 7.5,
     * 7.9, 7.10) are discarded whatever their content when the peer is external; keepsUnknown
     * rows may decode into (and encode from) {@link Attribute.Unknown}.
     */
    record Row(int code, int flags, String name, ErrorAction whenMalformed, boolean internalOnly, boolean keepsUnknown,
               Decoder decoder, Sizer sizer, Writer writer) {}

    private static final Row[] ROWS = new Row[256];

    static {
        add(new Row(Attribute.ORIGIN, WELL_KNOWN, "ORIGIN", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                AttributeTable::origin, (a, o) -> 1, (a, o, out) -> out.writeByte(((Attribute.Origin) a).value())));
        add(new Row(Attribute.AS_PATH, WELL_KNOWN, "AS_PATH", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                AsPathCodec::decodeAsPath, AsPathCodec::asPathLength, AsPathCodec::writeAsPath));
        add(new Row(Attribute.NEXT_HOP, WELL_KNOWN, "NEXT_HOP", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                AttributeTable::nextHop, (a, o) -> 4, (a, o, out) -> out.writeBytes(((Attribute.NextHop) a).address().getAddress())));
        add(new Row(Attribute.MULTI_EXIT_DISC, OPTIONAL_NON_TRANSITIVE, "MULTI_EXIT_DISC", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                (in, v, len, ctx) -> len != 4 ? ctx.badLength("MULTI_EXIT_DISC", len) : new Attribute.Med(in.getUnsignedInt(v)),
                (a, o) -> 4, (a, o, out) -> out.writeInt((int) u32(((Attribute.Med) a).value()))));
        add(new Row(Attribute.LOCAL_PREF, WELL_KNOWN, "LOCAL_PREF", ErrorAction.TREAT_AS_WITHDRAW, true, false,
                (in, v, len, ctx) -> len != 4 ? ctx.badLength("LOCAL_PREF", len) : new Attribute.LocalPref(in.getUnsignedInt(v)),
                (a, o) -> 4, (a, o, out) -> out.writeInt((int) u32(((Attribute.LocalPref) a).value()))));
        add(new Row(Attribute.ATOMIC_AGGREGATE, WELL_KNOWN, "ATOMIC_AGGREGATE", ErrorAction.ATTRIBUTE_DISCARD, false, false,
                (in, v, len, ctx) -> len != 0 ? ctx.badLength("ATOMIC_AGGREGATE", len) : Attribute.AtomicAggregate.INSTANCE,
                (a, o) -> 0, (a, o, out) -> { }));
        add(new Row(Attribute.AGGREGATOR, OPTIONAL_TRANSITIVE, "AGGREGATOR", ErrorAction.ATTRIBUTE_DISCARD, false, false,
                AttributeTable::aggregator, (a, o) -> o.fourOctetAs() ? 8 : 6, AttributeTable::writeAggregator));
        add(new Row(Attribute.COMMUNITIES, OPTIONAL_TRANSITIVE, "COMMUNITIES", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                (in, v, len, ctx) -> len == 0 || len % 4 != 0 ? ctx.badLength("COMMUNITIES", len) : new Attribute.Communities(ints(in, v, len)),
                (a, o) -> 4 * ((Attribute.Communities) a).values().length, (a, o, out) -> writeInts(((Attribute.Communities) a).values(), out)));
        add(new Row(Attribute.ORIGINATOR_ID, OPTIONAL_NON_TRANSITIVE, "ORIGINATOR_ID", ErrorAction.TREAT_AS_WITHDRAW, true, false,
                (in, v, len, ctx) -> len != 4 ? ctx.badLength("ORIGINATOR_ID", len) : new Attribute.OriginatorId(in.getInt(v)),
                (a, o) -> 4, (a, o, out) -> out.writeInt(((Attribute.OriginatorId) a).routerId())));
        add(new Row(Attribute.CLUSTER_LIST, OPTIONAL_NON_TRANSITIVE, "CLUSTER_LIST", ErrorAction.TREAT_AS_WITHDRAW, true, false,
                (in, v, len, ctx) -> len == 0 || len % 4 != 0 ? ctx.badLength("CLUSTER_LIST", len) : new Attribute.ClusterList(ints(in, v, len)),
                (a, o) -> 4 * ((Attribute.ClusterList) a).clusterIds().length, (a, o, out) -> writeInts(((Attribute.ClusterList) a).clusterIds(), out)));
        // RFC 7606 7.11 / RFC 4760 7: bgplet disables no AFI/SAFI, so a bad MP attribute resets.
        add(new Row(Attribute.MP_REACH_NLRI, OPTIONAL_NON_TRANSITIVE, "MP_REACH_NLRI", ErrorAction.SESSION_RESET, false, true,
                MpCodec::decodeReach, MpCodec::reachLength, MpCodec::writeReach));
        add(new Row(Attribute.MP_UNREACH_NLRI, OPTIONAL_NON_TRANSITIVE, "MP_UNREACH_NLRI", ErrorAction.SESSION_RESET, false, true,
                MpCodec::decodeUnreach, MpCodec::unreachLength, MpCodec::writeUnreach));
        add(new Row(Attribute.EXTENDED_COMMUNITIES, OPTIONAL_TRANSITIVE, "EXTENDED_COMMUNITIES", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                AttributeTable::extendedCommunities, (a, o) -> 8 * ((Attribute.ExtendedCommunities) a).values().length,
                (a, o, out) -> { for (long x : ((Attribute.ExtendedCommunities) a).values()) out.writeLong(x); }));
        // RFC 6793 6 and RFC 7606 7.13: a malformed AS4_PATH or AS4_AGGREGATOR is discarded.
        add(new Row(Attribute.AS4_PATH, OPTIONAL_TRANSITIVE, "AS4_PATH", ErrorAction.ATTRIBUTE_DISCARD, false, false,
                AsPathCodec::decodeAs4Path, AsPathCodec::as4PathLength, AsPathCodec::writeAs4Path));
        add(new Row(Attribute.AS4_AGGREGATOR, OPTIONAL_TRANSITIVE, "AS4_AGGREGATOR", ErrorAction.ATTRIBUTE_DISCARD, false, false,
                (in, v, len, ctx) -> len != 8 ? ctx.badLength("AS4_AGGREGATOR", len) : new Attribute.As4Aggregator(in.getUnsignedInt(v), ipv4(in.getInt(v + 4))),
                (a, o) -> 8, (a, o, out) -> out.writeInt((int) u32(((Attribute.As4Aggregator) a).asn())).writeBytes(((Attribute.As4Aggregator) a).address().getAddress())));
        add(new Row(Attribute.LARGE_COMMUNITY, OPTIONAL_TRANSITIVE, "LARGE_COMMUNITY", ErrorAction.TREAT_AS_WITHDRAW, false, false,
                (in, v, len, ctx) -> len == 0 || len % 12 != 0 ? ctx.badLength("LARGE_COMMUNITY", len) : new Attribute.LargeCommunities(ints(in, v, len)),
                (a, o) -> 4 * ((Attribute.LargeCommunities) a).values().length, (a, o, out) -> writeInts(((Attribute.LargeCommunities) a).values(), out)));
        // Checked, then carried as opaque bytes (RFC 7606 section 7 and the table in docs/wire.md).
        opaque(TUNNEL_ENCAPSULATION, OPTIONAL_TRANSITIVE, "TUNNEL_ENCAPSULATION", ErrorAction.TREAT_AS_WITHDRAW, OpaqueAttributes::tunnelEncapsulation);
        opaque(TRAFFIC_ENGINEERING, OPTIONAL_NON_TRANSITIVE, "TRAFFIC_ENGINEERING", ErrorAction.TREAT_AS_WITHDRAW, OpaqueAttributes::trafficEngineering);
        opaque(IPV6_EXTENDED_COMMUNITIES, OPTIONAL_TRANSITIVE, "IPV6_EXTENDED_COMMUNITIES", ErrorAction.TREAT_AS_WITHDRAW, OpaqueAttributes::ipv6ExtendedCommunities);
        opaque(ONLY_TO_CUSTOMER, OPTIONAL_TRANSITIVE, "ONLY_TO_CUSTOMER", ErrorAction.TREAT_AS_WITHDRAW, OpaqueAttributes::onlyToCustomer);
        opaque(PREFIX_SID, OPTIONAL_TRANSITIVE, "PREFIX_SID", ErrorAction.ATTRIBUTE_DISCARD, OpaqueAttributes::prefixSid);
        opaque(ATTR_SET, OPTIONAL_TRANSITIVE, "ATTR_SET", ErrorAction.TREAT_AS_WITHDRAW, OpaqueAttributes::attrSet);
    }

    private AttributeTable() {}

    private static void add(Row row) {
        ROWS[row.code()] = row;
    }

    /** A row whose value is checked by check (null when fine, else the reason) and kept raw. */
    private static void opaque(int code, int flags, String name, ErrorAction action, OpaqueAttributes.Check check) {
        add(new Row(code, flags, name, action, false, true,
                (in, v, len, ctx) -> {
                    String why = check.why(in, v, len);
                    if (why != null) return ctx.malformed(Notification.OPTIONAL_ATTRIBUTE_ERROR, name + ": " + why);
                    byte[] value = new byte[len];
                    in.getBytes(v, value);
                    return new Attribute.Unknown(ctx.flags & (OPTIONAL | TRANSITIVE | PARTIAL), code, value);
                },
                (a, o) -> ((Attribute.Unknown) a).value().length,
                (a, o, out) -> out.writeBytes(((Attribute.Unknown) a).value())));
    }

    /** The row of a type code, or null for an attribute bgplet does not know. */
    static Row row(int code) {
        return code >= 0 && code < ROWS.length ? ROWS[code] : null;
    }

    /**
     * RFC 4271 4.3 and 6.3: O and T must be what the attribute's specification says; Partial
     * only on optional transitive ones. The low four bits are ignored (Extended Length aside).
     */
    static boolean flagsConflict(Row row, int flags) {
        if ((flags & (OPTIONAL | TRANSITIVE)) != row.flags()) return true;
        return (flags & PARTIAL) != 0 && row.flags() != OPTIONAL_TRANSITIVE;
    }

    /**
     * Writes one attribute: flags, type code, length (Extended Length when over 255 octets),
     * value. Refuses what bgplet must never send: an unknown attribute claiming to be
     * well-known, or raw bytes under the code of an attribute bgplet interprets.
     */
    static void encode(Attribute a, CodecOptions options, ByteBuf out) {
        int code = a.typeCode();
        Row row = row(code);
        int flags;
        int len;
        if (a instanceof Attribute.Unknown u) {
            if (code < 0 || code > 255) throw new IllegalArgumentException("attribute type code " + code);
            if (!u.optional()) throw new IllegalArgumentException("unrecognized attribute " + code + " without the Optional flag");
            if (row != null && !row.keepsUnknown()) throw new IllegalArgumentException("raw bytes for " + row.name());
            int ot = u.flags() & (OPTIONAL | TRANSITIVE);
            if (row != null && ot != row.flags()) throw new IllegalArgumentException("flags 0x" + Integer.toHexString(u.flags()) + " for " + row.name());
            flags = ot;
            // RFC 4271 5: an unrecognized optional transitive attribute is passed on with Partial set.
            if (ot == OPTIONAL_TRANSITIVE) flags |= row == null ? PARTIAL : u.flags() & PARTIAL;
            len = row == null ? u.value().length : row.sizer().length(a, options);
        } else {
            if (row == null) throw new IllegalArgumentException("no codec for " + a);
            flags = row.flags();
            len = row.sizer().length(a, options);
        }
        if (len > 0xFFFF) throw new IllegalArgumentException("attribute " + code + " of " + len + " octets");
        if (len > 255) flags |= EXTENDED_LENGTH;
        out.writeByte(flags).writeByte(code);
        if (len > 255) out.writeShort(len);
        else out.writeByte(len);
        int before = out.writerIndex();
        if (row == null) out.writeBytes(((Attribute.Unknown) a).value());
        else row.writer().write(a, options, out);
        if (out.writerIndex() - before != len) throw new IllegalStateException(row.name() + " wrote " + (out.writerIndex() - before) + " octets, sized " + len);
    }

    /** The octets {@link #encode} writes for a. */
    static int encodedLength(Attribute a, CodecOptions options) {
        Row row = row(a.typeCode());
        int len = row == null ? ((Attribute.Unknown) a).value().length : row.sizer().length(a, options);
        return (len > 255 ? 4 : 3) + len;
    }

    private static Attribute origin(ByteBuf in, int v, int len, AttributeContext ctx) {
        if (len != 1) return ctx.badLength("ORIGIN", len);
        int value = in.getUnsignedByte(v);
        if (value > Attribute.Origin.INCOMPLETE) return ctx.malformed(Notification.INVALID_ORIGIN, "ORIGIN value " + value);
        return value == Attribute.Origin.IGP ? Attribute.Origin.IGP_ORIGIN
                : value == Attribute.Origin.INCOMPLETE ? Attribute.Origin.INCOMPLETE_ORIGIN : new Attribute.Origin(value);
    }

    private static Attribute nextHop(ByteBuf in, int v, int len, AttributeContext ctx) {
        // RFC 7606 7.3: only the length is a syntax error; a martian next hop is the session's call.
        if (len != 4) return ctx.badLength("NEXT_HOP", len);
        return new Attribute.NextHop(ipv4(in.getInt(v)));
    }

    private static Attribute aggregator(ByteBuf in, int v, int len, AttributeContext ctx) {
        boolean four = ctx.options.fourOctetAs();
        if (len != (four ? 8 : 6)) return ctx.badLength("AGGREGATOR", len);
        long asn = four ? in.getUnsignedInt(v) : in.getUnsignedShort(v);
        return new Attribute.Aggregator(asn, ipv4(in.getInt(v + (four ? 4 : 2))));
    }

    private static void writeAggregator(Attribute a, CodecOptions o, ByteBuf out) {
        Attribute.Aggregator g = (Attribute.Aggregator) a;
        if (o.fourOctetAs()) out.writeInt((int) u32(g.asn()));
        else out.writeShort(u32(g.asn()) > 0xFFFF ? Open.AS_TRANS : (int) g.asn());
        out.writeBytes(g.address().getAddress());
    }

    private static Attribute extendedCommunities(ByteBuf in, int v, int len, AttributeContext ctx) {
        // RFC 7606 7.14: unknown types and subtypes are not errors, only the length is.
        if (len == 0 || len % 8 != 0) return ctx.badLength("EXTENDED_COMMUNITIES", len);
        long[] values = new long[len / 8];
        for (int i = 0; i < values.length; i++) values[i] = in.getLong(v + 8 * i);
        return new Attribute.ExtendedCommunities(values);
    }

    private static int[] ints(ByteBuf in, int v, int len) {
        int[] values = new int[len / 4];
        for (int i = 0; i < values.length; i++) values[i] = in.getInt(v + 4 * i);
        return values;
    }

    private static void writeInts(int[] values, ByteBuf out) {
        for (int x : values) out.writeInt(x);
    }

    static long u32(long value) {
        if (value < 0 || value > 0xFFFFFFFFL) throw new IllegalArgumentException("not an unsigned 32-bit value: " + value);
        return value;
    }

    /**
     * Recently decoded IPv4 addresses: a full table has few distinct next hops, so most
     * UPDATEs share one instance (Inet4Address.hashCode() is the address itself).
     */
    private static final AtomicReferenceArray<Inet4Address> RECENT = new AtomicReferenceArray<>(256);

    static Inet4Address ipv4(int address) {
        int slot = (address ^ (address >>> 8) ^ (address >>> 16) ^ (address >>> 24)) & 0xFF;
        Inet4Address cached = RECENT.get(slot);
        if (cached != null && cached.hashCode() == address) return cached;
        try {
            Inet4Address a = (Inet4Address) InetAddress.getByAddress(new byte[] {
                    (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address});
            RECENT.lazySet(slot, a);
            return a;
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }
}
