package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Update;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PathAttributesTest {
    @Test
    void ipv6RoutesEncodeTheirNextHopsInMpReach() {
        PathAttributes a = attrs(65001).nextHop(ip("2001:db8::1")).linkLocal(ip("fe80::1")).med(3).build();
        Update u = a.toUpdate(Family.IPV6_UNICAST, List.of(prefix("2001:db8:9::/48")));
        assertThat(u.nlri()).isEmpty();
        assertThat(u.attributes()).extracting(Attribute::typeCode)
                .containsExactly(Attribute.ORIGIN, Attribute.AS_PATH, Attribute.MULTI_EXIT_DISC, Attribute.MP_REACH_NLRI);
        Attribute.MpReach r = u.attribute(Attribute.MpReach.class).orElseThrow();
        assertThat(r.nextHop()).isEqualTo(ip("2001:db8::1"));
        assertThat(r.linkLocal()).isEqualTo(ip("fe80::1"));
        assertThat(r.nlri()).containsExactly(prefix("2001:db8:9::/48"));
        // Decoding what was encoded gives the same set back.
        assertThat(PathAttributes.of(u.attributes(), Family.IPV6_UNICAST)).isEqualTo(a);
    }

    @Test
    void equalityIgnoresTheOrderUnknownAttributesArrivedIn() {
        Attribute.Unknown x = new Attribute.Unknown(0xC0, 99, new byte[] {1});
        Attribute.Unknown y = new Attribute.Unknown(0xC0, 100, new byte[] {2});
        PathAttributes a = attrs(65001).addOther(x).addOther(y).build();
        PathAttributes b = attrs(65001).addOther(y).addOther(x).build();
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(attrs(65001).addOther(x).build());
    }

    @Test
    void everyFieldTakesPartInEquality() {
        PathAttributes base = attrs(65001).build();
        List<PathAttributes> variants = List.of(
                attrs(65002).build(), attrs(65001).med(0).build(), attrs(65001).localPref(100).build(),
                attrs(65001).origin(2).build(), attrs(65001).originatorId(1).build(),
                attrs(65001).clusterList(new int[] {1}).build(), attrs(65001).atomicAggregate(true).build(),
                attrs(65001).nextHop(ip("203.0.113.2")).build(), attrs(65001).linkLocal(ip("fe80::1")).build(),
                attrs(65001).communities(new int[] {1}).build(), attrs(65001).largeCommunities(new int[] {1, 2, 3}).build(),
                attrs(65001).extendedCommunities(new long[] {1}).build(),
                attrs(65001).aggregator(new Attribute.Aggregator(65001, (java.net.Inet4Address) ip("192.0.2.1"))).build());
        for (PathAttributes v : variants) assertThat(v).as("%s", v).isNotEqualTo(base);
        assertThat(attrs(65001).build()).isEqualTo(base);
    }

    @Test
    void valuesAreCheckedAtTheBuilder() {
        assertThatThrownBy(() -> PathAttributes.builder().med(1L << 32)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathAttributes.builder().localPref(-2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathAttributes.builder().largeCommunities(new int[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathAttributes.builder().origin(3)).isInstanceOf(IllegalArgumentException.class);
    }
}
