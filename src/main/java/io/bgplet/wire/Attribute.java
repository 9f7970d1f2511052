package io.bgplet.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Path attributes (RFC 4271 section 4.3 and 5, RFC 4760, 1997, 4360, 6793, 8092).
 * Array-valued attributes compare by content so attribute sets can be interned.
 * The codec's attribute table ({@code AttributeTable}) holds the flags and wire format
 * of each type code; this interface holds only the values.
 */
public sealed interface Attribute {

    int ORIGIN = 1;
    int AS_PATH = 2;
    int NEXT_HOP = 3;
    int MULTI_EXIT_DISC = 4;
    int LOCAL_PREF = 5;
    int ATOMIC_AGGREGATE = 6;
    int AGGREGATOR = 7;
    int COMMUNITIES = 8;
    int ORIGINATOR_ID = 9;
    int CLUSTER_LIST = 10;
    int MP_REACH_NLRI = 14;
    int MP_UNREACH_NLRI = 15;
    int EXTENDED_COMMUNITIES = 16;
    int AS4_PATH = 17;
    int AS4_AGGREGATOR = 18;
    int LARGE_COMMUNITY = 32;

    int FLAG_OPTIONAL = 0x80;
    int FLAG_TRANSITIVE = 0x40;
    int FLAG_PARTIAL = 0x20;
    int FLAG_EXTENDED_LENGTH = 0x10;

    int typeCode();

    record Origin(int value) implements Attribute {
        public static final int IGP = 0, EGP = 1, INCOMPLETE = 2;
        public static final Origin IGP_ORIGIN = new Origin(IGP);
        public static final Origin INCOMPLETE_ORIGIN = new Origin(INCOMPLETE);
        public Origin {
            if (value < 0 || value > 2) throw new IllegalArgumentException("ORIGIN " + value);
        }
        public int typeCode() { return ORIGIN; }
        /** "i", "e", "?" as BGP CLIs print it. */
        public String symbol() { return switch (value) { case IGP -> "i"; case EGP -> "e"; default -> "?"; }; }
    }

    /**
     * AS_PATH, always held with 4-octet ASNs; the codec converts for 2-octet sessions.
     *
     * <p>Held as one int[]: per segment a header word (type in bits 8-15, ASN count in bits
     * 0-7) followed by the ASNs as unsigned ints (RFC 6793 ASNs are 32-bit). A full table keeps
     * about 490k distinct paths live; the former record of a List, an {@link AsPathSegment} and
     * a long[] per path cost four objects and 8 bytes per ASN. This costs two objects and 4
     * bytes per ASN plus one word per segment: {@code RibFootprint sets} 195 -> 174 B per interned
     * set (docs/benchmarks.md, "Compact RIB (session 3)").
     * {@link #segments()} still builds the segment list for the callers that want it.
     */
    final class AsPath implements Attribute {
        public static final AsPath EMPTY = new AsPath(new int[0]);
        private static final int HEADER_SIZE = 1;

        private final int[] words;
        private final int hash;

        public AsPath(List<AsPathSegment> segments) {
            this(encode(segments));
        }

        /** Takes ownership of words (already validated by the caller: the codec or encode). */
        private AsPath(int[] words) {
            this.words = words;
            this.hash = Arrays.hashCode(words);
        }

        /** A path over words built by {@link AsPathCodec}: headers and ASNs as described above. */
        static AsPath ofWords(int[] words) {
            return words.length == 0 ? EMPTY : new AsPath(words);
        }

        static int header(int type, int count) {
            return type << 8 | count;
        }

        private static int[] encode(List<AsPathSegment> segments) {
            int n = 0;
            for (AsPathSegment s : segments) n += HEADER_SIZE + s.size();
            int[] w = new int[n];
            int at = 0;
            for (AsPathSegment s : segments) {
                w[at++] = header(s.type(), s.size());
                for (int i = 0; i < s.size(); i++) w[at++] = (int) AttributeTable.u32(s.asn(i));
            }
            return w;
        }

        public int typeCode() { return AS_PATH; }

