package io.bgplet.rib;

/**
 * Knobs of the decision process.
 *
 * @param alwaysCompareMed compare MED across neighbouring ASes too (not RFC 4271 9.1.2.2 c's default)
 * @param maxPaths size limit of the multipath (ECMP) set; 1 turns multipath off
 * @param multipathRelax paths with AS_PATHs of equal length but different ASNs may share load
 */
public record DecisionOptions(boolean alwaysCompareMed, int maxPaths, boolean multipathRelax) {
    public static final DecisionOptions DEFAULT = new DecisionOptions(false, 1, false);

    public DecisionOptions {
        if (maxPaths < 1) throw new IllegalArgumentException("maxPaths must be at least 1");
    }
}
