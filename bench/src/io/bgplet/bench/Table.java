package io.bgplet.bench;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A synthetic Internet-like table, built from a fixed seed before any clock starts: unique
 * IPv4 prefixes with today's length mix (about 60 % /24, the rest /8 to /23 weighted like the
 * potaroo.net report), optional IPv6 prefixes (about half /48), and about a quarter as many
 * attribute sets as prefixes (AS paths of 2 to 8 four-octet ASNs with some prepends, 0 to 6
 * communities, some large communities). Prefixes avoid the ranges the benchmark uses for its
 * own sessions and the private ranges; nothing is ever installed in a kernel table.
 */
final class Table {
    /** The re-announcements of the churn phase carry this community (64496:1, a documentation ASN). */
    static final int MARKER = 64496 << 16 | 1;

    // Share of each IPv4 length /8../24, per million (potaroo-like; /24 = 600k).
    private static final int[] V4_PER_MILLION = {
            10, 20, 50, 100, 300, 600, 1000, 1000, // /8../15
            13000, 8000, 14000, 26000, 45000, 50000, 120000, 110000, // /16../23
            600000}; // /24
    private static final long[][] AVOID = {
            {0x00000000L, 8}, {0x0A000000L, 8}, {0x7F000000L, 8}, {0xAC100000L, 12}, {0xC0A80000L, 16},
            {0xC6120000L, 15}, {0xC0000200L, 24}, {0xC6336400L, 24}, {0xCB007100L, 24}, {0x64400000L, 10}, {0xA9FE0000L, 16}};

    final int[] addr4;
    final byte[] len4;
    final long[] high6;
    final byte[] len6;
    final int[] set4;
    final int[] set6;
    /** Per attribute set: ORIGIN, AS_PATH, COMMUNITIES, LARGE_COMMUNITY encoded, without next hop. */
    final byte[][] attrs;
    final int[][] communities;
    final byte[][] attrsNoCommunities;

    /** peers: the table is sliced per peer, each slice drawing from its own share of the attribute sets. */
    Table(int v4, int v6, long generatorAs, long seed, int peers) {
        SplittableRandom rnd = new SplittableRandom(seed);
        addr4 = new int[v4];
        len4 = new byte[v4];
        PrefixStates seen = new PrefixStates(v4 + v6);
        int[] cumulative = new int[V4_PER_MILLION.length];
        int sum = 0;
        for (int i = 0; i < cumulative.length; i++) cumulative[i] = sum += V4_PER_MILLION[i];
        for (int i = 0; i < v4; ) {
            int pick = rnd.nextInt(sum), len = 8;
            while (cumulative[len - 8] <= pick) len++;
            int a = (rnd.nextInt(1, 224) << 24 | rnd.nextInt(1 << 24)) & (int) (0xFFFFFFFFL << (32 - len));
            if (avoided(a, len) || !seen.addIfAbsent(Wire.key4(a, len))) continue;
            addr4[i] = a;
            len4[i++] = (byte) len;
        }
        high6 = new long[v6];
        len6 = new byte[v6];
        for (int i = 0; i < v6; ) {
            int r = rnd.nextInt(100);
            int len = r < 48 ? 48 : r < 60 ? 32 : r < 70 ? 44 : r < 78 ? 40 : r < 86 ? 36 : r < 92 ? 29 : rnd.nextInt(29, 48);
            // Global unicast 2000::/3, outside 2001:db8::/32 (our own sessions).
            long h = (0x2000L + rnd.nextInt(0x1000)) << 48 | rnd.nextLong() >>> 16;
            h &= -1L << (64 - len);
            if ((h >>> 32) == 0x20010DB8L || !seen.addIfAbsent(Wire.key6(h, len))) continue;
            high6[i] = h;
            len6[i++] = (byte) len;
        }
        int sets = Math.max(1, (v4 + v6) / 4);
        attrs = new byte[sets][];
        attrsNoCommunities = new byte[sets][];
        communities = new int[sets][];
        long[] transit = new long[3000];
        for (int i = 0; i < transit.length; i++) transit[i] = 4_200_000_000L + rnd.nextInt(90_000_000);
        for (int s = 0; s < sets; s++) {
            int hops = pathLength(rnd);
            long[] path = new long[hops];
            path[0] = generatorAs;
            for (int h = 1; h < hops; h++) path[h] = h < hops - 1 ? transit[rnd.nextInt(transit.length)] : 4_290_000_000L + rnd.nextInt(75_000);
            if (hops > 2 && rnd.nextInt(10) == 0) { // prepends: the origin repeats itself
                for (int h = hops - 1 - rnd.nextInt(1, Math.min(3, hops - 2) + 1); h < hops - 1; h++) path[h] = path[hops - 1];
            }
            int nc = communityCount(rnd);
            int[] cs = new int[nc];
            for (int c = 0; c < nc; c++) cs[c] = rnd.nextInt(1, 64000) << 16 | rnd.nextInt(65536);
            int[] large = rnd.nextInt(100) < 15 ? new int[] {(int) path[hops - 1], rnd.nextInt(1000), rnd.nextInt(1000)} : new int[0];
            communities[s] = cs;
            attrs[s] = encodeAttrs(rnd.nextInt(10) == 0 ? 2 : 0, path, cs, large);
            attrsNoCommunities[s] = encodeAttrs(0, path, new int[0], large);
        }
        // Each peer's slice uses its own sets (a quarter as many as its prefixes), so every peer
        // packs about as many prefixes per UPDATE as a single full-table peer does.
        int share = Math.max(1, sets / peers);
        set4 = new int[v4];
        for (int i = 0; i < v4; i++) set4[i] = (int) ((long) i * peers / v4) * share + rnd.nextInt(share);
        set6 = new int[v6];
        int share6 = Math.max(1, Math.min(share, v6 / 4 / peers)); // IPv6 also packs about 4 per UPDATE
        for (int i = 0; i < v6; i++) set6[i] = (int) ((long) i * peers / v6) * share + rnd.nextInt(share6);
    }

