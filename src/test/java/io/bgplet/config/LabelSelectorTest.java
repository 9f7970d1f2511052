package io.bgplet.config;

import io.bgplet.config.model.LabelSelector;
import io.bgplet.config.model.LabelSelector.Requirement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LabelSelectorTest {
    private static final Map<String, String> LABELS = Map.of("advertise", "bgp", "tier", "web");

    private static LabelSelector expr(String key, String op, String... values) {
        return new LabelSelector(null, List.of(new Requirement(key, op, List.of(values))));
    }

    @Test
    void nilSelectsNothingAndEmptySelectsEverything() {
        assertThat(LabelSelector.selects(null, LABELS)).isFalse();
        assertThat(LabelSelector.selects(null, Map.of())).isFalse();
        assertThat(LabelSelector.selects(LabelSelector.EVERYTHING, LABELS)).isTrue();
        assertThat(LabelSelector.selects(LabelSelector.EVERYTHING, Map.of())).isTrue();
    }

    @Test
    void matchLabelsNeedsEveryPair() {
        assertThat(new LabelSelector(Map.of("advertise", "bgp"), null).matches(LABELS)).isTrue();
        assertThat(new LabelSelector(Map.of("advertise", "bgp", "tier", "db"), null).matches(LABELS)).isFalse();
        assertThat(new LabelSelector(Map.of("missing", "x"), null).matches(LABELS)).isFalse();
    }

    @Test
    void operators() {
        assertThat(expr("tier", "In", "web", "db").matches(LABELS)).isTrue();
        assertThat(expr("tier", "In", "db").matches(LABELS)).isFalse();
        assertThat(expr("absent", "In", "web").matches(LABELS)).isFalse();
        assertThat(expr("tier", "NotIn", "db").matches(LABELS)).isTrue();
        assertThat(expr("tier", "NotIn", "web").matches(LABELS)).isFalse();
        // Cilium's documented "select all" idiom relies on NotIn matching a missing key.
        assertThat(expr("somekey", "NotIn", "never-used-value").matches(Map.of())).isTrue();
        assertThat(expr("tier", "Exists").matches(LABELS)).isTrue();
        assertThat(expr("absent", "Exists").matches(LABELS)).isFalse();
        assertThat(expr("absent", "DoesNotExist").matches(LABELS)).isTrue();
        assertThat(expr("tier", "DoesNotExist").matches(LABELS)).isFalse();
    }

    @Test
    void labelsAndExpressionsAreAnded() {
        LabelSelector s = new LabelSelector(Map.of("advertise", "bgp"), List.of(new Requirement("tier", "NotIn", List.of("web"))));
        assertThat(s.matches(LABELS)).isFalse();
        assertThat(s.matches(Map.of("advertise", "bgp", "tier", "db"))).isTrue();
    }

    @Test
    void valuesMustFitTheOperator() {
        assertThat(new Requirement("k", "In", List.of()).violations("v2")).containsExactly("values must be non-empty for operator In");
        assertThat(new Requirement("k", "Exists", List.of("x")).violations("v2")).containsExactly("values must be empty for operator Exists");
        assertThat(new Requirement("k", "NotIn", List.of("x")).violations("v2")).isEmpty();
    }
}
