package io.bgplet.rib;

import java.util.Objects;

/**
 * One candidate path for a destination in the Loc-RIB: its source and its attributes after
 * import policy. The prefix is the key it is stored under, not a field, and Adj-RIB-In and
 * Adj-RIB-Out hold bare attribute sets, so this small object exists only in the Loc-RIB.
 */
public record Path(Source source, PathAttributes attributes) {
    public Path {
        Objects.requireNonNull(source);
        Objects.requireNonNull(attributes);
    }
}
