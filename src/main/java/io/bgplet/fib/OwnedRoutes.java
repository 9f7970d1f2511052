package io.bgplet.fib;

import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Prefix;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The routes bgplet knows to be its own in the kernel, by table and metric: what lets an
 * install replace (NLM_F_REPLACE) only its own route and otherwise insist on creating
 * (NLM_F_EXCL), because the kernel's replace matches destination and metric, not protocol.
 * IPv4 prefixes are kept as primitive keys (no object per route); IPv6 as prefixes.
 */
final class OwnedRoutes {
    private final Map<Long, LongSet> v4 = new HashMap<>();
    private final Map<Long, Set<Prefix>> v6 = new HashMap<>();
    private long count;

    private static long slot(int table, int metric) {
        return ((long) table << 32) | (metric & 0xFFFFFFFFL);
    }

    boolean contains(Prefix p, int table, int metric) {
        long s = slot(table, metric);
        if (p instanceof Ipv4Prefix v) {
            LongSet set = v4.get(s);
            return set != null && set.contains(v.key());
        }
        Set<Prefix> set = v6.get(s);
        return set != null && set.contains(p);
    }

    void add(Prefix p, int table, int metric) {
        long s = slot(table, metric);
        boolean added = p instanceof Ipv4Prefix v
                ? v4.computeIfAbsent(s, k -> new LongSet()).add(v.key())
                : v6.computeIfAbsent(s, k -> new HashSet<>()).add(p);
        if (added) count++;
    }

    void remove(Prefix p, int table, int metric) {
        long s = slot(table, metric);
        boolean removed;
        if (p instanceof Ipv4Prefix v) {
            LongSet set = v4.get(s);
            removed = set != null && set.remove(v.key());
        } else {
            Set<Prefix> set = v6.get(s);
            removed = set != null && set.remove(p);
        }
        if (removed) count--;
    }

    /** Forgets a table (before re-reading it from the kernel). */
    void clear(int table) {
        for (var it = v4.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if ((int) (e.getKey() >>> 32) == table) {
                count -= e.getValue().size();
                it.remove();
            }
        }
        for (var it = v6.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if ((int) (e.getKey() >>> 32) == table) {
                count -= e.getValue().size();
                it.remove();
            }
        }
    }

    long count() {
        return count;
    }

    /** Open addressing with linear probing and backward-shift deletion; 0 marks a free slot. */
    static final class LongSet {
        private long[] keys = new long[16];
        private int size;

        // Ipv4Prefix keys are never 0 except 0.0.0.0/0; store key + 1 so 0 stays "free".
        boolean add(long key) {
            long k = key + 1;
            if ((size + 1) * 4 > keys.length * 3) grow();
            int i = index(k, keys.length);
            while (keys[i] != 0) {
                if (keys[i] == k) return false;
                i = (i + 1) & (keys.length - 1);
            }
            keys[i] = k;
            size++;
            return true;
        }

        boolean contains(long key) {
            long k = key + 1;
            int i = index(k, keys.length);
            while (keys[i] != 0) {
                if (keys[i] == k) return true;
                i = (i + 1) & (keys.length - 1);
            }
            return false;
        }

        boolean remove(long key) {
            long k = key + 1;
            int mask = keys.length - 1;
            int i = index(k, keys.length);
            while (keys[i] != k) {
                if (keys[i] == 0) return false;
                i = (i + 1) & mask;
            }
            keys[i] = 0;
            size--;
            // Shift back later entries of the cluster that would no longer be found.
            int j = i;
            while (true) {
                j = (j + 1) & mask;
                if (keys[j] == 0) return true;
                int home = index(keys[j], keys.length);
                if (((j - home) & mask) >= ((j - i) & mask)) {
                    keys[i] = keys[j];
                    keys[j] = 0;
                    i = j;
                }
            }
        }

        int size() {
            return size;
        }

        private void grow() {
            long[] old = keys;
            keys = new long[old.length * 2];
            size = 0;
            for (long k : old) if (k != 0) add(k - 1);
        }

        private static int index(long k, int length) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32)) & (length - 1);
        }
    }
}