        /** The segments, built on each call (the path holds no segment objects). */
        public List<AsPathSegment> segments() {
            List<AsPathSegment> out = new java.util.ArrayList<>(2);
            for (int at = 0; at < words.length; ) {
                int type = words[at] >>> 8, count = words[at] & 0xFF;
                long[] asns = new long[count];
                for (int i = 0; i < count; i++) asns[i] = Integer.toUnsignedLong(words[at + 1 + i]);
                out.add(new AsPathSegment(type, asns));
                at += HEADER_SIZE + count;
            }
            return List.copyOf(out);
        }

        /** Whether the path has no segment. */
        public boolean isEmpty() {
            return words.length == 0;
        }

        /** Number of segments. */
        public int segmentCount() {
            int n = 0;
            for (int at = 0; at < words.length; at += HEADER_SIZE + (words[at] & 0xFF)) n++;
            return n;
        }

        /** Number of ASNs over all segments. */
        public int asnCount() {
            return words.length - segmentCount();
        }

        /** Octets of the attribute value with asSize-octet ASNs (RFC 4271 4.3: 2 per segment header). */
        int encodedLength(int asSize) {
            int segments = segmentCount();
            return segments * 2 + (words.length - segments) * asSize;
        }

        /** The encoded form, for the codec (not copied: callers in this package must not modify it). */
        int[] words() {
            return words;
        }

        /** Path length for best-path selection: a set counts 1, confederation segments 0 (RFC 5065). */
        public int selectionLength() {
            int n = 0;
            for (int at = 0; at < words.length; ) {
                int count = words[at] & 0xFF;
                n += switch (words[at] >>> 8) {
                    case AsPathSegment.AS_SEQUENCE -> count;
                    case AsPathSegment.AS_SET -> 1;
                    default -> 0;
                };
                at += HEADER_SIZE + count;
            }
            return n;
        }

        /** First AS of the leftmost sequence, or -1 (the neighbouring AS). */
        public long firstAs() {
            for (int at = 0; at < words.length; ) {
                int type = words[at] >>> 8, count = words[at] & 0xFF;
                if (type == AsPathSegment.AS_SEQUENCE) return Integer.toUnsignedLong(words[at + 1]);
                if (type == AsPathSegment.AS_SET) return -1;
                at += HEADER_SIZE + count;
            }
            return -1;
        }

        /** How many times asn appears anywhere in the path (for loop detection). */
        public int occurrences(long asn) {
            if (asn < 0 || asn > 0xFFFFFFFFL) return 0;
            int a = (int) asn;
            int n = 0;
            for (int at = 0; at < words.length; ) {
                int count = words[at] & 0xFF;
                for (int i = at + 1, end = at + 1 + count; i < end; i++) if (words[i] == a) n++;
                at += HEADER_SIZE + count;
            }
            return n;
        }

        /** A new path with asn prepended count times to the leftmost AS_SEQUENCE (RFC 4271 5.1.2). */
        public AsPath prepend(long asn, int count) {
            if (count <= 0) return this;
            int a = (int) AttributeTable.u32(asn);
            int[] w;
            if (words.length > 0 && words[0] >>> 8 == AsPathSegment.AS_SEQUENCE && (words[0] & 0xFF) + count <= 255) {
                w = new int[words.length + count];
                w[0] = header(AsPathSegment.AS_SEQUENCE, (words[0] & 0xFF) + count);
                Arrays.fill(w, 1, 1 + count, a);
                System.arraycopy(words, 1, w, 1 + count, words.length - 1);
            } else {
                // A new leading segment; the codec's segment limit is 255 ASNs (RFC 4271 4.3).
                if (count > 255) throw new IllegalArgumentException("AS_PATH segment of " + count + " ASNs");
                w = new int[words.length + HEADER_SIZE + count];
                w[0] = header(AsPathSegment.AS_SEQUENCE, count);
                Arrays.fill(w, 1, 1 + count, a);
                System.arraycopy(words, 0, w, 1 + count, words.length);
            }
            return new AsPath(w);
        }

