package io.bgplet.rib;

import java.util.List;

/**
 * The outcome of the decision process for one destination.
 *
 * @param best the chosen path
 * @param step the step that decided (see {@link DecidingStep})
 * @param multipath best first, then the paths equal to it down to the router-id step, at
 *                  most {@link DecisionOptions#maxPaths()}; just the best when multipath is off
 */
public record Selection(Path best, DecidingStep step, List<Path> multipath) {
    public Selection {
        multipath = List.copyOf(multipath);
    }

    static Selection only(Path p) {
        return new Selection(p, DecidingStep.ONLY_PATH, List.of(p));
    }
}
