package io.bgplet.config;

import io.bgplet.speaker.NeighborConfig.RouteInstall;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PeerAnnotationsTest {
    private static PeerAnnotations.Parsed parse(String key, String value) {
        return PeerAnnotations.parse(Map.of(key, value));
    }

    @Test
    void absentMeansCiliumsBehaviour() {
        assertThat(PeerAnnotations.parse(Map.of()).value()).isEqualTo(PeerAnnotations.NONE);
    }

    @Test
    void installRoutesForms() {
        assertThat(parse(PeerAnnotations.INSTALL_ROUTES, "true").value().installRoutes()).isEqualTo(new RouteInstall(254, 20, List.of()));
        assertThat(parse(PeerAnnotations.INSTALL_ROUTES, "false").value().installRoutes()).isNull();
        assertThat(parse(PeerAnnotations.INSTALL_ROUTES, "table=100, metric=5, prefixes=198.18.0.0/16, 2001:db8::/32").value().installRoutes())
                .isEqualTo(new RouteInstall(100, 5, List.of(Prefix.parse("198.18.0.0/16"), Prefix.parse("2001:db8::/32"))));
        assertThat(parse(PeerAnnotations.INSTALL_ROUTES, "metric=7").value().installRoutes()).isEqualTo(new RouteInstall(254, 7, List.of()));
    }

    @Test
    void malformedValuesAreViolationsWithThePath() {
        for (String bad : new String[] {"yes", "table=0", "table=x", "metric=-1", "prefixes=198.18.0.1/16", "colour=blue", "198.18.0.0/16"}) {
            PeerAnnotations.Parsed p = parse(PeerAnnotations.INSTALL_ROUTES, bad);
            assertThat(p.value()).as(bad).isNull();
            assertThat(p.violations()).as(bad).singleElement().satisfies(v -> assertThat(v[0]).isEqualTo("metadata.annotations[bgplet.io/install-routes]"));
        }
        assertThat(parse(PeerAnnotations.ALLOW_OWN_AS, "3").value().allowOwnAs()).isEqualTo(3);
        assertThat(parse(PeerAnnotations.ALLOW_OWN_AS, "11").violations()).hasSize(1);
        assertThat(parse(PeerAnnotations.ALLOW_OWN_AS, "x").violations()).hasSize(1);
    }
}
