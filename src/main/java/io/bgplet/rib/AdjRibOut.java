package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.util.function.BiConsumer;

/**
 * The Adj-RIB-Out of one peer (RFC 4271 3.2): what was last sent to it, as prefix to the
 * interned attribute set actually sent (after export policy and eBGP changes). Export diffs
 * against it, so only changes go out; a ROUTE-REFRESH resends it whole (RFC 2918 3).
 *
 * <p>Single writer; not thread-safe.
 */
public final class AdjRibOut {
    private final PrefixMap<PathAttributes> sent = new PrefixMap<>();

    public PathAttributes get(Prefix prefix) {
        return sent.get(prefix);
    }

    PathAttributes put(Prefix prefix, PathAttributes attributes) {
        return sent.put(prefix, attributes);
    }

    PathAttributes remove(Prefix prefix) {
        return sent.remove(prefix);
    }

    public int size(Family family) {
        return sent.size(family);
    }

    public void forEach(Family family, BiConsumer<? super Prefix, ? super PathAttributes> visitor) {
        sent.forEach(family, visitor);
    }

    /** Forgets everything of the family (the session went down). */
    public void clear(Family family) {
        sent.clear(family);
    }

    public java.util.List<Prefix> prefixes(Family family) {
        return sent.prefixes(family);
    }
}
