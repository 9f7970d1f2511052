package io.bgplet.config.model;

import java.util.List;

/**
 * An EndpointSlice: the service it belongs to (label {@code kubernetes.io/service-name}) and
 * its endpoints' nodes and conditions, for externalTrafficPolicy/internalTrafficPolicy Local.
 */
public record EndpointSlice(ObjectMeta metadata, List<Endpoint> endpoints) {
    public static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    public EndpointSlice {
        endpoints = List.copyOf(endpoints);
    }

    public String serviceName() {
        return metadata.labels().get(SERVICE_NAME_LABEL);
    }

    public String namespace() {
        return metadata.namespace() == null ? "default" : metadata.namespace();
    }

    /** Conditions are null when unset; Kubernetes reads a null ready as true. */
    public record Endpoint(String nodeName, Boolean ready, Boolean serving, Boolean terminating) {
        /** Active as the load balancer sees it: ready (unset counts as ready) and not terminating. */
        public boolean active() {
            return (ready == null || ready) && (terminating == null || !terminating);
        }
    }
}
