package io.bgplet.rib;

import io.bgplet.wire.Prefix;

import java.util.List;

/**
 * A destination whose best path or multipath set changed in one Loc-RIB batch: what export
 * and the FIB walk. best null means the destination is now unreachable.
 */
public record BestChange(Prefix prefix, Path previous, Path best, List<Path> multipath) {
    public boolean withdrawn() {
        return best == null;
    }
}
