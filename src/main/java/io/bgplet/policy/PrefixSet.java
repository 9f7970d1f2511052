package io.bgplet.policy;

import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Ipv6Prefix;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Prefixes with optional length ranges, like a prefix-list: an entry matches a prefix that
 * lies inside entry.prefix and whose length is within [ge, le]. Exact entries (ge = le = the
 * entry's own length, the common case for Cilium's per-peer advertisements) are looked up in a
 * hash set; only ranged entries are scanned.
 */
public final class PrefixSet {
    public record Entry(Prefix prefix, int ge, int le) {
        public Entry {
            Objects.requireNonNull(prefix);
            int max = prefix instanceof Ipv4Prefix ? 32 : 128;
            if (ge < prefix.length() || le < ge || le > max) {
                throw new IllegalArgumentException("bad range " + ge + ".." + le + " for " + prefix);
            }
        }

        public static Entry exact(Prefix prefix) {
            return new Entry(prefix, prefix.length(), prefix.length());
        }

        boolean matches(Prefix p) {
            if (p.length() < ge || p.length() > le) return false;
            return switch (prefix) {
                case Ipv4Prefix e -> p instanceof Ipv4Prefix v && new Ipv4Prefix(v.address32(), e.length()).equals(e);
                case Ipv6Prefix e -> p instanceof Ipv6Prefix v && new Ipv6Prefix(v.hi(), v.lo(), e.length()).equals(e);
            };
        }
    }

    private final List<Entry> entries;
    private final Set<Prefix> exact = new HashSet<>();
    private final List<Entry> ranged = new ArrayList<>();

    public PrefixSet(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        for (Entry e : this.entries) {
            if (e.ge() == e.prefix().length() && e.le() == e.prefix().length()) exact.add(e.prefix());
            else ranged.add(e);
        }
    }

    public static PrefixSet of(Prefix... prefixes) {
        List<Entry> list = new ArrayList<>();
        for (Prefix p : prefixes) list.add(Entry.exact(p));
        return new PrefixSet(list);
    }

    public static PrefixSet exactly(java.util.Collection<? extends Prefix> prefixes) {
        List<Entry> list = new ArrayList<>();
        for (Prefix p : prefixes) list.add(Entry.exact(p));
        return new PrefixSet(list);
    }

    public List<Entry> entries() {
        return entries;
    }

    public boolean contains(Prefix p) {
        if (exact.contains(p)) return true;
        for (Entry e : ranged) if (e.matches(p)) return true;
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PrefixSet s && s.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return "PrefixSet" + entries;
    }
}
