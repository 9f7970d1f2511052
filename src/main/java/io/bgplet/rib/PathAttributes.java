package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Attribute.Aggregator;
import io.bgplet.wire.Attribute.AsPath;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import io.bgplet.wire.Update;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The route-affecting attributes of a path (RFC 4271 section 5): every {@link Attribute}
 * except MP_REACH/MP_UNREACH, with the next hop (NEXT_HOP, or the MP_REACH next hop and
 * link-local address of RFC 4760 / RFC 2545) held as addresses. Immutable, hash precomputed,
 * values used by best path in primitive fields. Canonical instances come from
 * {@link AttributeInterner}, so the RIB compares them by identity.
 *
 * <p>Memory, measured by {@code RibFootprint sets} (src/test) over 251,666 distinct sets with
 * 2-8 ASN paths (about 70k distinct paths) and 0-5 communities, compact object headers: 160
 * bytes per set (195 before the int[] AS path and the counted interner), counting the set,
 * its community array, its share of the AS path and its interner entry (next hop addresses
 * and equal AS paths are shared through the interner).
 */
public final class PathAttributes {
    /** LOCAL_PREF assumed when a path has none (RFC 4271 5.1.5 leaves it local; 100 is universal). */
    public static final long DEFAULT_LOCAL_PREF = 100;
    /** RFC 4271 5 recommends ascending type codes; one comparator, not one per call. */
    private static final Comparator<Attribute> BY_TYPE = Comparator.comparingInt(Attribute::typeCode);
    static final int[] NO_INTS = new int[0];
    static final long[] NO_LONGS = new long[0];
    static final Attribute[] NO_ATTRIBUTES = new Attribute[0];

    private final int hash;
    private final byte origin;
    private final boolean atomicAggregate;
    private final int asPathLength;
    private final long neighborAs;
    private final long med;          // -1 when absent
    private final long localPref;    // -1 when absent
    private final long originatorId; // -1 when absent
    private final AsPath asPath;
    private final InetAddress nextHop; // null: none (locally originated, next hop self at export)
    private final InetAddress linkLocal;
    private final Aggregator aggregator;
    private final int[] communities;
    private final long[] extendedCommunities;
    private final int[] largeCommunities;
    private final int[] clusterList;
    private final Attribute[] others; // AS4_PATH, AS4_AGGREGATOR, unknown: by type code
    /**
     * Routes holding this canonical set (AttributeInterner's reference count): the one
     * mutable field, written by the RIB's single writer only, and no part of the value
     * (equals and hashCode ignore it). Kept here rather than in the interner's table so
     * taking a reference per stored route is a field increment, not a hash probe.
     */
    int refs;

    private PathAttributes(Builder b) {
        origin = (byte) b.origin;
        atomicAggregate = b.atomicAggregate;
        asPath = b.asPath;
        asPathLength = asPath.selectionLength();
        neighborAs = asPath.firstAs();
        med = b.med;
        localPref = b.localPref;
        originatorId = b.originatorId;
        nextHop = b.nextHop;
        linkLocal = b.linkLocal;
        aggregator = b.aggregator;
        communities = b.communities;
        extendedCommunities = b.extendedCommunities;
        largeCommunities = b.largeCommunities;
        clusterList = b.clusterList;
        others = b.others.toArray(NO_ATTRIBUTES);
        Arrays.sort(others, BY_TYPE);
        int h = origin;
        h = h * 31 + asPath.hashCode();
        h = h * 31 + Long.hashCode(med);
        h = h * 31 + Long.hashCode(localPref);
        h = h * 31 + Long.hashCode(originatorId);
        h = h * 31 + (atomicAggregate ? 1 : 0);
        h = h * 31 + Objects.hashCode(nextHop);
        h = h * 31 + Objects.hashCode(linkLocal);
        h = h * 31 + Objects.hashCode(aggregator);
        h = h * 31 + Arrays.hashCode(communities);
        h = h * 31 + Arrays.hashCode(extendedCommunities);
        h = h * 31 + Arrays.hashCode(largeCommunities);
        h = h * 31 + Arrays.hashCode(clusterList);
        h = h * 31 + Arrays.hashCode(others);
        hash = h;
    }

