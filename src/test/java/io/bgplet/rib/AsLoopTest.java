package io.bgplet.rib;

import io.bgplet.wire.AsPathSegment;
import io.bgplet.wire.Attribute.AsPath;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AsLoopTest {
    @ParameterizedTest(name = "path [{0}] allowOwnAs {1} -> loop {2}")
    @CsvSource({
            "65001 65002, 0, false",
            "65001 65000, 0, true",
            "65001 65000, 1, false",
            "65000 65000 65001, 1, true",
            "65000 65000 65001, 2, false",
            "'', 0, false",
    })
    void sequenceRows(String path, int allowOwnAs, boolean loop) {
        long[] asns = path.isBlank() ? new long[0]
                : java.util.Arrays.stream(path.trim().split(" ")).mapToLong(Long::parseLong).toArray();
        assertThat(AsLoop.isLoop(AsPath.sequence(asns), 65000, allowOwnAs)).isEqualTo(loop);
    }

    @ParameterizedTest(name = "local AS inside an AS_SET, allowOwnAs {0} -> loop {1}")
    @CsvSource({"0, true", "1, false"})
    void setRows(int allowOwnAs, boolean loop) {
        AsPath p = new AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65001}),
                new AsPathSegment(AsPathSegment.AS_SET, new long[] {65000, 65010})));
        assertThat(AsLoop.isLoop(p, 65000, allowOwnAs)).isEqualTo(loop);
    }
}
