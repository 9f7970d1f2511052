package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class AdjRibInTest {
    private final AdjRibIn in = new AdjRibIn(peer(1, 65001));
    private final PathAttributes a = attrs(65001).build(), b = attrs(65001, 65002).build();
    private final Prefix v4a = prefix("198.18.0.0/24"), v4b = prefix("198.18.1.0/24"), v4c = prefix("198.18.2.0/23");
    private final Prefix v6a = prefix("2001:db8:1::/48");

    @Test
    void addReplaceWithdrawCount() {
        assertThat(in.put(v4a, a)).isNull();
        assertThat(in.put(v4a, b)).isSameAs(a);
        in.put(v4b, a);
        in.put(v6a, a);
        assertThat(in.size(Family.IPV4_UNICAST)).isEqualTo(2);
        assertThat(in.size(Family.IPV6_UNICAST)).isEqualTo(1);
        assertThat(in.get(v4a)).isSameAs(b);
        assertThat(in.withdraw(v4a)).isSameAs(b);
        assertThat(in.withdraw(v4a)).isNull();
        Map<Prefix, PathAttributes> seen = new HashMap<>();
        in.forEach(Family.IPV4_UNICAST, seen::put);
        assertThat(seen).containsExactly(Map.entry(v4b, a));
    }

    @Test
    void staleRoutesNotReadvertisedAreSwept() {
        in.put(v4a, a);
        in.put(v4b, a);
        in.put(v4c, a);
        in.put(v6a, a);
        in.markStale(Family.IPV4_UNICAST);
        assertThat(in.isStale(v4a)).isTrue();
        assertThat(in.isStale(v6a)).isFalse();
        assertThat(in.staleCount(Family.IPV4_UNICAST)).isEqualTo(3);

        in.put(v4a, b);      // re-advertised after the restart: fresh
        in.withdraw(v4b);    // withdrawn explicitly: gone, not swept twice
        assertThat(in.isStale(v4a)).isFalse();

        assertThat(in.routes(Family.IPV4_UNICAST)).extracting(Route::prefix, Route::stale)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(v4a, false), org.assertj.core.groups.Tuple.tuple(v4c, true));
        assertThat(in.sweepStale(Family.IPV4_UNICAST)).containsExactly(v4c);
        assertThat(in.get(v4c)).isNull();
        assertThat(in.get(v4a)).isSameAs(b);
        assertThat(in.get(v6a)).isSameAs(a); // the other family is untouched
        assertThat(in.staleCount(Family.IPV4_UNICAST)).isZero();
        assertThat(in.sweepStale(Family.IPV4_UNICAST)).isEmpty();
    }

    @Test
    void clearRemovesOneFamily() {
        in.put(v4a, a);
        in.put(v6a, a);
        assertThat(in.clear(Family.IPV6_UNICAST)).containsExactly(v6a);
        assertThat(in.size()).isOne();
    }
}