    private static boolean avoided(int a, int len) {
        for (long[] r : AVOID) {
            int common = (int) Math.min(len, r[1]);
            long m = 0xFFFFFFFFL << (32 - common) & 0xFFFFFFFFL;
            if (((a & 0xFFFFFFFFL) & m) == (r[0] & m)) return true;
        }
        return false;
    }

    private static int pathLength(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 15 ? 2 : x < 45 ? 3 : x < 70 ? 4 : x < 85 ? 5 : x < 93 ? 6 : x < 97 ? 7 : 8;
    }

    private static int communityCount(SplittableRandom r) {
        int x = r.nextInt(100);
        return x < 30 ? 0 : x < 45 ? 1 : x < 60 ? 2 : x < 72 ? 3 : x < 82 ? 4 : x < 91 ? 5 : 6;
    }

    /** ORIGIN, AS_PATH (one AS_SEQUENCE, RFC 6793 four-octet), COMMUNITIES, LARGE_COMMUNITY. */
    static byte[] encodeAttrs(int origin, long[] path, int[] cs, int[] large) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(64);
        o.writeBytes(new byte[] {0x40, 1, 1, (byte) origin});
        int plen = 2 + 4 * path.length;
        o.writeBytes(new byte[] {0x40, 2, (byte) plen, 2, (byte) path.length});
        for (long as : path) writeInt(o, (int) as);
        if (cs.length > 0) {
            o.writeBytes(new byte[] {(byte) 0xC0, 8, (byte) (4 * cs.length)});
            for (int c : cs) writeInt(o, c);
        }
        if (large.length > 0) {
            o.writeBytes(new byte[] {(byte) 0xC0, 32, (byte) (4 * large.length)});
            for (int c : large) writeInt(o, c);
        }
        return o.toByteArray();
    }

    static void writeInt(ByteArrayOutputStream o, int v) {
        o.write(v >>> 24);
        o.write(v >>> 16);
        o.write(v >>> 8);
        o.write(v);
    }

    /**
     * The UPDATEs announcing IPv4 prefixes [from, to) and IPv6 prefixes [from6, to6), packed
     * by attribute set (every prefix of a set in as few 4096-byte UPDATEs as fit), in chunks of
     * whole messages of about 64 KB.
     */
    List<byte[]> announce(int from, int to, int from6, int to6, int nextHop, byte[] nextHop6) {
        Chunks out = new Chunks();
        int sets = attrs.length;
        int[][] bySet = group(set4, from, to, sets);
        for (int s = 0; s < sets; s++) {
            if (bySet[s].length == 0) continue;
            byte[] a = attrs[s];
            byte[] m = new byte[Wire.MAX_MESSAGE];
            int fixed = Wire.HEADER + 4 + a.length + 7;
            int p = 0;
            int[] members = bySet[s];
            while (p < members.length) {
                int at = fixed;
                int start = p;
                while (p < members.length && at + 1 + (len4[members[p]] + 7) / 8 <= Wire.MAX_MESSAGE) {
                    at = nlri4(m, at, addr4[members[p]], len4[members[p]]);
                    p++;
                }
                if (p == start) throw new IllegalStateException("attributes too large");
                int w = Wire.HEADER;
                m[w++] = 0;
                m[w++] = 0;
                int attrLen = a.length + 7;
                m[w++] = (byte) (attrLen >>> 8);
                m[w++] = (byte) attrLen;
                System.arraycopy(a, 0, m, w, a.length);
                w += a.length;
                m[w++] = 0x40;
                m[w++] = 3;
                m[w++] = 4;
                Wire.putInt(m, w, nextHop);
                Wire.header(m, 0, at, Wire.UPDATE);
                out.add(m, at);
            }
        }
        if (to6 > from6) {
            int[][] bySet6 = group(set6, from6, to6, sets);
            for (int s = 0; s < sets; s++) {
                int[] members = bySet6[s];
                int p = 0;
                while (p < members.length) {
                    byte[] a = attrs[s];
                    byte[] m = new byte[Wire.MAX_MESSAGE];
                    // MP_REACH_NLRI (RFC 4760 3) with extended length, placed last so NLRI can be appended.
                    int mpStart = Wire.HEADER + 4 + a.length;
                    int at = mpStart + 4 + 4 + 16 + 1; // AFI, SAFI, next-hop length, next hop, reserved
                    while (p < members.length && at + 1 + (len6[members[p]] + 7) / 8 <= Wire.MAX_MESSAGE) {
                        at = nlri6(m, at, high6[members[p]], len6[members[p]]);
                        p++;
                    }
                    int mpLen = at - mpStart - 4;
                    int w = Wire.HEADER;
                    m[w++] = 0;
                    m[w++] = 0;
                    int attrLen = at - Wire.HEADER - 4;
                    m[w++] = (byte) (attrLen >>> 8);
                    m[w++] = (byte) attrLen;
                    System.arraycopy(a, 0, m, w, a.length);
                    w += a.length;
                    m[w++] = (byte) 0x90;
                    m[w++] = 14;
                    m[w++] = (byte) (mpLen >>> 8);
                    m[w++] = (byte) mpLen;
                    m[w++] = 0;
                    m[w++] = 2;
                    m[w++] = 1;
                    m[w++] = 16;
                    System.arraycopy(nextHop6, 0, m, w, 16);
                    w += 16;
                    m[w] = 0;
                    Wire.header(m, 0, at, Wire.UPDATE);
                    out.add(m, at);
                }
            }
        }
        return out.done();
    }

    /**
     * Churn: for each block of up to 1000 of the given IPv4 prefixes, one UPDATE withdrawing
     * each, then one UPDATE re-announcing each with its attributes plus {@link #MARKER}.
     * One prefix per UPDATE, as real churn arrives.
     */
    List<byte[]> churn(int[] indices, int nextHop) {
        Chunks out = new Chunks();
        byte[] m = new byte[Wire.MAX_MESSAGE];
        for (int b = 0; b < indices.length; b += 1000) {
            int end = Math.min(indices.length, b + 1000);
            for (int k = b; k < end; k++) {
                int i = indices[k];
                int at = nlri4(m, Wire.HEADER + 2, addr4[i], len4[i]);
                int wl = at - Wire.HEADER - 2;
                m[Wire.HEADER] = (byte) (wl >>> 8);
                m[Wire.HEADER + 1] = (byte) wl;
                m[at++] = 0;
                m[at++] = 0;
                Wire.header(m, 0, at, Wire.UPDATE);
                out.add(m, at);
            }
            for (int k = b; k < end; k++) {
                int i = indices[k];
                int s = set4[i];
                int[] cs = communities[s];
                ByteArrayOutputStream a = new ByteArrayOutputStream();
                a.writeBytes(attrsNoCommunities[s]);
                a.writeBytes(new byte[] {(byte) 0xC0, 8, (byte) (4 * (cs.length + 1))});
                for (int c : cs) writeInt(a, c);
                writeInt(a, MARKER);
                a.writeBytes(new byte[] {0x40, 3, 4});
                writeInt(a, nextHop);
                byte[] ab = a.toByteArray();
                int w = Wire.HEADER;
                m[w++] = 0;
                m[w++] = 0;
                m[w++] = (byte) (ab.length >>> 8);
                m[w++] = (byte) ab.length;
                System.arraycopy(ab, 0, m, w, ab.length);
                int at = nlri4(m, w + ab.length, addr4[i], len4[i]);
                Wire.header(m, 0, at, Wire.UPDATE);
                out.add(m, at);
            }
        }
        return out.done();
    }

    private static int[][] group(int[] setOf, int from, int to, int sets) {
        int[] counts = new int[sets];
        for (int i = from; i < to; i++) counts[setOf[i]]++;
        int[][] g = new int[sets][];
        for (int s = 0; s < sets; s++) g[s] = new int[counts[s]];
        int[] fill = new int[sets];
        for (int i = from; i < to; i++) g[setOf[i]][fill[setOf[i]]++] = i;
        return g;
    }

    static int nlri4(byte[] m, int at, int a, int len) {
        m[at++] = (byte) len;
        for (int b = 0; b < (len + 7) / 8; b++) m[at++] = (byte) (a >>> (24 - 8 * b));
        return at;
    }

    static int nlri6(byte[] m, int at, long h, int len) {
        m[at++] = (byte) len;
        for (int b = 0; b < (len + 7) / 8; b++) m[at++] = (byte) (h >>> (56 - 8 * b));
        return at;
    }

    /** Collects messages into ~64 KB byte arrays that hold whole messages only. */
    static final class Chunks {
        private static final int SIZE = 64 * 1024;
        private final List<byte[]> chunks = new ArrayList<>();
        private byte[] cur = new byte[SIZE + Wire.MAX_MESSAGE];
        private int pos;
        long bytes;
        int messages;

        void add(byte[] m, int len) {
            System.arraycopy(m, 0, cur, pos, len);
            pos += len;
            bytes += len;
            messages++;
            if (pos >= SIZE) flush();
        }

        private void flush() {
            if (pos == 0) return;
            chunks.add(java.util.Arrays.copyOf(cur, pos));
            pos = 0;
        }

        List<byte[]> done() {
            flush();
            return chunks;
        }
    }
}
