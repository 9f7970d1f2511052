package io.bgplet.speaker;

import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The destinations of one family waiting for export to one neighbour: first in, first out,
 * each at most once (queued again while it waits, a destination keeps its place), so a slow
 * peer costs one entry per destination however often it changes.
 *
 * <p>Why not a {@code LinkedHashSet<Prefix>}: while a full table waits for a slow peer, that
 * held a 40-byte entry and a 24-byte prefix per destination, and every young collection copied
 * them (JFR, transit of 1.05M prefixes: 58 MB of LinkedHashMap entries allocated, GC about
 * half the CPU). IPv4 destinations are held here as {@link Ipv4Prefix#key()} longs in a ring
 * and an open-addressing set: 8 bytes in the ring plus about 11 in the set, in two arrays.
 * Other families (a fifth of the size at most) keep the LinkedHashSet.
 *
 * <p>Writer thread only.
 */
final class ExportQueue {
    private static final long FREE = -1L; // prefix keys use the low 40 bits only

    private long[] ring = new long[16];
    private int head;
    private int count;
    private long[] members = newTable(16);
    private int memberMask = 15;
    private final LinkedHashSet<Prefix> others = new LinkedHashSet<>();

    void add(Prefix prefix) {
        if (prefix instanceof Ipv4Prefix p) {
            long key = p.key();
            if (!insert(key)) return;
            if (count == ring.length) growRing();
            ring[(head + count) & (ring.length - 1)] = key;
            count++;
        } else {
            others.add(prefix);
        }
    }

    void addAll(Collection<? extends Prefix> prefixes) {
        for (Prefix p : prefixes) add(p);
    }

    boolean isEmpty() {
        return count == 0 && others.isEmpty();
    }

    int size() {
        return count + others.size();
    }

    /** Removes and returns up to max destinations from the front, IPv4 first. */
    List<Prefix> take(int max) {
        List<Prefix> out = new ArrayList<>(Math.min(max, size()));
        while (count > 0 && out.size() < max) {
            long key = ring[head];
            head = (head + 1) & (ring.length - 1);
            count--;
            delete(key);
            out.add(Ipv4Prefix.ofKey(key));
        }
        if (count == 0 && ring.length > 1024) {
            ring = new long[16];
            head = 0;
        }
        for (Iterator<Prefix> it = others.iterator(); it.hasNext() && out.size() < max; ) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    void clear() {
        head = 0;
        count = 0;
        if (ring.length > 1024) ring = new long[16];
        members = newTable(16);
        memberMask = 15;
        others.clear();
    }

    private void growRing() {
        long[] next = new long[ring.length * 2];
        for (int i = 0; i < count; i++) next[i] = ring[(head + i) & (ring.length - 1)];
        ring = next;
        head = 0;
    }

    // ---- the membership set: linear probing, load at most 1/2, backward-shift deletion ----

    private static long[] newTable(int capacity) {
        long[] t = new long[capacity];
        Arrays.fill(t, FREE);
        return t;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    /** Adds key; false if it was already there. */
    private boolean insert(long key) {
        int i = slot(key, memberMask);
        while (members[i] != FREE) {
            if (members[i] == key) return false;
            i = (i + 1) & memberMask;
        }
        members[i] = key;
        if (count + 1 > (memberMask + 1) / 2) rehash((memberMask + 1) * 2);
        return true;
    }

    private void delete(long key) {
        int i = slot(key, memberMask);
        while (members[i] != key) {
            if (members[i] == FREE) return;
            i = (i + 1) & memberMask;
        }
        int gap = i;
        int j = i;
        while (true) {
            j = (j + 1) & memberMask;
            long k = members[j];
            if (k == FREE) break;
            int home = slot(k, memberMask);
            if (((j - home) & memberMask) >= ((j - gap) & memberMask)) {
                members[gap] = k;
                gap = j;
            }
        }
        members[gap] = FREE;
        if (count == 0 && members.length > 1024) {
            // Drained: give the memory of a full table's backlog back.
            members = newTable(16);
            memberMask = 15;
        }
    }

    private void rehash(int capacity) {
        long[] old = members;
        members = newTable(capacity);
        memberMask = capacity - 1;
        for (long k : old) {
            if (k == FREE) continue;
            int i = slot(k, memberMask);
            while (members[i] != FREE) i = (i + 1) & memberMask;
            members[i] = k;
        }
    }
}
