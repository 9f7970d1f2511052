package io.bgplet.rib;

/**
 * A canonicalising set of strongly held values for {@link AttributeInterner}: open-addressed
 * like {@link LongTable} (linear probing, power-of-two capacity, load at most 1/2, deletion by
 * backward shift), one array slot and an int hash per value, optionally an int count per value.
 *
 * <p>Why not a HashMap: a full-table transit keeps about 505k sets and 490k AS paths live; a
 * HashMap node is 32 B per entry (with compact headers) on top of the slot, and the former
 * weak table's {@code WeakReference} was 24 B per entry plus GC reference processing. Here an
 * entry costs its slot and hash (about 16-24 B at load 1/4-1/2) and no object of its own:
 * {@code RibFootprint sets} 174 -> 160 B per interned set against the weak table; with the
 * compact AS path a full-table transit allocated 10 % less (docs/benchmarks.md, "Compact RIB (session 3)").
 *
 * <p>Single writer; not thread-safe.
 */
final class InternTable<T> {
    private static final int MIN_CAPACITY = 1024;

    private Object[] table = new Object[MIN_CAPACITY];
    private int[] hashes = new int[MIN_CAPACITY];
    private int[] counts; // null unless counted
    private int size;

    /** counted: keep an int count per value ({@link #find(Object)} then {@link #adjust}). */
    InternTable(boolean counted) {
        if (counted) counts = new int[MIN_CAPACITY];
    }

    int size() {
        return size;
    }

    /** The held value equal to probe, or null. */
    @SuppressWarnings("unchecked")
    T find(T probe) {
        int i = indexOf(probe, false);
        return i < 0 ? null : (T) table[i];
    }

    /** Whether this exact instance is held. */
    boolean holds(T value) {
        return indexOf(value, true) >= 0;
    }

    /** Adds value, which {@link #find} has just not found; a counted value starts at count. */
    void add(T value, int count) {
        int h = value.hashCode();
        int mask = table.length - 1;
        int i = mix(h) & mask;
        while (table[i] != null) i = (i + 1) & mask;
        table[i] = value;
        hashes[i] = h;
        if (counts != null) counts[i] = count;
        if (++size > table.length / 2) resize(table.length * 2);
    }

    /**
     * Adds delta to the count of this exact instance (counted tables only) and removes it when
     * the count reaches 0. Returns the new count, or -1 when the instance is not held.
     */
    int adjust(T value, int delta) {
        int i = indexOf(value, true);
        if (i < 0) return -1;
        int c = counts[i] += delta;
        if (c <= 0) removeAt(i);
        return c;
    }

    /** Removes this exact instance; returns whether it was held. */
    boolean remove(T value) {
        int i = indexOf(value, true);
        if (i < 0) return false;
        removeAt(i);
        return true;
    }

    private int indexOf(Object probe, boolean identity) {
        int h = probe.hashCode();
        int mask = table.length - 1;
        for (int i = mix(h) & mask; table[i] != null; i = (i + 1) & mask) {
            if (hashes[i] != h) continue;
            Object p = table[i];
            if (p == probe || (!identity && p.equals(probe))) return i;
        }
        return -1;
    }

    private void removeAt(int i) {
        int mask = table.length - 1;
        // Backward-shift deletion keeps every probe chain unbroken without tombstones.
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & mask;
            if (table[j] == null) break;
            int home = mix(hashes[j]) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask)) {
                table[gap] = table[j];
                hashes[gap] = hashes[j];
                if (counts != null) counts[gap] = counts[j];
                gap = j;
            }
        }
        table[gap] = null;
        hashes[gap] = 0;
        if (counts != null) counts[gap] = 0;
        size--;
        // Shrink after a full table left (session down): a quarter-full table keeps its arrays.
        if (table.length > MIN_CAPACITY && size < table.length / 8) resize(table.length / 2);
    }

    private void resize(int capacity) {
        Object[] oldTable = table;
        int[] oldHashes = hashes;
        int[] oldCounts = counts;
        table = new Object[capacity];
        hashes = new int[capacity];
        if (oldCounts != null) counts = new int[capacity];
        int mask = capacity - 1;
        for (int j = 0; j < oldTable.length; j++) {
            if (oldTable[j] == null) continue;
            int i = mix(oldHashes[j]) & mask;
            while (table[i] != null) i = (i + 1) & mask;
            table[i] = oldTable[j];
            hashes[i] = oldHashes[j];
            if (oldCounts != null) counts[i] = oldCounts[j];
        }
    }

    private static int mix(int h) {
        return h ^ (h >>> 16) * 0x45d9f3b;
    }
}
