package io.bgplet.bench;

import java.io.ByteArrayOutputStream;

/**
 * The few BGP messages the generator and the sink write, encoded by hand (RFC 4271 4,
 * RFC 4760, RFC 6793, RFC 1997, RFC 8092). Deliberately independent of bgplet's codec, so
 * the harness does not share a bug with the speaker it measures.
 */
final class Wire {
    static final int HEADER = 19;
    static final int MAX_MESSAGE = 4096;
    static final byte OPEN = 1, UPDATE = 2, NOTIFICATION = 3, KEEPALIVE = 4;

    private Wire() {}

    static byte[] keepalive() {
        byte[] m = new byte[HEADER];
        header(m, 0, HEADER, KEEPALIVE);
        return m;
    }

    /** OPEN with 4-octet AS (RFC 6793) and multiprotocol IPv4 (and IPv6) unicast (RFC 4760). */
    static byte[] open(long as, int holdTime, int bgpId, boolean ipv6) {
        ByteArrayOutputStream caps = new ByteArrayOutputStream();
        capability(caps, 1, new byte[] {0, 1, 0, 1});
        if (ipv6) capability(caps, 1, new byte[] {0, 2, 0, 1});
        capability(caps, 65, new byte[] {(byte) (as >>> 24), (byte) (as >>> 16), (byte) (as >>> 8), (byte) as});
        byte[] c = caps.toByteArray();
        int len = HEADER + 10 + c.length;
        byte[] m = new byte[len];
        header(m, 0, len, OPEN);
        int p = HEADER;
        m[p++] = 4;
        int as2 = as > 0xFFFF ? 23456 : (int) as; // AS_TRANS, RFC 6793 4.1
        m[p++] = (byte) (as2 >>> 8);
        m[p++] = (byte) as2;
        m[p++] = (byte) (holdTime >>> 8);
        m[p++] = (byte) holdTime;
        putInt(m, p, bgpId);
        p += 4;
        m[p++] = (byte) c.length;
        System.arraycopy(c, 0, m, p, c.length);
        return m;
    }

    private static void capability(ByteArrayOutputStream out, int code, byte[] value) {
        out.write(2); // optional parameter: capabilities (RFC 5492)
        out.write(value.length + 2);
        out.write(code);
        out.write(value.length);
        out.writeBytes(value);
    }

    static void header(byte[] m, int at, int len, byte type) {
        for (int i = 0; i < 16; i++) m[at + i] = (byte) 0xFF;
        m[at + 16] = (byte) (len >>> 8);
        m[at + 17] = (byte) len;
        m[at + 18] = type;
    }

    static void putInt(byte[] m, int p, int v) {
        m[p] = (byte) (v >>> 24);
        m[p + 1] = (byte) (v >>> 16);
        m[p + 2] = (byte) (v >>> 8);
        m[p + 3] = (byte) v;
    }

    static int getInt(byte[] m, int p) {
        return (m[p] & 0xFF) << 24 | (m[p + 1] & 0xFF) << 16 | (m[p + 2] & 0xFF) << 8 | (m[p + 3] & 0xFF);
    }

    /** An IPv4 address "a.b.c.d" as an int. */
    static int ipv4(String s) {
        String[] p = s.split("\\.");
        return Integer.parseInt(p[0]) << 24 | Integer.parseInt(p[1]) << 16 | Integer.parseInt(p[2]) << 8 | Integer.parseInt(p[3]);
    }

    static String ipv4(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }

    /** Sink key of an IPv4 prefix: address and length in one long; never 0 (length is at least 1... or the family bit). */
    static long key4(int address, int length) {
        return (address & 0xFFFFFFFFL) << 8 | length | 1L << 62;
    }

    /** Sink key of an IPv6 prefix of length <= 64: a 64-bit mix of its top half and length (collisions ~1e-9 for 225k). */
    static long key6(long high, int length) {
        long h = (high ^ length * 0x9E3779B97F4A7C15L) * 0xC2B2AE3D27D4EB4FL;
        return (h ^ h >>> 31) | 1L << 63;
    }
}
