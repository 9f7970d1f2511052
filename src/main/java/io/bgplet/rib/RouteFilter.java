package io.bgplet.rib;

import io.bgplet.wire.Prefix;

/**
 * An import or export decision for one route: the attributes to use (possibly changed), or
 * null to reject. The policy layer implements it; the RIB only calls it. Implementations
 * return interned sets (or the argument unchanged) so export can cache per set.
 */
@FunctionalInterface
public interface RouteFilter {
    RouteFilter ACCEPT_ALL = (prefix, source, attributes) -> attributes;
    RouteFilter REJECT_ALL = (prefix, source, attributes) -> null;

    PathAttributes apply(Prefix prefix, Source source, PathAttributes attributes);
}
