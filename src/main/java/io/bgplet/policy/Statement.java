package io.bgplet.policy;

import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.Prefix;

import java.util.List;
import java.util.Objects;

/** If all conditions hold (none: always), run the actions in order. */
public record Statement(String name, List<Condition> conditions, List<Action> actions) {
    public Statement {
        Objects.requireNonNull(name);
        conditions = List.copyOf(conditions);
        actions = List.copyOf(actions);
    }

    public boolean matches(Prefix prefix, Source source, PathAttributes attributes) {
        for (int i = 0, n = conditions.size(); i < n; i++) if (!conditions.get(i).test(prefix, source, attributes)) return false;
        return true;
    }
}
