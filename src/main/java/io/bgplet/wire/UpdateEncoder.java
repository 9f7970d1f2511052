package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes an UPDATE body. bgplet never emits a malformed UPDATE: what RFC 7606 would have a
 * receiver discard or withdraw is refused here with IllegalArgumentException, and the
 * session-dependent forms (2-octet ASNs, iBGP-only attributes) are applied.
 */
final class UpdateEncoder {
    private UpdateEncoder() {}

    static void encode(Update u, CodecOptions options, ByteBuf out) {
        List<Attribute> attributes = outgoing(u.attributes(), options);
        checkMandatory(attributes, !u.nlri().isEmpty(), options);
        onlyIpv4(u.withdrawn());
        onlyIpv4(u.nlri());
        out.writeShort(NlriCodec.length(u.withdrawn()));
        NlriCodec.encodeAll(u.withdrawn(), out);
        int lengthAt = out.writerIndex();
        out.writeShort(0);
        for (int i = 0, n = attributes.size(); i < n; i++) AttributeTable.encode(attributes.get(i), options, out);
        int attrLen = out.writerIndex() - lengthAt - 2;
        if (attrLen > 0xFFFF) throw new IllegalArgumentException("attributes of " + attrLen + " octets");
        out.setShort(lengthAt, attrLen);
        NlriCodec.encodeAll(u.nlri(), out);
    }

    /**
     * The attributes as this session must see them: RFC 4271 5.1.5 and RFC 4456 keep
     * LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST inside the AS; RFC 6793 4.2.2 adds AS4_PATH
     * and AS4_AGGREGATOR for a 2-octet peer and never sends them to a 4-octet one.
     */
    static List<Attribute> outgoing(List<Attribute> attributes, CodecOptions options) {
        List<Attribute> out = new ArrayList<>(attributes.size() + 2);
        Attribute.As4Path as4Path = null;
        Attribute.As4Aggregator as4Agg = null;
        long[] seen = new long[4];
        for (Attribute a : attributes) {
            switch (a) {
                case Attribute.LocalPref l when !options.internalPeer() -> { continue; }
                case Attribute.OriginatorId o when !options.internalPeer() -> { continue; }
                case Attribute.ClusterList c when !options.internalPeer() -> { continue; }
                case Attribute.As4Path p -> { continue; }
                case Attribute.As4Aggregator g -> { continue; }
                case Attribute.AsPath p when !options.fourOctetAs() -> as4Path = As4Conversion.as4Path(p);
                case Attribute.Aggregator g when !options.fourOctetAs() -> as4Agg = As4Conversion.as4Aggregator(g);
                default -> { }
            }
            int code = a.typeCode();
            if (code < 0 || code > 255) throw new IllegalArgumentException("attribute type code " + code);
            if ((seen[code >>> 6] & (1L << code)) != 0) throw new IllegalArgumentException("attribute " + code + " twice");
            seen[code >>> 6] |= 1L << code;
            out.add(a);
        }
        if (as4Path != null) out.add(as4Path);
        if (as4Agg != null) out.add(as4Agg);
        return out;
    }

    /** RFC 4271 5 and RFC 4760 3: what an UPDATE carrying routes must also carry. */
    static void checkMandatory(List<Attribute> attributes, boolean bodyNlri, CodecOptions options) {
        boolean origin = false, asPath = false, nextHop = false, localPref = false, mpReach = false;
        for (Attribute a : attributes) {
            switch (a) {
                case Attribute.Origin o -> origin = true;
                case Attribute.AsPath p -> asPath = true;
                case Attribute.NextHop h -> nextHop = true;
                case Attribute.LocalPref l -> localPref = true;
                case Attribute.MpReach r -> mpReach = true;
                case Attribute.Unknown x when x.code() == Attribute.MP_REACH_NLRI -> mpReach = true;
                default -> { }
            }
        }
        if (!bodyNlri && !mpReach) return;
        if (!origin || !asPath) throw new IllegalArgumentException("routes without ORIGIN and AS_PATH");
        if (bodyNlri && !nextHop) throw new IllegalArgumentException("IPv4 NLRI without NEXT_HOP");
        if (options.internalPeer() && !localPref) throw new IllegalArgumentException("routes to an internal peer without LOCAL_PREF");
    }

    static void onlyIpv4(List<Prefix> prefixes) {
        for (int i = 0, n = prefixes.size(); i < n; i++) {
            if (!(prefixes.get(i) instanceof Ipv4Prefix)) throw new IllegalArgumentException(prefixes.get(i) + " in the IPv4 fields of an UPDATE");
        }
    }
}