        public static AsPath sequence(long... asns) {
            return asns.length == 0 ? EMPTY : new AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, asns)));
        }

        @Override
        public boolean equals(Object o) {
            return o == this || o instanceof AsPath p && p.hash == hash && Arrays.equals(p.words, words);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            for (AsPathSegment s : segments()) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(s);
            }
            return sb.toString();
        }
    }

    record NextHop(Inet4Address address) implements Attribute {
        public int typeCode() { return NEXT_HOP; }
    }

    /** MULTI_EXIT_DISC, unsigned 32 bits. */
    record Med(long value) implements Attribute {
        public int typeCode() { return MULTI_EXIT_DISC; }
    }

    /** LOCAL_PREF, unsigned 32 bits. */
    record LocalPref(long value) implements Attribute {
        public int typeCode() { return LOCAL_PREF; }
    }

    record AtomicAggregate() implements Attribute {
        public static final AtomicAggregate INSTANCE = new AtomicAggregate();
        public int typeCode() { return ATOMIC_AGGREGATE; }
    }

    /** AGGREGATOR, AS held in 4 octets. */
    record Aggregator(long asn, Inet4Address address) implements Attribute {
        public int typeCode() { return AGGREGATOR; }
    }

    /** RFC 1997 communities, each the 32-bit value (high 16 bits AS, low 16 value). */
    record Communities(int[] values) implements Attribute {
        public static final int NO_EXPORT = 0xFFFFFF01;
        public static final int NO_ADVERTISE = 0xFFFFFF02;
        public static final int NO_EXPORT_SUBCONFED = 0xFFFFFF03;
        public static final int NO_PEER = 0xFFFFFF04;
        public static final int BLACKHOLE = 0xFFFF029A;
        public static final int GRACEFUL_SHUTDOWN = 0xFFFF0000;
        public static final int LLGR_STALE = 0xFFFF0006;
        public static final int NO_LLGR = 0xFFFF0007;
        public Communities { values = values.clone(); }
        public int typeCode() { return COMMUNITIES; }
        @Override public int[] values() { return values.clone(); }
        public boolean contains(int c) { for (int v : values) if (v == c) return true; return false; }
        @Override public boolean equals(Object o) { return o instanceof Communities c && Arrays.equals(c.values, values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int v : values) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(format(v));
            }
            return sb.toString();
        }
        public static String format(int v) {
            return switch (v) {
                case NO_EXPORT -> "no-export";
                case NO_ADVERTISE -> "no-advertise";
                case NO_EXPORT_SUBCONFED -> "no-export-subconfed";
                case NO_PEER -> "no-peer";
                case BLACKHOLE -> "blackhole";
                default -> (v >>> 16) + ":" + (v & 0xFFFF);
            };
        }
        /** Parses "65000:100" or a well-known name. */
        public static int parse(String s) {
            return switch (s.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "no-export" -> NO_EXPORT;
                case "no-advertise" -> NO_ADVERTISE;
                case "no-export-subconfed" -> NO_EXPORT_SUBCONFED;
                case "no-peer" -> NO_PEER;
                case "blackhole" -> BLACKHOLE;
                case "graceful-shutdown" -> GRACEFUL_SHUTDOWN;
                default -> {
                    String[] p = s.trim().split(":");
                    if (p.length == 1) {
                        long v = Long.parseLong(p[0]);
                        if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalArgumentException("community out of range: " + s);
                        yield (int) v;
                    }
                    if (p.length != 2) throw new IllegalArgumentException("bad community: " + s);
                    int hi = Integer.parseInt(p[0]), lo = Integer.parseInt(p[1]);
                    if (hi < 0 || hi > 0xFFFF || lo < 0 || lo > 0xFFFF) throw new IllegalArgumentException("community out of range: " + s);
                    yield (hi << 16) | lo;
                }
            };
        }
    }

    record OriginatorId(int routerId) implements Attribute {
        public int typeCode() { return ORIGINATOR_ID; }
    }

    record ClusterList(int[] clusterIds) implements Attribute {
        public ClusterList { clusterIds = clusterIds.clone(); }
        public int typeCode() { return CLUSTER_LIST; }
        @Override public int[] clusterIds() { return clusterIds.clone(); }
        @Override public boolean equals(Object o) { return o instanceof ClusterList c && Arrays.equals(c.clusterIds, clusterIds); }
        @Override public int hashCode() { return Arrays.hashCode(clusterIds); }
        @Override public String toString() { return "ClusterList" + Arrays.toString(clusterIds); }
    }

    /** RFC 4760 MP_REACH_NLRI. linkLocal is the second IPv6 next hop (32-octet form), or null. */
    record MpReach(Family family, InetAddress nextHop, InetAddress linkLocal, List<Prefix> nlri) implements Attribute {
        public MpReach { nlri = List.copyOf(nlri); }
        public int typeCode() { return MP_REACH_NLRI; }
    }

    /** RFC 4760 MP_UNREACH_NLRI; an empty one is the End-of-RIB of its family (RFC 4724). */
    record MpUnreach(Family family, List<Prefix> withdrawn) implements Attribute {
        public MpUnreach { withdrawn = List.copyOf(withdrawn); }
        public int typeCode() { return MP_UNREACH_NLRI; }
    }

    /** RFC 4360 extended communities, 8 octets each. */
    record ExtendedCommunities(long[] values) implements Attribute {
        public ExtendedCommunities { values = values.clone(); }
        public int typeCode() { return EXTENDED_COMMUNITIES; }
        @Override public long[] values() { return values.clone(); }
        @Override public boolean equals(Object o) { return o instanceof ExtendedCommunities c && Arrays.equals(c.values, values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder("ExtendedCommunities[");
            for (long v : values) sb.append(String.format("%016x ", v));
            return sb.append(']').toString();
        }
    }

    /** RFC 6793 AS4_PATH: only seen on sessions without the 4-octet AS capability. */
    record As4Path(List<AsPathSegment> segments) implements Attribute {
        public As4Path { segments = List.copyOf(segments); }
        public int typeCode() { return AS4_PATH; }
    }

    record As4Aggregator(long asn, Inet4Address address) implements Attribute {
        public int typeCode() { return AS4_AGGREGATOR; }
    }

    /** RFC 8092 large communities: global admin, local 1, local 2 (each unsigned 32 bits) in triples. */
    record LargeCommunities(int[] values) implements Attribute {
        public LargeCommunities {
            if (values.length % 3 != 0) throw new IllegalArgumentException("large communities come in triples");
            values = values.clone();
        }
        public int typeCode() { return LARGE_COMMUNITY; }
        @Override public int[] values() { return values.clone(); }
        public int count() { return values.length / 3; }
        @Override public boolean equals(Object o) { return o instanceof LargeCommunities c && Arrays.equals(c.values, values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < values.length; i += 3) {
                if (sb.length() > 0) sb.append(' ');
                sb.append(Integer.toUnsignedString(values[i])).append(':')
                  .append(Integer.toUnsignedString(values[i + 1])).append(':')
                  .append(Integer.toUnsignedString(values[i + 2]));
            }
            return sb.toString();
        }
        /** Parses "65000:1:2" into a triple. */
        public static int[] parse(String s) {
            String[] p = s.trim().split(":");
            if (p.length != 3) throw new IllegalArgumentException("bad large community: " + s);
            int[] out = new int[3];
            for (int i = 0; i < 3; i++) {
                long v = Long.parseLong(p[i]);
                if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalArgumentException("large community out of range: " + s);
                out[i] = (int) v;
            }
            return out;
        }
    }

    /**
     * An attribute bgplet does not interpret. Optional transitive ones are passed on with the
     * Partial bit set (RFC 4271 section 5); others are dropped at export.
     */
    record Unknown(int flags, int code, byte[] value) implements Attribute {
        public Unknown { value = value.clone(); }
        public int typeCode() { return code; }
        @Override public byte[] value() { return value.clone(); }
        public boolean optional() { return (flags & FLAG_OPTIONAL) != 0; }
        public boolean transitive() { return (flags & FLAG_TRANSITIVE) != 0; }
        @Override public boolean equals(Object o) {
            return o instanceof Unknown u && u.code == code && (u.flags & 0xE0) == (flags & 0xE0) && Arrays.equals(u.value, value);
        }
        @Override public int hashCode() { return (code * 31 + (flags & 0xE0)) * 31 + Arrays.hashCode(value); }
        @Override public String toString() { return "Unknown[code=" + code + ", flags=0x" + Integer.toHexString(flags) + ", value=" + HexFormat.of().formatHex(value) + "]"; }
    }
}
