package io.bgplet.bench;

import java.util.Arrays;

/**
 * Open-addressing map from a prefix key (a long) to a small state byte, with no object per
 * entry: the counting sink holds a full table in two flat arrays. Key 0 is never used by
 * callers (every key carries the prefix length or a family bit), so 0 marks an empty slot.
 */
final class PrefixStates {
    private long[] keys;
    private byte[] states;
    private int size;
    private int mask;

    PrefixStates(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        states = new byte[cap];
        mask = cap - 1;
    }

    /** The state of key, 0 if absent. */
    byte get(long key) {
        int i = slot(key);
        return keys[i] == key ? states[i] : 0;
    }

    /** Sets the state (0 is allowed and means "known but absent"). Returns the previous state. */
    byte put(long key, byte state) {
        int i = slot(key);
        byte old = 0;
        if (keys[i] == key) {
            old = states[i];
        } else {
            keys[i] = key;
            if (++size * 2 > keys.length) {
                states[i] = state;
                grow();
                return 0;
            }
        }
        states[i] = state;
        return old;
    }

    /** True if key was not present before (used by the generator to keep prefixes unique). */
    boolean addIfAbsent(long key) {
        int i = slot(key);
        if (keys[i] == key) return false;
        put(key, (byte) 1);
        return true;
    }

    int size() {
        return size;
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        int i = (int) (h ^ (h >>> 29)) & mask;
        while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
        return i;
    }

    private void grow() {
        long[] ok = keys;
        byte[] os = states;
        keys = new long[ok.length * 2];
        states = new byte[ok.length * 2];
        mask = keys.length - 1;
        size = 0;
        for (int j = 0; j < ok.length; j++) {
            if (ok[j] != 0) {
                int i = slot(ok[j]);
                keys[i] = ok[j];
                states[i] = os[j];
                size++;
            }
        }
        Arrays.fill(ok, 0);
    }
}
