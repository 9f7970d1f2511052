package io.bgplet.policy;

import io.bgplet.wire.Prefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrefixSetTest {
    @ParameterizedTest(name = "{0} ge {1} le {2} contains {3}: {4}")
    @CsvSource({
            "198.18.0.0/15, 15, 15, 198.18.0.0/15, true",
            "198.18.0.0/15, 15, 15, 198.18.0.0/16, false",
            "198.18.0.0/15, 16, 24, 198.19.7.0/24, true",
            "198.18.0.0/15, 16, 24, 198.18.0.0/15, false",
            "198.18.0.0/15, 16, 24, 198.19.7.128/25, false",
            "198.18.0.0/15, 16, 24, 203.0.113.0/24, false",
            "198.18.0.0/15, 15, 32, 198.18.4.4/32, true",
            "2001:db8::/32, 48, 64, 2001:db8:5::/48, true",
            "2001:db8::/32, 48, 64, 2001:db9::/48, false",
            "2001:db8::/32, 32, 128, 198.18.0.0/24, false",
            "198.18.0.0/15, 15, 32, 2001:db8::/48, false",
    })
    void rangeRows(String entry, int ge, int le, String candidate, boolean match) {
        PrefixSet set = new PrefixSet(List.of(new PrefixSet.Entry(Prefix.parse(entry), ge, le)));
        assertThat(set.contains(Prefix.parse(candidate))).isEqualTo(match);
    }

    @ParameterizedTest
    @CsvSource({"198.18.0.0/24, 198.18.0.0/24, true", "198.18.0.0/24, 198.18.0.0/25, false", "198.18.0.0/24, 198.18.1.0/24, false"})
    void exactRows(String entry, String candidate, boolean match) {
        assertThat(PrefixSet.of(Prefix.parse(entry)).contains(Prefix.parse(candidate))).isEqualTo(match);
    }
}
