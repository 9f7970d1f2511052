package io.bgplet.fib;

import io.bgplet.rib.BestChange;
import io.bgplet.rib.Path;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Decision rows for the FIB policy: one rule per test, no kernel. */
class FibTest {
    private static final Safety SAFETY = new Safety(
            List.of(Prefix.parse("198.18.4.0/24"), Prefix.parse("2001:db8:4::/64")),
            List.of(ip("192.0.2.10"), ip("2001:db8:1::10")));
    private static final Fib FIB = new Fib(FibSettings.defaults(), SAFETY);

    private static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static Path via(String nextHop) {
        return new Path(Source.peer(1, 65000, 65001, ip("192.0.2.2"), 1),
                PathAttributes.builder().nextHop(nextHop == null ? null : ip(nextHop)).build());
    }

    private static Path local() {
        return new Path(Source.local(0), PathAttributes.builder().build());
    }

    private static FibOp one(String prefix, Path best, Path... multipath) {
        Prefix p = Prefix.parse(prefix);
        return FIB.decide(List.of(new BestChange(p, null, best, List.of(multipath)))).getFirst();
    }

    @Test
    void aBestPathInstallsThroughItsNextHop() {
        Path b = via("192.0.2.2");
        assertThat(one("198.51.100.0/24", b, b)).isEqualTo(new FibOp.Install(Prefix.parse("198.51.100.0/24"), List.of(ip("192.0.2.2"))));
    }

    @Test
    void aMultipathSetInstallsEveryDistinctNextHop() {
        Path a = via("192.0.2.2");
        Path b = via("192.0.2.3");
        Path c = via("192.0.2.2");
        assertThat(one("198.51.100.0/24", a, a, b, c))
                .isEqualTo(new FibOp.Install(Prefix.parse("198.51.100.0/24"), List.of(ip("192.0.2.2"), ip("192.0.2.3"))));
    }

    @Test
    void anEmptyMultipathListFallsBackToTheBest() {
        assertThat(one("2001:db8:100::/48", via("2001:db8:1::2")))
                .isEqualTo(new FibOp.Install(Prefix.parse("2001:db8:100::/48"), List.of(ip("2001:db8:1::2"))));
    }

    @Test
    void aWithdrawRemoves() {
        assertThat(one("198.51.100.0/24", null)).isEqualTo(new FibOp.Remove(Prefix.parse("198.51.100.0/24")));
    }

    @Test
    void aLocallyOriginatedBestRemovesTheLearnedRoute() {
        Path l = local();
        assertThat(one("198.51.100.0/24", l, l)).isEqualTo(new FibOp.Remove(Prefix.parse("198.51.100.0/24")));
    }

    @Test
    void nextHopsThatAreTheNodeItselfOrOfTheOtherFamilyAreDropped() {
        Path self = via("192.0.2.10");
        Path v6 = via("2001:db8:1::2");
        Path good = via("192.0.2.3");
        assertThat(one("198.51.100.0/24", self, self, v6, good))
                .isEqualTo(new FibOp.Install(Prefix.parse("198.51.100.0/24"), List.of(ip("192.0.2.3"))));
        assertThat(one("198.51.100.0/24", self, self)).isEqualTo(new FibOp.Remove(Prefix.parse("198.51.100.0/24")));
    }

    @Test
    void theNodesPodCidrAndAnythingInsideItAreRefused() {
        Path b = via("192.0.2.2");
        assertThat(one("198.18.4.0/24", b, b)).isInstanceOf(FibOp.Refuse.class)
                .extracting(FibOp.Refuse.class::cast).extracting(FibOp.Refuse::reason).isEqualTo("is the node's PodCIDR");
        assertThat(one("198.18.4.128/25", b, b)).isInstanceOf(FibOp.Refuse.class);
        assertThat(one("2001:db8:4::/64", via("2001:db8:1::2"))).isInstanceOf(FibOp.Refuse.class);
        // A neighbour's PodCIDR next door is fine.
        assertThat(one("198.18.5.0/24", b, b)).isInstanceOf(FibOp.Install.class);
    }

    @Test
    void aPrefixCoveringAnOwnAddressIsRefusedIncludingTheDefault() {
        Path b = via("192.0.2.2");
        assertThat(one("192.0.2.0/24", b, b)).isEqualTo(new FibOp.Refuse(Prefix.parse("192.0.2.0/24"), "covers the node's address 192.0.2.10"));
        assertThat(one("192.0.2.10/32", b, b)).isInstanceOf(FibOp.Refuse.class);
        assertThat(one("0.0.0.0/0", b, b)).isInstanceOf(FibOp.Refuse.class);
        assertThat(one("2001:db8::/32", via("2001:db8:1::2"))).isInstanceOf(FibOp.Refuse.class);
        assertThat(one("192.0.2.0/29", b, b)).as("next to, not covering, .10").isInstanceOf(FibOp.Install.class);
    }

    @Test
    void aRefusedWithdrawIsNoOperationAtAll() {
        Prefix pod = Prefix.parse("198.18.4.0/24");
        assertThat(FIB.decide(List.of(new BestChange(pod, via("192.0.2.2"), null, List.of())))).isEmpty();
    }

    @Test
    void filtersAllowAndDeny() {
        Fib f = new Fib(new FibSettings(100, 20, List.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("203.0.113.0/24")),
                List.of(Prefix.parse("203.0.113.128/25"))), Safety.none());
        Path b = via("192.0.2.2");
        assertThat(f.decide(Prefix.parse("198.51.100.64/26"), b, List.of(b))).isInstanceOf(FibOp.Install.class);
        assertThat(f.decide(Prefix.parse("203.0.113.0/25"), b, List.of(b))).isInstanceOf(FibOp.Install.class);
        assertThat(f.decide(Prefix.parse("203.0.113.200/30"), b, List.of(b)))
                .isEqualTo(new FibOp.Refuse(Prefix.parse("203.0.113.200/30"), "denied by filter 203.0.113.128/25"));
        assertThat(f.decide(Prefix.parse("198.51.0.0/16"), b, List.of(b)))
                .isEqualTo(new FibOp.Refuse(Prefix.parse("198.51.0.0/16"), "not in the allowed prefixes"));
    }

    @Test
    void desiredTableForAResyncKeepsOnlyInstallableDestinations() {
        Path b = via("192.0.2.2");
        Path c = via("192.0.2.3");
        Map<Prefix, List<InetAddress>> d = FIB.desired(Map.of(
                Prefix.parse("198.51.100.0/24"), List.of(b, c),
                Prefix.parse("198.18.4.0/24"), List.of(b),
                Prefix.parse("203.0.113.0/24"), List.of(local())));
        assertThat(d).containsOnlyKeys(Prefix.parse("198.51.100.0/24"));
        assertThat(d.get(Prefix.parse("198.51.100.0/24"))).containsExactly(ip("192.0.2.2"), ip("192.0.2.3"));
    }

    @Test
    void coversIsFamilyAware() {
        assertThat(Safety.covers(Prefix.parse("0.0.0.0/0"), Prefix.parse("2001:db8::/32"))).isFalse();
        assertThat(Safety.covers(Prefix.parse("::/0"), Prefix.parse("2001:db8::/32"))).isTrue();
        assertThat(Safety.covers(Prefix.parse("198.51.100.0/25"), Prefix.parse("198.51.100.0/24"))).isFalse();
    }
}
