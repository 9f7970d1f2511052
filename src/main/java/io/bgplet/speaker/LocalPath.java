package io.bgplet.speaker;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Prefix;

import java.util.List;
import java.util.Objects;

/**
 * A route the speaker originates itself (from the API, like GoBGP's {@code global rib add}),
 * with the attributes it was given. A null next hop means next hop self at export.
 */
public record LocalPath(Prefix prefix, List<Attribute> attributes) {
    public LocalPath {
        Objects.requireNonNull(prefix, "prefix");
        attributes = List.copyOf(attributes);
    }
}
