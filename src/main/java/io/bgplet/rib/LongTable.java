package io.bgplet.rib;

import java.util.Arrays;

/**
 * An open-addressing hash map from {@code long} keys to objects: linear probing, power-of-two
 * capacity, load factor at most 3/4, deletion by backward shift (no tombstones).
 *
 * <p>Why: IPv4 prefixes live in the RIB as {@link io.bgplet.wire.Ipv4Prefix#key()} longs. A
 * {@code HashMap<Long, V>} costs a 32-byte node plus a 16-byte boxed key plus a table slot per
 * entry; this table costs two array slots (8 + 4 bytes) divided by the load factor. Measured
 * with {@code RibFootprint tables} (src/test) for 1.05M prefix keys: 26.0 B per entry here
 * against 64.8 B for {@code HashMap<Long, Object>}, about 40 MB saved per full table.
 *
 * <p>Not thread-safe: the RIB has a single writer. Key {@link #FREE} (-1) is reserved; prefix
 * keys never reach it because they use only the low 40 bits.
 */
final class LongTable<V> {
    static final long FREE = -1L;

    private long[] keys;
    private Object[] values;
    private int size;
    private int mask;

    LongTable() {
        this(16);
    }

    LongTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(8, expected * 4 / 3 + 1) - 1) << 1;
        allocate(cap);
    }

    private void allocate(int cap) {
        keys = new long[cap];
        Arrays.fill(keys, FREE);
        values = new Object[cap];
        mask = cap - 1;
    }

    private static int slot(long key, int mask) {
        // Fibonacci hashing spreads the prefix bits, which cluster in the high part of the key.
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    int size() {
        return size;
    }

    @SuppressWarnings("unchecked")
    V get(long key) {
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) return (V) values[i];
            if (k == FREE) return null;
            i = (i + 1) & mask;
        }
    }

    /** Stores value under key and returns the previous value, or null. value must not be null. */
    @SuppressWarnings("unchecked")
    V put(long key, V value) {
        if (key == FREE) throw new IllegalArgumentException("reserved key");
        if (value == null) throw new NullPointerException("value");
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == key) {
                V old = (V) values[i];
                values[i] = value;
                return old;
            }
            if (k == FREE) break;
            i = (i + 1) & mask;
        }
        keys[i] = key;
        values[i] = value;
        if (++size > (mask + 1) * 3 / 4) grow();
        return null;
    }

    @SuppressWarnings("unchecked")
    V remove(long key) {
        int i = slot(key, mask);
        while (true) {
            long k = keys[i];
            if (k == FREE) return null;
            if (k == key) break;
            i = (i + 1) & mask;
        }
        V old = (V) values[i];
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            long k = keys[j];
            if (k == FREE) break;
            int home = slot(k, mask);
            // Move k into the gap if its home slot is not cyclically within (gap, j].
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                keys[gap] = k;
                values[gap] = values[j];
                gap = j;
            }
        }
        keys[gap] = FREE;
        values[gap] = null;
        size--;
        return old;
    }

    void clear() {
        Arrays.fill(keys, FREE);
        Arrays.fill(values, null);
        size = 0;
    }

    private void grow() {
        long[] oldKeys = keys;
        Object[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            long k = oldKeys[i];
            if (k == FREE) continue;
            int j = slot(k, mask);
            while (keys[j] != FREE) j = (j + 1) & mask;
            keys[j] = k;
            values[j] = oldValues[i];
        }
    }

    /** Visits every entry. The visitor must not modify this table. */
    @SuppressWarnings("unchecked")
    void forEach(Visitor<? super V> visitor) {
        long[] ks = keys;
        Object[] vs = values;
        for (int i = 0; i < ks.length; i++) {
            if (ks[i] != FREE) visitor.visit(ks[i], (V) vs[i]);
        }
    }

    /** A snapshot of the keys, for callers that modify the table while walking it. */
    long[] keys() {
        long[] out = new long[size];
        int n = 0;
        for (long k : keys) if (k != FREE) out[n++] = k;
        return out;
    }

    @FunctionalInterface
    interface Visitor<V> {
        void visit(long key, V value);
    }
}
