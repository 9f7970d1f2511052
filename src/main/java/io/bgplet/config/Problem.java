package io.bgplet.config;

import java.util.Comparator;
import java.util.Objects;

/**
 * Something wrong with the inputs, named so an operator can find it: the object (kind and
 * name, or a file), the field path, and what is wrong. Rendered as
 * {@code CiliumBGPPeerConfig cilium-peer: spec.timers.holdTimeSeconds: must be 3..65535, got 2}.
 *
 * @param severity  ERROR: the object, instance or peer is left out; WARNING: a part is ignored
 * @param kind      object kind, or "file" for a manifest file that does not parse
 * @param name      object name (namespace/name for namespaced objects) or file name
 * @param path      field path or "line N"; empty when the whole object is meant
 * @param message   what is wrong
 * @param condition the Cilium condition type this maps to (e.g. cilium.io/MissingPeerConfigs), or null
 */
public record Problem(Severity severity, String kind, String name, String path, String message, String condition) {

    public enum Severity { ERROR, WARNING }

    public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::kind).thenComparing(Problem::name)
            .thenComparing(Problem::path).thenComparing(Problem::message);

    public Problem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        path = path == null ? "" : path;
        Objects.requireNonNull(message, "message");
    }

    public static Problem error(String kind, String name, String path, String message) {
        return new Problem(Severity.ERROR, kind, name, path, message, null);
    }

    public static Problem warning(String kind, String name, String path, String message) {
        return new Problem(Severity.WARNING, kind, name, path, message, null);
    }

    public Problem withCondition(String conditionType) {
        return new Problem(severity, kind, name, path, message, conditionType);
    }

    @Override
    public String toString() {
        return kind + " " + name + ": " + (path.isEmpty() ? "" : path + ": ") + message;
    }
}
