package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * Prefixes as NLRI carries them: a length in bits, then just enough octets (RFC 4271 4.3,
 * RFC 4760 5). Bits past the length are ignored on input and zero on output.
 */
final class NlriCodec {
    private NlriCodec() {}

    /**
     * Decodes IPv4 prefixes in [p, end) into out. Returns null, or why the field cannot be
     * parsed (a length over 32, or a prefix running past the end).
     */
    static String decodeIpv4(ByteBuf in, int p, int end, List<Prefix> out) {
        while (p < end) {
            int len = in.getUnsignedByte(p++);
            if (len > 32) return "IPv4 prefix length " + len;
            int n = (len + 7) >>> 3;
            if (p + n > end) return "IPv4 prefix of length " + len + " overruns its field";
            int addr = 0;
            for (int i = 0; i < n; i++) addr |= in.getUnsignedByte(p + i) << (24 - 8 * i);
            p += n;
            out.add(new Ipv4Prefix(addr, len));
        }
        return null;
    }

    /** Like {@link #decodeIpv4} for IPv6: lengths up to 128. */
    static String decodeIpv6(ByteBuf in, int p, int end, List<Prefix> out) {
        while (p < end) {
            int len = in.getUnsignedByte(p++);
            if (len > 128) return "IPv6 prefix length " + len;
            int n = (len + 7) >>> 3;
            if (p + n > end) return "IPv6 prefix of length " + len + " overruns its field";
            long hi = 0, lo = 0;
            for (int i = 0; i < n; i++) {
                long b = in.getUnsignedByte(p + i);
                if (i < 8) hi |= b << (56 - 8 * i);
                else lo |= b << (56 - 8 * (i - 8));
            }
            p += n;
            out.add(new Ipv6Prefix(hi, lo, len));
        }
        return null;
    }

    static int length(Prefix p) {
        return 1 + ((p.length() + 7) >>> 3);
    }

    static int length(List<? extends Prefix> prefixes) {
        int n = 0;
        for (int i = 0, size = prefixes.size(); i < size; i++) n += length(prefixes.get(i));
        return n;
    }

    static void encode(Prefix prefix, ByteBuf out) {
        int len = prefix.length();
        int n = (len + 7) >>> 3;
        out.writeByte(len);
        switch (prefix) {
            case Ipv4Prefix v4 -> {
                int a = v4.address32();
                for (int i = 0; i < n; i++) out.writeByte(a >>> (24 - 8 * i));
            }
            case Ipv6Prefix v6 -> {
                for (int i = 0; i < n; i++) out.writeByte((int) (i < 8 ? v6.hi() >>> (56 - 8 * i) : v6.lo() >>> (56 - 8 * (i - 8))));
            }
        }
    }

    /** Writes an IPv4 prefix from its {@link Ipv4Prefix#key()} without making the object. */
    static void encodeIpv4Key(long key, ByteBuf out) {
        int len = (int) (key & 0xFF);
        int a = (int) (key >>> 8);
        out.writeByte(len);
        for (int i = 0, n = (len + 7) >>> 3; i < n; i++) out.writeByte(a >>> (24 - 8 * i));
    }

    static int ipv4KeyLength(long key) {
        return 1 + ((int) (key & 0xFF) + 7 >>> 3);
    }

    static void encodeAll(List<? extends Prefix> prefixes, ByteBuf out) {
        for (int i = 0, size = prefixes.size(); i < size; i++) encode(prefixes.get(i), out);
    }
}
