package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Ipv6Prefix;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Prefix to value for the two unicast families: IPv4 keys as primitive longs in a
 * {@link LongTable} (no object per prefix), IPv6 keys as {@link Ipv6Prefix} records in a
 * HashMap (an IPv6 table is a fifth of an IPv4 one; the boxed key is acceptable there).
 */
public final class PrefixMap<V> {
    private final LongTable<V> v4 = new LongTable<>();
    private final Map<Ipv6Prefix, V> v6 = new HashMap<>();

    public V get(Prefix prefix) {
        return switch (prefix) {
            case Ipv4Prefix p -> v4.get(p.key());
            case Ipv6Prefix p -> v6.get(p);
        };
    }

    /** Returns the previous value, or null. */
    public V put(Prefix prefix, V value) {
        return switch (prefix) {
            case Ipv4Prefix p -> v4.put(p.key(), value);
            case Ipv6Prefix p -> v6.put(p, value);
        };
    }

    /** Returns the removed value, or null. */
    public V remove(Prefix prefix) {
        return switch (prefix) {
            case Ipv4Prefix p -> v4.remove(p.key());
            case Ipv6Prefix p -> v6.remove(p);
        };
    }

    public int size(Family family) {
        if (family.equals(Family.IPV4_UNICAST)) return v4.size();
        if (family.equals(Family.IPV6_UNICAST)) return v6.size();
        return 0;
    }

    public int size() {
        return v4.size() + v6.size();
    }

    public boolean isEmpty() {
        return size() == 0;
    }

    /** Visits every entry of the family; the visitor must not modify this map. */
    public void forEach(Family family, BiConsumer<? super Prefix, ? super V> visitor) {
        if (family.equals(Family.IPV4_UNICAST)) {
            v4.forEach((key, value) -> visitor.accept(Ipv4Prefix.ofKey(key), value));
        } else if (family.equals(Family.IPV6_UNICAST)) {
            v6.forEach(visitor);
        }
    }

    /** A snapshot of the family's prefixes, for walks that modify the map. */
    public List<Prefix> prefixes(Family family) {
        List<Prefix> out = new ArrayList<>(size(family));
        if (family.equals(Family.IPV4_UNICAST)) {
            for (long k : v4.keys()) out.add(Ipv4Prefix.ofKey(k));
        } else if (family.equals(Family.IPV6_UNICAST)) {
            out.addAll(v6.keySet());
        }
        return out;
    }

    public void clear(Family family) {
        if (family.equals(Family.IPV4_UNICAST)) v4.clear();
        else if (family.equals(Family.IPV6_UNICAST)) v6.clear();
    }
}