    /**
     * This set with an equal AS path and next hop (the interner's shared instances): a field
     * copy, not a Builder round trip, since every new set a peer sends passes here. The hash
     * is unchanged because the parts are equal.
     */
    PathAttributes withShared(AsPath equalPath, InetAddress equalNextHop) {
        return new PathAttributes(this, equalPath, equalNextHop);
    }

    private PathAttributes(PathAttributes a, AsPath equalPath, InetAddress equalNextHop) {
        hash = a.hash;
        origin = a.origin;
        atomicAggregate = a.atomicAggregate;
        asPathLength = a.asPathLength;
        neighborAs = a.neighborAs;
        med = a.med;
        localPref = a.localPref;
        originatorId = a.originatorId;
        asPath = equalPath;
        nextHop = equalNextHop;
        linkLocal = a.linkLocal;
        aggregator = a.aggregator;
        communities = a.communities;
        extendedCommunities = a.extendedCommunities;
        largeCommunities = a.largeCommunities;
        clusterList = a.clusterList;
        others = a.others;
    }

    /**
     * The attribute set of an UPDATE's routes of the given family: NEXT_HOP for IPv4
     * unicast, the MP_REACH next hop (and link-local) for the others (RFC 4760 section 3).
     */
    public static PathAttributes of(List<Attribute> attributes, Family family) {
        Builder b = new Builder();
        for (Attribute a : attributes) {
            switch (a) {
                case Attribute.Origin o -> b.origin = o.value();
                case AsPath p -> b.asPath = p;
                case Attribute.NextHop n -> {
                    if (family.equals(Family.IPV4_UNICAST)) b.nextHop = n.address();
                }
                case Attribute.Med m -> b.med = m.value();
                case Attribute.LocalPref l -> b.localPref = l.value();
                case Attribute.AtomicAggregate x -> b.atomicAggregate = true;
                case Aggregator g -> b.aggregator = g;
                case Attribute.Communities c -> b.communities = c.values();
                case Attribute.OriginatorId o -> b.originatorId = o.routerId() & 0xFFFFFFFFL;
                case Attribute.ClusterList c -> b.clusterList = c.clusterIds();
                case Attribute.MpReach r -> {
                    if (r.family().equals(family)) {
                        b.nextHop = r.nextHop();
                        b.linkLocal = r.linkLocal();
                    }
                }
                case Attribute.MpUnreach u -> { }
                case Attribute.ExtendedCommunities e -> b.extendedCommunities = e.values();
                case Attribute.LargeCommunities l -> b.largeCommunities = l.values();
                case Attribute.As4Path p -> b.others.add(p);
                case Attribute.As4Aggregator g -> b.others.add(g);
                case Attribute.Unknown u -> b.others.add(u);
            }
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.origin = origin;
        b.asPath = asPath;
        b.med = med;
        b.localPref = localPref;
        b.originatorId = originatorId;
        b.atomicAggregate = atomicAggregate;
        b.nextHop = nextHop;
        b.linkLocal = linkLocal;
        b.aggregator = aggregator;
        b.communities = communities;
        b.extendedCommunities = extendedCommunities;
        b.largeCommunities = largeCommunities;
        b.clusterList = clusterList;
        b.others.addAll(Arrays.asList(others));
        return b;
    }

    public int origin() { return origin; }
    public AsPath asPath() { return asPath; }
    /** AS_PATH length as best path counts it (RFC 4271 9.1.2.2 a, RFC 5065 5.3). */
    public int asPathLength() { return asPathLength; }
    /** The neighbouring AS (first AS of the path, RFC 4271 9.1.2.2 c), or -1 when there is none. */
    public long neighborAs() { return neighborAs; }
    public boolean hasMed() { return med >= 0; }
    /** MULTI_EXIT_DISC, or 0 when absent (RFC 4271 9.1.2.2 c: missing MED is the lowest). */
    public long med() { return med < 0 ? 0 : med; }
    public boolean hasLocalPref() { return localPref >= 0; }
    /** LOCAL_PREF, or {@link #DEFAULT_LOCAL_PREF} when absent. */
    public long localPref() { return localPref < 0 ? DEFAULT_LOCAL_PREF : localPref; }
    public boolean hasOriginatorId() { return originatorId >= 0; }
    /** ORIGINATOR_ID as an unsigned 32-bit value, or -1 (RFC 4456). */
    public long originatorId() { return originatorId; }
    public boolean atomicAggregate() { return atomicAggregate; }
    public Aggregator aggregator() { return aggregator; }
    public InetAddress nextHop() { return nextHop; }
    public InetAddress linkLocal() { return linkLocal; }
    public int communityCount() { return communities.length; }
    public int community(int i) { return communities[i]; }
    public int[] communities() { return communities.clone(); }
    public boolean hasCommunity(int community) {
        for (int c : communities) if (c == community) return true;
        return false;
    }
    public long[] extendedCommunities() { return extendedCommunities.clone(); }
    /** Large communities as consecutive triples (RFC 8092). */
    public int[] largeCommunities() { return largeCommunities.clone(); }
    public boolean hasLargeCommunity(int global, int local1, int local2) {
        for (int i = 0; i < largeCommunities.length; i += 3) {
            if (largeCommunities[i] == global && largeCommunities[i + 1] == local1 && largeCommunities[i + 2] == local2) return true;
        }
        return false;
    }
    public int clusterListLength() { return clusterList.length; }
    public int[] clusterList() { return clusterList.clone(); }
    /** AS4_PATH, AS4_AGGREGATOR and unrecognised attributes, by type code. */
    public List<Attribute> others() { return List.of(others); }

    /**
     * The attributes to encode, by type code (RFC 4271 5 recommends ascending order), without
     * NEXT_HOP and MP_REACH: see {@link #toUpdate} for those.
     */
    public List<Attribute> attributes() {
        List<Attribute> out = new ArrayList<>(8 + others.length);
        out.add(new Attribute.Origin(origin));
        out.add(asPath);
        if (med >= 0) out.add(new Attribute.Med(med));
        if (localPref >= 0) out.add(new Attribute.LocalPref(localPref));
        if (atomicAggregate) out.add(Attribute.AtomicAggregate.INSTANCE);
        if (aggregator != null) out.add(aggregator);
        if (communities.length > 0) out.add(new Attribute.Communities(communities));
        if (originatorId >= 0) out.add(new Attribute.OriginatorId((int) originatorId));
        if (clusterList.length > 0) out.add(new Attribute.ClusterList(clusterList));
        if (extendedCommunities.length > 0) out.add(new Attribute.ExtendedCommunities(extendedCommunities));
        if (largeCommunities.length > 0) out.add(new Attribute.LargeCommunities(largeCommunities));
        out.addAll(Arrays.asList(others));
        out.sort(BY_TYPE);
        return out;
    }

    /**
     * One UPDATE announcing nlri with these attributes: IPv4 unicast with NEXT_HOP and the
     * NLRI field, other families in MP_REACH_NLRI (RFC 4760 section 3).
     */
    public Update toUpdate(Family family, List<Prefix> nlri) {
        if (carriesNextHop(family)) return new Update(List.of(), wireAttributes(family), nlri);
        List<Attribute> attrs = attributes();
        attrs.add(new Attribute.MpReach(family, nextHop, linkLocal, nlri));
        attrs.sort(BY_TYPE);
        return new Update(List.of(), attrs, List.of());
    }

    /** Whether routes of family with these attributes go in the IPv4 NLRI field with NEXT_HOP. */
    public boolean carriesNextHop(Family family) {
        return family.equals(Family.IPV4_UNICAST) && nextHop instanceof Inet4Address;
    }

    /**
     * The attribute list of an UPDATE carrying these attributes for family, by type code:
     * NEXT_HOP for IPv4 unicast (see {@link #carriesNextHop}), else an MP_REACH_NLRI template
     * without NLRI (the form {@code UpdatePacker} takes). Export builds one per group of
     * prefixes, without the intermediate {@link Update}.
     */
    public List<Attribute> wireAttributes(Family family) {
        List<Attribute> attrs = attributes();
        if (carriesNextHop(family)) attrs.add(new Attribute.NextHop((Inet4Address) nextHop));
        else attrs.add(new Attribute.MpReach(family, nextHop, linkLocal, List.of()));
        attrs.sort(BY_TYPE);
        return attrs;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        return o instanceof PathAttributes p && p.hash == hash && p.origin == origin && p.med == med
                && p.localPref == localPref && p.originatorId == originatorId && p.atomicAggregate == atomicAggregate
                && Objects.equals(p.nextHop, nextHop) && Objects.equals(p.linkLocal, linkLocal)
                && p.asPath.equals(asPath) && Arrays.equals(p.communities, communities)
                && Arrays.equals(p.largeCommunities, largeCommunities)
                && Arrays.equals(p.extendedCommunities, extendedCommunities)
                && Arrays.equals(p.clusterList, clusterList) && Objects.equals(p.aggregator, aggregator)
                && Arrays.equals(p.others, others);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append("nh=").append(nextHop == null ? "self" : nextHop.getHostAddress());
        sb.append(" path=[").append(asPath).append("] origin=").append(new Attribute.Origin(origin).symbol());
        if (med >= 0) sb.append(" med=").append(med);
        if (localPref >= 0) sb.append(" lp=").append(localPref);
        if (communities.length > 0) sb.append(" comm=[").append(new Attribute.Communities(communities)).append(']');
        if (largeCommunities.length > 0) sb.append(" large=[").append(new Attribute.LargeCommunities(largeCommunities)).append(']');
        return sb.toString();
    }

    /** A mutable draft; {@link #build()} makes an uninterned set. */
    public static final class Builder {
        private int origin = Attribute.Origin.IGP;
        private AsPath asPath = AsPath.EMPTY;
        private long med = -1;
        private long localPref = -1;
        private long originatorId = -1;
        private boolean atomicAggregate;
        private InetAddress nextHop;
        private InetAddress linkLocal;
        private Aggregator aggregator;
        private int[] communities = NO_INTS;
        private long[] extendedCommunities = NO_LONGS;
        private int[] largeCommunities = NO_INTS;
        private int[] clusterList = NO_INTS;
        private final List<Attribute> others = new ArrayList<>(0);

        private Builder() {}

        public Builder origin(int value) {
            this.origin = new Attribute.Origin(value).value();
            return this;
        }
        public Builder asPath(AsPath path) { this.asPath = Objects.requireNonNull(path); return this; }
        public AsPath asPath() { return asPath; }
        public Builder med(long value) { this.med = checkU32(value); return this; }
        public Builder clearMed() { this.med = -1; return this; }
        public Builder localPref(long value) { this.localPref = checkU32(value); return this; }
        public Builder clearLocalPref() { this.localPref = -1; return this; }
        public Builder originatorId(long id) { this.originatorId = checkU32(id); return this; }
        public Builder clearOriginatorId() { this.originatorId = -1; return this; }
        public Builder clusterList(int[] ids) { this.clusterList = ids.clone(); return this; }
        public Builder atomicAggregate(boolean on) { this.atomicAggregate = on; return this; }
        public Builder aggregator(Aggregator a) { this.aggregator = a; return this; }
        public Builder nextHop(InetAddress address) { this.nextHop = address; return this; }
        public Builder linkLocal(InetAddress address) { this.linkLocal = address; return this; }
        public Builder communities(int[] values) { this.communities = values.clone(); return this; }
        public int[] communities() { return communities.clone(); }
        public Builder extendedCommunities(long[] values) { this.extendedCommunities = values.clone(); return this; }
        public Builder largeCommunities(int[] triples) {
            if (triples.length % 3 != 0) throw new IllegalArgumentException("large communities come in triples");
            this.largeCommunities = triples.clone();
            return this;
        }
        public int[] largeCommunities() { return largeCommunities.clone(); }
        public Builder addOther(Attribute a) { others.add(a); return this; }
        /** Keeps only the AS4/unknown attributes the predicate accepts. */
        public Builder retainOthers(java.util.function.Predicate<Attribute> keep) { others.removeIf(keep.negate()); return this; }

        public PathAttributes build() {
            return new PathAttributes(this);
        }

        private static long checkU32(long v) {
            if (v < 0 || v > 0xFFFFFFFFL) throw new IllegalArgumentException("not an unsigned 32-bit value: " + v);
            return v;
        }
    }
}
