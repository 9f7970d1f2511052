package io.bgplet.rib;

import io.bgplet.wire.Attribute.AsPath;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * One canonical {@link PathAttributes} per distinct set, so a full table (about a quarter as
 * many distinct sets as prefixes) stores each set once and the RIB compares sets by identity.
 *
 * <p>Entries are held strongly and counted: every Adj-RIB-In, Loc-RIB and Adj-RIB-Out slot
 * that stores a set takes a reference with {@link #retain} and gives it back with
 * {@link #release} (withdraw, replace, session down); the set leaves the table when its count
 * reaches 0. A set interned but never retained (a policy result that was then rejected, say)
 * leaves at the next {@link #sweep}, which the speaker runs after each batch. The count lives
 * in the set itself ({@code PathAttributes.refs}), so taking and giving back a reference is a
 * field update, not a table probe.
 *
 * <p>Why not weak references (the previous design): one {@code WeakReference} per set and per
 * AS path (24 B each, about a million of them live for a full table in and out) that the GC
 * has to discover and process on every collection, and no way to tell when the table is empty.
 *
 * <p>Also shares equal AS paths (counted by the sets using them) and next-hop addresses
 * between sets: a peer sends one next hop for its whole table, and many sets differ only in
 * communities.
 *
 * <p>Single writer: not thread-safe.
 */
public final class AttributeInterner {
    private static final int MAX_SHARED_NEXT_HOPS = 4096;

    private final InternTable<PathAttributes> sets = new InternTable<>(false);
    /** Equal AS paths shared between sets, counted by the interned sets using each. */
    private final InternTable<AsPath> asPaths = new InternTable<>(true);
    private final Map<InetAddress, InetAddress> nextHops = new HashMap<>();
    /** Sets added since the last sweep: those no route has retained by then leave. */
    private PathAttributes[] fresh = new PathAttributes[256];
    private int freshCount;

    /**
     * The canonical instance equal to attributes: a previously interned one, else attributes
     * itself or an equal copy sharing its AS path and next hop with other sets. Does not take
     * a reference: a set nothing retains leaves at the next {@link #sweep}.
     */
    public PathAttributes intern(PathAttributes attributes) {
        PathAttributes known = sets.find(attributes);
        if (known != null) return known;
        PathAttributes canonical = share(attributes);
        sets.add(canonical, 0);
        if (freshCount == fresh.length) fresh = Arrays.copyOf(fresh, freshCount * 2);
        fresh[freshCount++] = canonical;
        return canonical;
    }

    /**
     * Takes a reference for one stored route and returns the canonical instance to store:
     * attributes itself when it is canonical (the common case, a field increment), else the
     * interned equal set (an uninterned set, or one that left the table while a caller still
     * held it, as an export run's per-set cache may).
     */
    public PathAttributes retain(PathAttributes attributes) {
        PathAttributes a = attributes.refs > 0 ? attributes : intern(attributes);
        a.refs++;
        return a;
    }

    /** Gives back a reference taken by {@link #retain}; the set leaves the table at 0. Null is ignored. */
    public void release(PathAttributes attributes) {
        if (attributes == null) return;
        if (attributes.refs <= 0) throw new IllegalStateException("set released more often than retained: " + attributes);
        if (--attributes.refs == 0) remove(attributes);
    }

    /** Removes the sets interned since the last sweep that no route has retained. */
    public void sweep() {
        for (int i = 0; i < freshCount; i++) {
            PathAttributes a = fresh[i];
            if (a.refs == 0) remove(a);
            fresh[i] = null;
        }
        freshCount = 0;
        if (fresh.length > 4096) fresh = new PathAttributes[256];
    }

    /** Distinct sets currently held. */
    public int size() {
        return sets.size();
    }

    /** Distinct AS paths currently shared between the held sets. */
    public int asPathCount() {
        return asPaths.size();
    }

    /** References currently taken on this set (0 for an uninterned one). */
    public int references(PathAttributes attributes) {
        return attributes.refs;
    }

    /** Whether this exact instance is the canonical one. */
    public boolean isCanonical(PathAttributes attributes) {
        return sets.holds(attributes);
    }

    private void remove(PathAttributes a) {
        // Already gone when swept twice or released to 0 before the sweep.
        if (sets.remove(a)) asPaths.adjust(a.asPath(), -1);
    }

    /** a, or an equal copy whose AS path and next hop are the shared instances (counts the path). */
    private PathAttributes share(PathAttributes a) {
        AsPath path = asPaths.find(a.asPath());
        if (path == null) {
            path = a.asPath();
            asPaths.add(path, 1);
        } else {
            asPaths.adjust(path, 1);
        }
        InetAddress nh = a.nextHop();
        if (nh != null) {
            InetAddress known = nextHops.get(nh);
            if (known != null) nh = known;
            else if (nextHops.size() < MAX_SHARED_NEXT_HOPS) nextHops.put(nh, nh);
        }
        if (path == a.asPath() && nh == a.nextHop()) return a;
        return a.withShared(path, nh);
    }
}
