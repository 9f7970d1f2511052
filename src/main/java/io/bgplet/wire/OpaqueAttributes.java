package io.bgplet.wire;

import io.netty.buffer.ByteBuf;

/**
 * Checks for attributes bgplet does not interpret but must judge (RFC 7606 7 and the RFCs
 * that followed it): the value is kept as bytes only when its framing is sound, so bgplet
 * never passes on a malformed attribute it could have caught.
 */
final class OpaqueAttributes {
    /** Returns null when the value is well-formed, else the reason. */
    interface Check {
        String why(ByteBuf in, int v, int len);
    }

    private OpaqueAttributes() {}

    /** RFC 9012 2: TLVs of tunnel type (2), length (2), then sub-TLVs filling exactly that length. */
    static String tunnelEncapsulation(ByteBuf in, int v, int len) {
        int end = v + len;
        if (len == 0) return "empty";
        for (int p = v; p < end; ) {
            if (end - p < 4) return "truncated tunnel TLV header";
            int tlvLen = in.getUnsignedShort(p + 2);
            int tlvEnd = p + 4 + tlvLen;
            if (tlvEnd > end) return "tunnel TLV overruns the attribute";
            // RFC 9012 2: sub-TLV types 0-127 have a 1-octet length, 128-255 a 2-octet one.
            for (int q = p + 4; q < tlvEnd; ) {
                if (tlvEnd - q < 2) return "truncated sub-TLV header";
                int type = in.getUnsignedByte(q);
                int subLen;
                if (type < 128) {
                    subLen = in.getUnsignedByte(q + 1);
                    q += 2;
                } else {
                    if (tlvEnd - q < 3) return "truncated sub-TLV header";
                    subLen = in.getUnsignedShort(q + 1);
                    q += 3;
                }
                if (q + subLen > tlvEnd) return "sub-TLV overruns its tunnel TLV";
                q += subLen;
            }
            p = tlvEnd;
        }
        return null;
    }

    /** RFC 5543 3: at least one Interface Switching Capability Descriptor of 36 octets. */
    static String trafficEngineering(ByteBuf in, int v, int len) {
        return len < 36 ? "shorter than one switching capability descriptor (" + len + ")" : null;
    }

    /** RFC 5701 and RFC 7606 7.15: 20 octets per community. */
    static String ipv6ExtendedCommunities(ByteBuf in, int v, int len) {
        return len == 0 || len % 20 != 0 ? "length " + len : null;
    }

    /** RFC 9234 5: exactly one 4-octet ASN. */
    static String onlyToCustomer(ByteBuf in, int v, int len) {
        return len != 4 ? "length " + len : null;
    }

    /** RFC 8669 3: TLVs of type (1), length (2), value. */
    static String prefixSid(ByteBuf in, int v, int len) {
        int end = v + len;
        if (len == 0) return "empty";
        for (int p = v; p < end; ) {
            if (end - p < 3) return "truncated TLV header";
            int tlvLen = in.getUnsignedShort(p + 1);
            if (p + 3 + tlvLen > end) return "TLV overruns the attribute";
            p += 3 + tlvLen;
        }
        return null;
    }

    /** RFC 6368 5: an origin AS, then path attributes framed as in an UPDATE. */
    static String attrSet(ByteBuf in, int v, int len) {
        if (len < 4) return "no room for the origin AS";
        int end = v + len;
        for (int p = v + 4; p < end; ) {
            if (end - p < 3) return "truncated inner attribute";
            boolean ext = (in.getUnsignedByte(p) & Attribute.FLAG_EXTENDED_LENGTH) != 0;
            if (ext && end - p < 4) return "truncated inner attribute";
            int innerLen = ext ? in.getUnsignedShort(p + 2) : in.getUnsignedByte(p + 2);
            int next = p + (ext ? 4 : 3) + innerLen;
            if (next > end) return "inner attribute overruns ATTR_SET";
            p = next;
        }
        return null;
    }
}
