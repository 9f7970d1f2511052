package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class LocRibTest {
    private final Prefix p1 = prefix("198.18.0.0/24");
    private final Prefix p2 = prefix("2001:db8:1::/48");
    private final Source e1 = peer(1, 65001), e2 = peer(2, 65002);

    @Test
    void commitReportsOnlyDestinationsWhoseBestChanged() {
        LocRib rib = new LocRib(DecisionOptions.DEFAULT);
        Path a = new Path(e1, attrs(65001).build());
        rib.update(p1, a);
        rib.update(p2, a);
        assertThat(rib.commit()).extracting(BestChange::prefix).containsExactly(p1, p2);

        // The same route again (an equal set) changes nothing.
        rib.update(p1, new Path(e1, attrs(65001).build()));
        assertThat(rib.commit()).isEmpty();

        // A worse path from another peer: the best stays.
        rib.update(p1, new Path(e2, attrs(65002, 65003).build()));
        assertThat(rib.commit()).isEmpty();

        // Withdrawing the best falls back to the other path.
        rib.withdraw(p1, e1);
        List<BestChange> c = rib.commit();
        assertThat(c).hasSize(1);
        assertThat(c.getFirst().previous()).isEqualTo(a);
        assertThat(c.getFirst().best().source()).isEqualTo(e2);

        // Withdrawing the last path makes the destination unreachable.
        rib.withdraw(p1, e2);
        c = rib.commit();
        assertThat(c).singleElement().satisfies(x -> assertThat(x.withdrawn()).isTrue());
        assertThat(rib.size(Family.IPV4_UNICAST)).isZero();
        assertThat(rib.size(Family.IPV6_UNICAST)).isOne();
    }

    @Test
    void aChangeUndoneWithinTheBatchIsNotReported() {
        LocRib rib = new LocRib(DecisionOptions.DEFAULT);
        Path a = new Path(e1, attrs(65001).build());
        rib.update(p1, a);
        rib.commit();
        rib.withdraw(p1, e1);
        rib.update(p1, a);
        assertThat(rib.commit()).isEmpty();
    }

    @Test
    void withdrawOfAnUnknownSourceIsIgnored() {
        LocRib rib = new LocRib(DecisionOptions.DEFAULT);
        rib.update(p1, new Path(e1, attrs(65001).build()));
        rib.commit();
        rib.withdraw(p1, e2);
        rib.withdraw(p2, e1);
        assertThat(rib.commit()).isEmpty();
        assertThat(rib.candidates(p1)).hasSize(1);
    }

    @Test
    void randomBatchesAgreeWithAFreshDecision() {
        // Whatever the order of adds and withdraws, the kept outcome equals a decision made
        // from scratch over the surviving candidates.
        Random rnd = new Random(42);
        List<Source> peers = new ArrayList<>();
        for (int i = 1; i <= 6; i++) peers.add(peer(i, 65001 + i % 3));
        LocRib rib = new LocRib(new DecisionOptions(false, 4, false));
        Prefix[] prefixes = new Prefix[20];
        for (int i = 0; i < prefixes.length; i++) prefixes[i] = prefix("198.18." + i + ".0/24");
        for (int round = 0; round < 200; round++) {
            for (int k = 0; k < 10; k++) {
                Prefix p = prefixes[rnd.nextInt(prefixes.length)];
                Source s = peers.get(rnd.nextInt(peers.size()));
                if (rnd.nextInt(3) == 0) rib.withdraw(p, s);
                else rib.update(p, new Path(s, attrs(s.peerAs(), 65100 + rnd.nextInt(2)).med(rnd.nextInt(3)).build()));
            }
            rib.commit();
            for (Prefix p : prefixes) {
                List<Path> c = rib.candidates(p);
                Selection kept = rib.selection(p);
                if (c.isEmpty()) {
                    assertThat(kept).isNull();
                    continue;
                }
                LocRib fresh = new LocRib(rib.options());
                List<Path> shuffled = new ArrayList<>(c);
                java.util.Collections.shuffle(shuffled, rnd);
                for (Path x : shuffled) fresh.update(p, x);
                fresh.commit();
                assertThat(kept).isEqualTo(fresh.selection(p));
            }
        }
    }
}
