package io.bgplet.rib;

import io.bgplet.wire.Prefix;

import java.util.Objects;

/**
 * A route as readers see it (API listings, snapshots): prefix, source, attributes and the
 * graceful-restart stale flag. Made on demand when listing; the RIBs themselves store no
 * object per route of this shape.
 */
public record Route(Prefix prefix, Source source, PathAttributes attributes, boolean stale) {
    public Route {
        Objects.requireNonNull(prefix);
        Objects.requireNonNull(source);
        Objects.requireNonNull(attributes);
    }
}
