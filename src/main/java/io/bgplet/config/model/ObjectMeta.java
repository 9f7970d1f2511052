package io.bgplet.config.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of Kubernetes object metadata bgplet uses.
 *
 * @param creationTimestamp RFC 3339 text or null; orders ClusterConfigs in a conflict
 * @param ownerReferences   owners; a CiliumBGPNodeConfig's controller owner is its ClusterConfig
 */
public record ObjectMeta(String name, String namespace, Map<String, String> labels, Map<String, String> annotations,
                         String creationTimestamp, List<OwnerReference> ownerReferences) {
    public ObjectMeta {
        Objects.requireNonNull(name, "name");
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        annotations = annotations == null ? Map.of() : Map.copyOf(annotations);
        ownerReferences = ownerReferences == null ? List.of() : List.copyOf(ownerReferences);
    }

    public static ObjectMeta named(String name) {
        return new ObjectMeta(name, null, Map.of(), Map.of(), null, List.of());
    }

    /** The controller owner of the given kind, or null. */
    public OwnerReference controller(String kind) {
        for (OwnerReference o : ownerReferences) if (o.controller() && o.kind().equals(kind)) return o;
        return null;
    }

    public record OwnerReference(String apiVersion, String kind, String name, String uid, boolean controller) {}
}
