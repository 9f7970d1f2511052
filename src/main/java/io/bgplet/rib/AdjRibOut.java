package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.util.function.BiConsumer;

/**
 * The Adj-RIB-Out of one peer (RFC 4271 3.2): what was last sent to it, as prefix to the
 * interned attribute set actually sent (after export policy and eBGP changes). Export diffs
 * against it, so only changes go out; a ROUTE-REFRESH resends it whole (RFC 2918 3).
 *
 * <p>With an {@link AttributeInterner}, each entry holds a reference on its set (the export
 * copies: after eBGP changes they are sets of their own, not the Loc-RIB's).
 *
 * <p>Single writer; not thread-safe.
 */
public final class AdjRibOut {
    private final PrefixMap<PathAttributes> sent = new PrefixMap<>();
    private final AttributeInterner interner; // null: sets are not counted (tests)

    public AdjRibOut() {
        this(null);
    }

    public AdjRibOut(AttributeInterner interner) {
        this.interner = interner;
    }

    public PathAttributes get(Prefix prefix) {
        return sent.get(prefix);
    }

    PathAttributes put(Prefix prefix, PathAttributes attributes) {
        if (interner == null) return sent.put(prefix, attributes);
        PathAttributes old = sent.put(prefix, interner.retain(attributes));
        interner.release(old);
        return old;
    }

    PathAttributes remove(Prefix prefix) {
        PathAttributes old = sent.remove(prefix);
        if (interner != null) interner.release(old);
        return old;
    }

    public int size(Family family) {
        return sent.size(family);
    }

    public void forEach(Family family, BiConsumer<? super Prefix, ? super PathAttributes> visitor) {
        sent.forEach(family, visitor);
    }

    /** Forgets everything of the family (the session went down). */
    public void clear(Family family) {
        if (interner != null) sent.forEach(family, (prefix, attributes) -> interner.release(attributes));
        sent.clear(family);
    }

    public java.util.List<Prefix> prefixes(Family family) {
        return sent.prefixes(family);
    }
}
