package io.bgplet.policy;

import io.bgplet.rib.PathAttributes;

import java.util.Arrays;

/**
 * What a matching statement does. {@link Accept} and {@link Reject} end the policy; the
 * others change the route and evaluation goes on with the next statement (GoBGP's model).
 */
public sealed interface Action {

    record Accept() implements Action {}

    record Reject() implements Action {}

    /** Replaces all RFC 1997 communities. */
    record SetCommunities(int[] values) implements Action {
        public SetCommunities { values = values.clone(); }
        @Override public int[] values() { return values.clone(); }
        @Override public boolean equals(Object o) { return o instanceof SetCommunities s && Arrays.equals(s.values, values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() { return "SetCommunities" + Arrays.toString(values); }
    }

    /** Adds RFC 1997 communities not already present. */
    record AddCommunities(int[] values) implements Action {
        public AddCommunities { values = values.clone(); }
        @Override public int[] values() { return values.clone(); }
        @Override public boolean equals(Object o) { return o instanceof AddCommunities s && Arrays.equals(s.values, values); }
        @Override public int hashCode() { return Arrays.hashCode(values); }
        @Override public String toString() { return "AddCommunities" + Arrays.toString(values); }
    }

    /** Replaces all RFC 8092 large communities (triples). */
    record SetLargeCommunities(int[] triples) implements Action {
        public SetLargeCommunities {
            if (triples.length % 3 != 0) throw new IllegalArgumentException("large communities come in triples");
            triples = triples.clone();
        }
        @Override public int[] triples() { return triples.clone(); }
        @Override public boolean equals(Object o) { return o instanceof SetLargeCommunities s && Arrays.equals(s.triples, triples); }
        @Override public int hashCode() { return Arrays.hashCode(triples); }
        @Override public String toString() { return "SetLargeCommunities" + Arrays.toString(triples); }
    }

    /** Adds RFC 8092 large communities (triples) not already present. */
    record AddLargeCommunities(int[] triples) implements Action {
        public AddLargeCommunities {
            if (triples.length % 3 != 0) throw new IllegalArgumentException("large communities come in triples");
            triples = triples.clone();
        }
        @Override public int[] triples() { return triples.clone(); }
        @Override public boolean equals(Object o) { return o instanceof AddLargeCommunities s && Arrays.equals(s.triples, triples); }
        @Override public int hashCode() { return Arrays.hashCode(triples); }
        @Override public String toString() { return "AddLargeCommunities" + Arrays.toString(triples); }
    }

    record SetLocalPref(long value) implements Action {
        public SetLocalPref { checkU32(value); }
    }

    record SetMed(long value) implements Action {
        public SetMed { checkU32(value); }
    }

    /** Prepends asn count times (RFC 4271 5.1.2 allows repeating one's own AS). */
    record Prepend(long asn, int count) implements Action {
        public Prepend {
            checkU32(asn);
            if (count < 1 || count > 32) throw new IllegalArgumentException("prepend count " + count);
        }
    }

    private static void checkU32(long v) {
        if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
    }

    /** Applies a modifying action to the draft; Accept and Reject do not modify. */
    default void modify(PathAttributes.Builder b) {
        switch (this) {
            case Accept a -> { }
            case Reject r -> { }
            case SetCommunities s -> b.communities(s.values);
            case AddCommunities s -> b.communities(union(b.communities(), s.values, 1));
            case SetLargeCommunities s -> b.largeCommunities(s.triples);
            case AddLargeCommunities s -> b.largeCommunities(union(b.largeCommunities(), s.triples, 3));
            case SetLocalPref s -> b.localPref(s.value());
            case SetMed s -> b.med(s.value());
            case Prepend p -> b.asPath(b.asPath().prepend(p.asn(), p.count()));
        }
    }

    /** have plus the groups of width values from add that have does not contain, in order. */
    private static int[] union(int[] have, int[] add, int width) {
        int[] out = Arrays.copyOf(have, have.length + add.length);
        int n = have.length;
        outer:
        for (int i = 0; i < add.length; i += width) {
            for (int j = 0; j < n; j += width) {
                if (Arrays.equals(out, j, j + width, add, i, i + width)) continue outer;
            }
            System.arraycopy(add, i, out, n, width);
            n += width;
        }
        return Arrays.copyOf(out, n);
    }
}
