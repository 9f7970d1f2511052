package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The Adj-RIB-In of one peer (RFC 4271 3.2): the routes it advertised, before import
 * policy, for every family. Stores prefix to interned {@link PathAttributes} only (IPv4 as
 * primitive keys), so a full table costs a table slot per route.
 *
 * <p>Graceful restart helper (RFC 4724 4.2): {@link #markStale} flags every route of a family
 * when the peer restarts; routes it re-advertises lose the flag; {@link #sweepStale} removes
 * those still flagged when the End-of-RIB arrives or the restart timer fires. The flags live
 * in a separate set that exists only while a restart is in progress.
 *
 * <p>With an {@link AttributeInterner}, each stored route holds a reference on its set
 * (retained on put, released on replace, withdraw, sweep and clear).
 *
 * <p>Single writer; not thread-safe.
 */
public final class AdjRibIn {
    private final Source source;
    private final PrefixMap<PathAttributes> routes = new PrefixMap<>();
    private final PrefixMap<Boolean> stale = new PrefixMap<>();
    private final AttributeInterner interner; // null: sets are not counted (tests)

    public AdjRibIn(Source source) {
        this(source, null);
    }

    public AdjRibIn(Source source, AttributeInterner interner) {
        this.source = source;
        this.interner = interner;
    }

    public Source source() {
        return source;
    }

    /** Adds or replaces the route; clears its stale flag. Returns the previous attributes or null. */
    public PathAttributes put(Prefix prefix, PathAttributes attributes) {
        if (!stale.isEmpty()) stale.remove(prefix);
        if (interner == null) return routes.put(prefix, attributes);
        PathAttributes old = routes.put(prefix, interner.retain(attributes));
        interner.release(old);
        return old;
    }

    /** Removes the route; returns its attributes, or null if there was none. */
    public PathAttributes withdraw(Prefix prefix) {
        if (!stale.isEmpty()) stale.remove(prefix);
        PathAttributes old = routes.remove(prefix);
        if (interner != null) interner.release(old);
        return old;
    }

    public PathAttributes get(Prefix prefix) {
        return routes.get(prefix);
    }

    public int size(Family family) {
        return routes.size(family);
    }

    public int size() {
        return routes.size();
    }

    /** Visits every route of the family; the visitor must not modify this Adj-RIB-In. */
    public void forEach(Family family, BiConsumer<? super Prefix, ? super PathAttributes> visitor) {
        routes.forEach(family, visitor);
    }

    /** The family's routes as {@link Route}s, for listings (allocates one object per route). */
    public List<Route> routes(Family family) {
        List<Route> out = new ArrayList<>(routes.size(family));
        routes.forEach(family, (prefix, attributes) -> out.add(new Route(prefix, source, attributes, isStale(prefix))));
        return out;
    }

    /** Flags every current route of the family stale (the peer restarted, RFC 4724 4.2). */
    public void markStale(Family family) {
        routes.forEach(family, (prefix, attributes) -> stale.put(prefix, Boolean.TRUE));
    }

    public boolean isStale(Prefix prefix) {
        return stale.get(prefix) != null;
    }

    public int staleCount(Family family) {
        return stale.size(family);
    }

    /** Removes the routes of the family still stale and returns their prefixes. */
    public List<Prefix> sweepStale(Family family) {
        List<Prefix> gone = stale.prefixes(family);
        for (Prefix p : gone) {
            PathAttributes old = routes.remove(p);
            if (interner != null) interner.release(old);
        }
        stale.clear(family);
        return gone;
    }

    /** Removes every route of the family (session down without graceful restart); returns their prefixes. */
    public List<Prefix> clear(Family family) {
        List<Prefix> gone = new ArrayList<>(routes.prefixes(family));
        if (interner != null) routes.forEach(family, (prefix, attributes) -> interner.release(attributes));
        routes.clear(family);
        stale.clear(family);
        return gone;
    }
}
