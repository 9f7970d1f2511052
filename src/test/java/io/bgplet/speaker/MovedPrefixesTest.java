package io.bgplet.speaker;

import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Speaker.reconfigure re-exports only these prefixes when a neighbour's advertisements change. */
class MovedPrefixesTest {
    private static NeighborConfig.Advertisement plain(String p) {
        return NeighborConfig.Advertisement.plain(Prefix.parse(p));
    }

    @Test
    void addedRemovedAndReattributedPrefixesMoveTheRestDoNot() {
        List<NeighborConfig.Advertisement> before = List.of(plain("192.0.2.1/32"), plain("192.0.2.2/32"), plain("192.0.2.3/32"));
        List<NeighborConfig.Advertisement> after = List.of(plain("192.0.2.1/32"),
                new NeighborConfig.Advertisement(Prefix.parse("192.0.2.3/32"), new int[] {0xFDE80064}, null, null), plain("192.0.2.4/32"));
        assertThat(Speaker.movedPrefixes(before, after))
                .containsExactlyInAnyOrder(Prefix.parse("192.0.2.2/32"), Prefix.parse("192.0.2.3/32"), Prefix.parse("192.0.2.4/32"));
        assertThat(Speaker.movedPrefixes(before, List.copyOf(before))).isEmpty();
        assertThat(Speaker.movedPrefixes(List.of(), before)).hasSize(3);
    }
}
