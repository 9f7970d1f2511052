package io.bgplet.rib;

import io.bgplet.wire.Attribute.AsPath;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;

/**
 * One canonical {@link PathAttributes} per distinct set, so a full table (about a quarter as
 * many distinct sets as prefixes) stores each set once and the RIB compares sets by identity.
 *
 * <p>Entries are weak: a set no route refers to any more (all its routes withdrawn, in every
 * Adj-RIB-In, Loc-RIB and Adj-RIB-Out) is collected by the GC and its slot is reclaimed from
 * the reference queue on a later call, with no reference counting in the RIB. The table is
 * open-addressed like {@link LongTable}: one weak reference (32 B) plus an int hash and an
 * array slot per set, against about 80 B for a {@code WeakHashMap} entry and value.
 *
 * <p>Also shares equal AS paths and next-hop addresses between sets: a peer sends one next
 * hop for its whole table, and many sets differ only in communities.
 *
 * <p>Single writer: not thread-safe (the GC only enqueues cleared references).
 */
public final class AttributeInterner {
    private static final int MAX_SHARED_NEXT_HOPS = 4096;

    private Ref[] table = new Ref[1024];
    private int[] hashes = new int[1024];
    private int size;
    private final ReferenceQueue<PathAttributes> cleared = new ReferenceQueue<>();
    private final WeakCanon<AsPath> asPaths = new WeakCanon<>();
    private final Map<InetAddress, InetAddress> nextHops = new HashMap<>();

    private static final class Ref extends WeakReference<PathAttributes> {
        Ref(PathAttributes referent, ReferenceQueue<PathAttributes> q) {
            super(referent, q);
        }
    }

    /**
     * The canonical instance equal to attributes: a previously interned one, else attributes
     * itself or an equal copy sharing its AS path and next hop with other sets.
     */
    public PathAttributes intern(PathAttributes attributes) {
        expunge();
        int h = attributes.hashCode();
        int mask = table.length - 1;
        int i = mix(h) & mask;
        while (true) {
            Ref r = table[i];
            if (r == null) break;
            if (hashes[i] == h) {
                PathAttributes p = r.get();
                if (p == attributes) return p;
                if (p != null && p.equals(attributes)) return p;
            }
            i = (i + 1) & mask;
        }
        PathAttributes canonical = share(attributes);
        table[i] = new Ref(canonical, cleared);
        hashes[i] = h;
        if (++size > table.length / 2) rehash(table.length * 2);
        return canonical;
    }

    /** Distinct sets currently held (collected ones drop out after the next call). */
    public int size() {
        expunge();
        return size;
    }

    /** Whether this exact instance is the canonical one. */
    public boolean isCanonical(PathAttributes attributes) {
        return intern(attributes) == attributes;
    }

    /** a, or an equal copy whose AS path and next hop are the shared instances. */
    private PathAttributes share(PathAttributes a) {
        AsPath path = asPaths.intern(a.asPath());
        InetAddress nh = a.nextHop();
        if (nh != null) {
            InetAddress known = nextHops.get(nh);
            if (known != null) nh = known;
            else if (nextHops.size() < MAX_SHARED_NEXT_HOPS) nextHops.put(nh, nh);
        }
        if (path == a.asPath() && nh == a.nextHop()) return a;
        return a.withShared(path, nh);
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) * 0x45d9f3b;
    }

    private void expunge() {
        boolean any = false;
        while (cleared.poll() != null) any = true;
        // Cleared refs are rare compared to lookups; rebuild in one pass rather than
        // backward-shifting each one out.
        if (any) rehash(table.length);
    }

    private void rehash(int capacity) {
        Ref[] oldTable = table;
        int[] oldHashes = hashes;
        while (capacity > 1024 && size < capacity / 8) capacity /= 2;
        table = new Ref[capacity];
        hashes = new int[capacity];
        int mask = capacity - 1;
        int n = 0;
        for (int j = 0; j < oldTable.length; j++) {
            Ref r = oldTable[j];
            if (r == null || r.refersTo(null)) continue;
            int i = mix(oldHashes[j]) & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = r;
            hashes[i] = oldHashes[j];
            n++;
        }
        size = n;
        if (size > capacity / 2) rehash(capacity * 2);
    }

    /** A small weak canonicalising set for the parts of sets (AS paths). */
    private static final class WeakCanon<T> {
        private final java.util.WeakHashMap<T, WeakReference<T>> map = new java.util.WeakHashMap<>();

        T intern(T value) {
            WeakReference<T> ref = map.get(value);
            T known = ref == null ? null : ref.get();
            if (known != null) return known;
            map.put(value, new WeakReference<>(value));
            return value;
        }
    }
}
