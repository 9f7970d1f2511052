package io.bgplet.config.model;

import io.bgplet.config.schema.Checked;
import io.bgplet.config.schema.Field;
import io.bgplet.config.schema.Patterns;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A standard Kubernetes label selector. The requirements are ANDed; an empty selector
 * ({@code {}}) selects everything. A missing selector (null) selects nothing in Cilium,
 * except for ClusterConfig.nodeSelector: callers decide that, see {@link #selects}.
 */
public record LabelSelector(
        @Field(description = "matchLabels is a map of {key,value} pairs. Each pair is equivalent to an element of matchExpressions whose key field is \"key\", operator is \"In\" and values contains only \"value\".",
                valueMaxLength = 63, valuePattern = Patterns.LABEL_VALUE)
        Map<String, String> matchLabels,
        @Field(description = "matchExpressions is a list of label selector requirements. The requirements are ANDed.")
        List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = matchLabels == null ? Map.of() : Map.copyOf(matchLabels);
        matchExpressions = matchExpressions == null ? List.of() : List.copyOf(matchExpressions);
    }

    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    /** Cilium's rule: a null selector selects nothing. */
    public static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && selector.matches(labels);
    }

    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) return false;
        }
        for (Requirement r : matchExpressions) if (!r.matches(labels)) return false;
        return true;
    }

    /** One requirement: key, operator and values (In and NotIn need values, Exists and DoesNotExist none). */
    public record Requirement(
            @Field(description = "key is the label key that the selector applies to.", required = true) String key,
            @Field(description = "operator represents a key's relationship to a set of values.", required = true,
                    enumValues = {"In", "NotIn", "Exists", "DoesNotExist"}) String operator,
            @Field(description = "values is an array of string values.") List<String> values) implements Checked {

        public Requirement {
            values = values == null ? List.of() : List.copyOf(values);
        }

        boolean matches(Map<String, String> labels) {
            return switch (operator) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                // NotIn matches a missing key too (apimachinery labels.Requirement semantics).
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> false;
            };
        }

        @Override
        public List<String> violations(String version) {
            List<String> out = new ArrayList<>();
            boolean needsValues = operator.equals("In") || operator.equals("NotIn");
            if (needsValues && values.isEmpty()) out.add("values must be non-empty for operator " + operator);
            if (!needsValues && !values.isEmpty()) out.add("values must be empty for operator " + operator);
            return out;
        }
    }
}
