package io.bgplet.rib;

import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.bgplet.rib.BestPathTest.permutations;
import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/** Multipath rows: which paths share load with the best one, in every insertion order. */
class MultipathTest {
    private static final Prefix DEST = prefix("198.18.1.0/24");
    private static final DecisionOptions ECMP4 = new DecisionOptions(false, 4, false);
    private static final DecisionOptions RELAX4 = new DecisionOptions(false, 4, true);

    private static List<Path> multipath(DecisionOptions o, List<Path> paths) {
        List<Path> first = null;
        for (List<Path> order : permutations(paths)) {
            LocRib rib = new LocRib(o);
            for (Path p : order) rib.update(DEST, p);
            rib.commit();
            List<Path> m = rib.selection(DEST).multipath();
            if (first == null) first = m;
            assertThat(m).as("order %s", order).isEqualTo(first);
        }
        return first;
    }

    @Test
    void equalPathsFromTwoPeersShareLoadBestFirst() {
        Path a = new Path(peer(1, 65001), attrs(65001, 65010).build());
        Path b = new Path(peer(2, 65001), attrs(65001, 65010).build());
        assertThat(multipath(ECMP4, List.of(a, b))).containsExactly(a, b);
    }

    @Test
    void multipathOffKeepsOnlyTheBest() {
        Path a = new Path(peer(1, 65001), attrs(65001, 65010).build());
        Path b = new Path(peer(2, 65001), attrs(65001, 65010).build());
        assertThat(multipath(DecisionOptions.DEFAULT, List.of(a, b))).containsExactly(a);
    }

    @Test
    void differentAsPathsOfEqualLengthNeedRelax() {
        Path a = new Path(peer(1, 65001), attrs(65001, 65010).build());
        Path b = new Path(peer(3, 65002), attrs(65002, 65010).build());
        assertThat(multipath(ECMP4, List.of(a, b))).containsExactly(a);
        assertThat(multipath(RELAX4, List.of(a, b))).containsExactly(a, b);
    }

    @Test
    void maxPathsLimitsTheSet() {
        Path a = new Path(peer(1, 65001), attrs(65001).build());
        Path b = new Path(peer(2, 65001), attrs(65001).build());
        Path c = new Path(peer(3, 65001), attrs(65001).build());
        assertThat(multipath(new DecisionOptions(false, 2, false), List.of(c, b, a))).containsExactly(a, b);
    }

    @Test
    void aWorseMedOrIbgpPathIsNotEqualCost() {
        Path a = new Path(peer(1, 65001), attrs(65001).med(10).build());
        Path b = new Path(peer(2, 65001), attrs(65001).med(20).build());
        Path i = new Path(peer(4, LOCAL_AS), attrs(65001).med(10).build());
        assertThat(multipath(ECMP4, List.of(a, b, i))).containsExactly(a);
    }

    @Test
    void routerIdAndPeerAddressDoNotBreakEquality() {
        Path a = new Path(peer(7, 65001, "192.0.2.7", "198.51.100.9"), attrs(65001).build());
        Path b = new Path(peer(8, 65001, "192.0.2.8", "198.51.100.1"), attrs(65001).build());
        // b wins on router id but both share load.
        assertThat(multipath(ECMP4, List.of(a, b))).containsExactly(b, a);
    }

    @Test
    void aChangeOfTheMultipathSetIsReported() {
        LocRib rib = new LocRib(ECMP4);
        Path a = new Path(peer(1, 65001), attrs(65001).build());
        Path b = new Path(peer(2, 65001), attrs(65001).build());
        rib.update(DEST, a);
        assertThat(rib.commit()).hasSize(1);
        rib.update(DEST, b); // best stays a, the set grows
        List<BestChange> changes = rib.commit();
        assertThat(changes).hasSize(1);
        assertThat(changes.getFirst().best()).isEqualTo(a);
        assertThat(changes.getFirst().multipath()).containsExactly(a, b);
    }
}
