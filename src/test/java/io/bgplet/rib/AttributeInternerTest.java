package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.util.ArrayList;
import java.util.List;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AttributeInternerTest {
    private final AttributeInterner interner = new AttributeInterner();

    private static List<Attribute> decoded(int community) {
        return List.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001, 65002),
                new Attribute.NextHop((Inet4Address) ip("192.0.2.1")), new Attribute.Med(5),
                new Attribute.Communities(new int[] {(65001 << 16) | community}));
    }

    @Test
    void equalSetsDecodedTwiceShareOneInstance() {
        PathAttributes x = interner.intern(PathAttributes.of(decoded(1), Family.IPV4_UNICAST));
        PathAttributes y = interner.intern(PathAttributes.of(decoded(1), Family.IPV4_UNICAST));
        PathAttributes z = interner.intern(PathAttributes.of(decoded(2), Family.IPV4_UNICAST));
        assertThat(y).isSameAs(x);
        assertThat(z).isNotSameAs(x).isNotEqualTo(x);
        // Parts are shared too: the AS path and the next hop address.
        assertThat(z.asPath()).isSameAs(x.asPath());
        assertThat(z.nextHop()).isSameAs(x.nextHop());
        assertThat(interner.size()).isEqualTo(2);
    }

    @Test
    void accessorsReflectTheDecodedAttributes() {
        PathAttributes x = PathAttributes.of(decoded(1), Family.IPV4_UNICAST);
        assertThat(x.med()).isEqualTo(5);
        assertThat(x.hasLocalPref()).isFalse();
        assertThat(x.localPref()).isEqualTo(100);
        assertThat(x.asPathLength()).isEqualTo(2);
        assertThat(x.neighborAs()).isEqualTo(65001);
        assertThat(x.hasCommunity((65001 << 16) | 1)).isTrue();
        assertThat(x.nextHop()).isEqualTo(ip("192.0.2.1"));
        // And encode back to the same attributes, NEXT_HOP in type-code order.
        assertThat(x.toUpdate(Family.IPV4_UNICAST, List.of(prefix("198.18.0.0/24"))).attributes())
                .containsExactlyElementsOf(decoded(1));
    }

    @Test
    void mpReachNextHopIsTakenForItsFamilyOnly() {
        List<Attribute> attrs = List.of(new Attribute.Origin(0), Attribute.AsPath.sequence(65001),
                new Attribute.MpReach(Family.IPV6_UNICAST, ip("2001:db8::1"), ip("fe80::1"), List.of(prefix("2001:db8:5::/48"))));
        PathAttributes v6 = PathAttributes.of(attrs, Family.IPV6_UNICAST);
        assertThat(v6.nextHop()).isEqualTo(ip("2001:db8::1"));
        assertThat(v6.linkLocal()).isEqualTo(ip("fe80::1"));
        assertThat(v6.attributes()).noneMatch(a -> a instanceof Attribute.MpReach);
    }

    @Test
    void setsNoRouteRetainsLeaveAtTheSweep() {
        List<PathAttributes> held = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            PathAttributes p = interner.intern(PathAttributes.of(decoded(i), Family.IPV4_UNICAST));
            if (i % 10 == 0) held.add(interner.retain(p));
        }
        assertThat(interner.size()).isEqualTo(1000);
        interner.sweep();
        assertThat(interner.size()).isEqualTo(100);
        // The retained ones are still canonical.
        for (PathAttributes p : held) assertThat(interner.isCanonical(p)).isTrue();
        assertThat(interner.intern(PathAttributes.of(decoded(10), Family.IPV4_UNICAST))).isSameAs(held.get(1));
        for (PathAttributes p : held) interner.release(p);
        assertThat(interner.size()).isZero();
        assertThat(interner.asPathCount()).isZero();
    }

    @Test
    void retainingASetThatLeftReturnsTheCanonicalEqualOne() {
        PathAttributes first = interner.retain(interner.intern(PathAttributes.of(decoded(1), Family.IPV4_UNICAST)));
        interner.release(first);
        assertThat(interner.size()).isZero();
        PathAttributes second = interner.retain(interner.intern(PathAttributes.of(decoded(1), Family.IPV4_UNICAST)));
        assertThat(second).isNotSameAs(first);
        // A holder still carrying the old instance gets the one in the table.
        assertThat(interner.retain(first)).isSameAs(second);
        assertThat(interner.references(second)).isEqualTo(2);
        assertThat(interner.size()).isEqualTo(1);
    }

    @Test
    void releasingMoreThanRetainedIsAnError() {
        PathAttributes p = interner.retain(PathAttributes.of(decoded(1), Family.IPV4_UNICAST));
        interner.release(p);
        assertThatThrownBy(() -> interner.release(p)).isInstanceOf(IllegalStateException.class);
    }
}
