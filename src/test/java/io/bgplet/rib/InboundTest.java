package io.bgplet.rib;

import org.junit.jupiter.api.Test;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class InboundTest {
    @Test
    void externalPeersCannotSetIbgpOnlyAttributes() {
        PathAttributes received = attrs(65001).localPref(1000).originatorId(5).clusterList(new int[] {1}).med(3).build();
        PathAttributes fromEbgp = Inbound.sanitize(received, peer(1, 65001));
        assertThat(fromEbgp.hasLocalPref()).isFalse();
        assertThat(fromEbgp.hasOriginatorId()).isFalse();
        assertThat(fromEbgp.clusterListLength()).isZero();
        assertThat(fromEbgp.med()).isEqualTo(3);
        assertThat(Inbound.sanitize(received, peer(4, LOCAL_AS))).isSameAs(received);
        PathAttributes clean = attrs(65001).build();
        assertThat(Inbound.sanitize(clean, peer(1, 65001))).isSameAs(clean);
    }

    @Test
    void loopsAreNotEligible() {
        assertThat(Inbound.eligible(attrs(65001, LOCAL_AS).build(), LOCAL_AS, 0)).isFalse();
        assertThat(Inbound.eligible(attrs(65001, LOCAL_AS).build(), LOCAL_AS, 1)).isTrue();
        assertThat(Inbound.eligible(attrs(65001).build(), LOCAL_AS, 0)).isTrue();
    }
}
