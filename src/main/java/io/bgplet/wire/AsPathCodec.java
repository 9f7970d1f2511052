package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * AS_PATH and AS4_PATH values: segments of type, count, ASNs (RFC 4271 4.3). AS_PATH ASNs
 * are 2 or 4 octets as the session negotiated (RFC 6793 4.1); AS4_PATH's always 4.
 */
final class AsPathCodec {
    private AsPathCodec() {}

    /**
     * AS_PATH straight into the path's int[] form (header word, then ASNs, per segment): no
     * segment objects on the way, since every UPDATE carries one.
     */
    static Attribute decodeAsPath(ByteBuf in, int v, int len, AttributeContext ctx) {
        int asSize = ctx.options.fourOctetAs() ? 4 : 2;
        int end = v + len;
        // Validate and count words first (RFC 7606 7.2 as in segments() below), then fill.
        int words = 0;
        for (int p = v; p < end; ) {
            if (end - p < 2) return fail(ctx, "AS_PATH ends inside a segment header");
            int type = in.getUnsignedByte(p);
            int count = in.getUnsignedByte(p + 1);
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) return fail(ctx, "AS_PATH segment type " + type);
            if (count == 0) return fail(ctx, "AS_PATH segment of 0 ASNs");
            p += 2;
            if (p + count * asSize > end) return fail(ctx, "AS_PATH segment of " + count + " ASNs overruns the attribute");
            p += count * asSize;
            words += 1 + count;
        }
        int[] w = new int[words];
        int at = 0;
        for (int p = v; p < end; ) {
            int type = in.getUnsignedByte(p);
            int count = in.getUnsignedByte(p + 1);
            w[at++] = Attribute.AsPath.header(type, count);
            p += 2;
            for (int i = 0; i < count; i++, p += asSize) w[at++] = asSize == 4 ? in.getInt(p) : in.getUnsignedShort(p);
        }
        return Attribute.AsPath.ofWords(w);
    }

    static Attribute decodeAs4Path(ByteBuf in, int v, int len, AttributeContext ctx) {
        List<AsPathSegment> segments = segments(in, v, len, 4, true, ctx);
        return segments == null ? null : new Attribute.As4Path(segments);
    }

    /**
     * Segments in [v, v+len), or null after reporting: RFC 7606 7.2 lists an unknown segment
     * type, a segment running past the attribute or leaving a partial header, and a count of 0.
     */
    private static List<AsPathSegment> segments(ByteBuf in, int v, int len, int asSize, boolean as4, AttributeContext ctx) {
        String name = as4 ? "AS4_PATH" : "AS_PATH";
        List<AsPathSegment> out = new ArrayList<>(2);
        int end = v + len;
        for (int p = v; p < end; ) {
            if (end - p < 2) return fail(ctx, name + " ends inside a segment header");
            int type = in.getUnsignedByte(p);
            int count = in.getUnsignedByte(p + 1);
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET) return fail(ctx, name + " segment type " + type);
            // RFC 6793 6: confederation segments have no place in AS4_PATH.
            if (as4 && type > AsPathSegment.AS_SEQUENCE) return fail(ctx, "AS4_PATH carries a confederation segment");
            if (count == 0) return fail(ctx, name + " segment of 0 ASNs");
            p += 2;
            if (p + count * asSize > end) return fail(ctx, name + " segment of " + count + " ASNs overruns the attribute");
            long[] asns = new long[count];
            for (int i = 0; i < count; i++, p += asSize) asns[i] = asSize == 4 ? in.getUnsignedInt(p) : in.getUnsignedShort(p);
            out.add(new AsPathSegment(type, asns));
        }
        if (as4 && out.isEmpty()) return fail(ctx, "AS4_PATH is empty");
        return out;
    }

    private static <T> T fail(AttributeContext ctx, String why) {
        ctx.malformed(Notification.MALFORMED_AS_PATH, why);
        return null;
    }

    static int asPathLength(Attribute a, CodecOptions o) {
        return ((Attribute.AsPath) a).encodedLength(o.fourOctetAs() ? 4 : 2);
    }

    static int as4PathLength(Attribute a, CodecOptions o) {
        return length(((Attribute.As4Path) a).segments(), 4);
    }

    private static int length(List<AsPathSegment> segments, int asSize) {
        int n = 0;
        for (AsPathSegment s : segments) n += 2 + s.size() * asSize;
        return n;
    }

    static void writeAsPath(Attribute a, CodecOptions o, ByteBuf out) {
        int[] w = ((Attribute.AsPath) a).words();
        boolean four = o.fourOctetAs();
        for (int at = 0; at < w.length; ) {
            int count = w[at] & 0xFF;
            out.writeByte(w[at] >>> 8).writeByte(count);
            for (int i = at + 1, end = at + 1 + count; i < end; i++) {
                // RFC 6793 4.2.2: toward a 2-octet speaker an ASN that does not fit becomes AS_TRANS.
                if (four) out.writeInt(w[i]);
                else out.writeShort(Integer.compareUnsigned(w[i], 0xFFFF) > 0 ? Open.AS_TRANS : w[i]);
            }
            at += 1 + count;
        }
    }

    static void writeAs4Path(Attribute a, CodecOptions o, ByteBuf out) {
        write(((Attribute.As4Path) a).segments(), 4, out);
    }

    private static void write(List<AsPathSegment> segments, int asSize, ByteBuf out) {
        for (AsPathSegment s : segments) {
            out.writeByte(s.type()).writeByte(s.size());
            for (int i = 0, n = s.size(); i < n; i++) {
                long asn = AttributeTable.u32(s.asn(i));
                // RFC 6793 4.2.2: toward a 2-octet speaker an ASN that does not fit becomes AS_TRANS.
                if (asSize == 2) out.writeShort(asn > 0xFFFF ? Open.AS_TRANS : (int) asn);
                else out.writeInt((int) asn);
            }
        }
    }
}
