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
 * the reference queue on a later call, with no reference counting in the RIB (see
 * {@code WeakTable} below).
 *
 * <p>Also shares equal AS paths and next-hop addresses between sets: a peer sends one next
 * hop for its whole table, and many sets differ only in communities.
 *
 * <p>Single writer: not thread-safe (the GC only enqueues cleared references).
 */
public final class AttributeInterner {
    private static final int MAX_SHARED_NEXT_HOPS = 4096;

    private final WeakTable<PathAttributes> sets = new WeakTable<>();
    /**
     * Equal AS paths shared between sets. The same open-addressed weak table as the sets, not a
     * WeakHashMap: with mostly distinct paths (the bench's table: 489k paths live for 505k sets
     * in a full-table transit, jcmd GC.class_histogram) a WeakHashMap entry plus the
     * WeakReference value cost 64 B and two objects per path; one reference here costs 24 B
     * (with compact object headers).
     */
    private final WeakTable<AsPath> asPaths = new WeakTable<>();
    private final Map<InetAddress, InetAddress> nextHops = new HashMap<>();

    /**
     * The canonical instance equal to attributes: a previously interned one, else attributes
     * itself or an equal copy sharing its AS path and next hop with other sets.
     */
    public PathAttributes intern(PathAttributes attributes) {
        PathAttributes known = sets.find(attributes);
        if (known != null) return known;
        PathAttributes canonical = share(attributes);
        sets.add(canonical);
        return canonical;
    }

    /** Distinct sets currently held (collected ones drop out after the next call). */
    public int size() {
        return sets.size();
    }

    /** Whether this exact instance is the canonical one. */
    public boolean isCanonical(PathAttributes attributes) {
        return intern(attributes) == attributes;
    }

    /** a, or an equal copy whose AS path and next hop are the shared instances. */
    private PathAttributes share(PathAttributes a) {
        AsPath path = asPaths.find(a.asPath());
        if (path == null) {
            path = a.asPath();
            asPaths.add(path);
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

    /**
     * A canonicalising set of weakly held values, open-addressed like {@link LongTable}: one
     * weak reference (24 B with compact headers) plus an int hash and an array slot per value,
     * against about 80 B for a {@code WeakHashMap} entry and its value. A value no route refers
     * to any more (in every Adj-RIB-In, Loc-RIB and Adj-RIB-Out) is collected by the GC and its
     * slot reclaimed from the reference queue on a later call, with no reference counting in
     * the RIB. Single writer (the GC only enqueues cleared references).
     */
    private static final class WeakTable<T> {
        private Ref<T>[] table = newTable(1024);
        private int[] hashes = new int[1024];
        private int size;
        private final ReferenceQueue<T> cleared = new ReferenceQueue<>();

        private static final class Ref<T> extends WeakReference<T> {
            Ref(T referent, ReferenceQueue<T> q) {
                super(referent, q);
            }
        }

        @SuppressWarnings("unchecked")
        private static <T> Ref<T>[] newTable(int capacity) {
            return (Ref<T>[]) new Ref<?>[capacity];
        }

        /** The held value equal to probe, or null. */
        T find(T probe) {
            expunge();
            int h = probe.hashCode();
            int mask = table.length - 1;
            for (int i = mix(h) & mask; table[i] != null; i = (i + 1) & mask) {
                if (hashes[i] != h) continue;
                T p = table[i].get();
                if (p == probe || (p != null && p.equals(probe))) return p;
            }
            return null;
        }

        /** Adds value, which find has just not found. */
        void add(T value) {
            int h = value.hashCode();
            int mask = table.length - 1;
            int i = mix(h) & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = new Ref<>(value, cleared);
            hashes[i] = h;
            if (++size > table.length / 2) rehash(table.length * 2);
        }

        int size() {
            expunge();
            return size;
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
            Ref<T>[] oldTable = table;
            int[] oldHashes = hashes;
            while (capacity > 1024 && size < capacity / 8) capacity /= 2;
            table = newTable(capacity);
            hashes = new int[capacity];
            int mask = capacity - 1;
            int n = 0;
            for (int j = 0; j < oldTable.length; j++) {
                Ref<T> r = oldTable[j];
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
    }
}
