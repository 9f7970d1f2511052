package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interner's reference counts over a whole route life cycle through Adj-RIB-In, Loc-RIB,
 * export and Adj-RIB-Out, wired as the speaker wires them: every set leaves the table when
 * its last route does, so the table is empty after a full announce/withdraw cycle and after
 * a session down.
 */
class ReferenceCountTest {
    private static final Family V4 = Family.IPV4_UNICAST;
    private static final int PREFIXES = 1000;
    private static final int SETS = 100;

    private final AttributeInterner interner = new AttributeInterner();
    private final Source upstream = peer(1, 65001);
    private final AdjRibIn in = new AdjRibIn(upstream, interner);
    private final LocRib rib = new LocRib(DecisionOptions.DEFAULT, interner);
    private final Export export = new Export(interner);
    private final ExportPeer downstream = new ExportPeer(peer(2, 65002), LOCAL_AS, ip("192.0.2.254"), null, null);
    private final AdjRibOut out = new AdjRibOut(interner);

    private static Prefix prefixAt(int i) {
        return prefix("198.18." + (i / 256) + "." + (i % 256) + "/32");
    }

    /** One decoded copy of set s, as a fresh UPDATE would give it (not yet interned). */
    private static PathAttributes decoded(int s) {
        return attrs(65001, 64512 + s % 7).communities(new int[] {(65001 << 16) | s}).build();
    }

    private void announceAll(int variant) {
        for (int i = 0; i < PREFIXES; i++) {
            PathAttributes a = interner.intern(decoded(i % SETS + variant));
            in.put(prefixAt(i), a);
            rib.update(prefixAt(i), new Path(upstream, a));
        }
        publish();
    }

    /** The speaker's publish: commit, export the changes, sweep what no route took. */
    private ExportResult publish() {
        ExportResult r = export.run(V4, downstream, rib, rib.commit(), out, RouteFilter.ACCEPT_ALL);
        interner.sweep();
        return r;
    }

    @Test
    void everyStoredRouteHoldsOneReferenceAndExportCopiesAreCounted() {
        announceAll(0);
        // SETS received sets plus SETS export copies (AS prepended, next hop self).
        assertThat(interner.size()).isEqualTo(2 * SETS);
        PathAttributes received = in.get(prefixAt(0));
        PathAttributes sent = out.get(prefixAt(0));
        assertThat(sent).isNotSameAs(received);
        // Each received set: PREFIXES / SETS routes in the Adj-RIB-In and as many in the Loc-RIB.
        assertThat(interner.references(received)).isEqualTo(2 * PREFIXES / SETS);
        assertThat(interner.references(sent)).isEqualTo(PREFIXES / SETS);
        assertThat(interner.isCanonical(received)).isTrue();
        assertThat(interner.isCanonical(sent)).isTrue();
    }

    @Test
    void tableIsEmptyAfterAFullAnnounceWithdrawCycle() {
        announceAll(0);
        for (int i = 0; i < PREFIXES; i++) {
            in.withdraw(prefixAt(i));
            rib.withdraw(prefixAt(i), upstream);
        }
        ExportResult r = publish();
        assertThat(r.withdrawals()).hasSize(PREFIXES);
        assertThat(out.size(V4)).isZero();
        assertThat(interner.size()).isZero();
        assertThat(interner.asPathCount()).isZero();
    }

    @Test
    void tableIsEmptyAfterSessionDown() {
        announceAll(0);
        // The upstream session goes down: its Adj-RIB-In and Loc-RIB candidates go.
        for (Prefix p : in.clear(V4)) rib.withdraw(p, upstream);
        publish();
        assertThat(interner.size()).isZero();
        // And the other way: the downstream session goes down while routes stay.
        announceAll(0);
        out.clear(V4);
        assertThat(interner.size()).isEqualTo(SETS);
        for (Prefix p : in.clear(V4)) rib.withdraw(p, upstream);
        publish();
        assertThat(interner.size()).isZero();
        assertThat(interner.asPathCount()).isZero();
    }

    @Test
    void replacedSetsLeaveWithTheirLastRoute() {
        announceAll(0);
        List<PathAttributes> old = new ArrayList<>();
        for (int s = 0; s < SETS; s++) old.add(in.get(prefixAt(s)));
        // Every route moves to another set (variant SETS: disjoint communities).
        announceAll(SETS);
        assertThat(interner.size()).isEqualTo(2 * SETS);
        for (PathAttributes p : old) {
            assertThat(interner.references(p)).isZero();
            assertThat(interner.isCanonical(p)).isFalse();
        }
    }

    @Test
    void staleSweepReleasesTheSweptRoutes() {
        announceAll(0);
        in.markStale(V4);
        // Half the routes come back (same sets), the rest are swept.
        for (int i = 0; i < PREFIXES / 2; i++) in.put(prefixAt(i), interner.intern(decoded(i % SETS)));
        for (Prefix p : in.sweepStale(V4)) rib.withdraw(p, upstream);
        publish();
        for (int i = 0; i < PREFIXES / 2; i++) {
            in.withdraw(prefixAt(i));
            rib.withdraw(prefixAt(i), upstream);
        }
        publish();
        assertThat(interner.size()).isZero();
    }

    @Test
    void twoCandidatesPerDestinationAreBothCounted() {
        Source other = peer(3, 65003);
        PathAttributes a = interner.intern(decoded(1));
        PathAttributes b = interner.intern(attrs(65003).build());
        rib.update(prefixAt(0), new Path(upstream, a));
        rib.update(prefixAt(0), new Path(other, b));
        rib.commit();
        assertThat(interner.references(a)).isEqualTo(1);
        assertThat(interner.references(b)).isEqualTo(1);
        // Replacing a candidate within the destination releases the one it replaces.
        PathAttributes c = interner.intern(decoded(2));
        rib.update(prefixAt(0), new Path(upstream, c));
        assertThat(interner.isCanonical(a)).isFalse();
        rib.withdraw(prefixAt(0), upstream);
        rib.withdraw(prefixAt(0), other);
        rib.commit();
        interner.sweep();
        assertThat(interner.size()).isZero();
    }
}
