package io.bgplet.wire;

import java.util.Arrays;

/** One AS_PATH segment (RFC 4271 4.3, RFC 5065 for the confederation types). */
public record AsPathSegment(int type, long[] asns) {
    public static final int AS_SET = 1;
    public static final int AS_SEQUENCE = 2;
    public static final int AS_CONFED_SEQUENCE = 3;
    public static final int AS_CONFED_SET = 4;

    public AsPathSegment {
        if (type < AS_SET || type > AS_CONFED_SET) throw new IllegalArgumentException("AS_PATH segment type " + type);
        if (asns.length == 0 || asns.length > 255) throw new IllegalArgumentException("AS_PATH segment of " + asns.length + " ASNs");
        asns = asns.clone();
    }

    @Override
    public long[] asns() {
        return asns.clone();
    }

    public int size() {
        return asns.length;
    }

    public long asn(int i) {
        return asns[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsPathSegment s && s.type == type && Arrays.equals(s.asns, asns);
    }

    @Override
    public int hashCode() {
        return type * 31 + Arrays.hashCode(asns);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (long a : asns) {
            if (sb.length() > 0) sb.append(' ');
            sb.append(a);
        }
        return switch (type) {
            case AS_SET -> "{" + sb + "}";
            case AS_CONFED_SEQUENCE -> "(" + sb + ")";
            case AS_CONFED_SET -> "[" + sb + "]";
            default -> sb.toString();
        };
    }
}
