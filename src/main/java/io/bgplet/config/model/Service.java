package io.bgplet.config.model;

import java.util.List;

/**
 * The parts of a Service that decide what is advertised.
 *
 * @param type                  ClusterIP, NodePort, LoadBalancer, ExternalName
 * @param clusterIPs            spec.clusterIP and spec.clusterIPs merged, without "None"
 * @param ingressIPs            status.loadBalancer.ingress[].ip
 * @param externalTrafficPolicy Cluster (default) or Local
 * @param internalTrafficPolicy Cluster (default) or Local
 */
public record Service(ObjectMeta metadata, String type, List<String> clusterIPs, List<String> externalIPs,
                      String loadBalancerClass, List<String> ingressIPs, String externalTrafficPolicy, String internalTrafficPolicy) {
    /** Cilium's own class: LoadBalancerIPs of services with another class are not advertised. */
    public static final String BGP_CONTROL_PLANE_CLASS = "io.cilium/bgp-control-plane";

    public Service {
        clusterIPs = List.copyOf(clusterIPs);
        externalIPs = List.copyOf(externalIPs);
        ingressIPs = List.copyOf(ingressIPs);
        if (type == null) type = "ClusterIP";
        if (externalTrafficPolicy == null) externalTrafficPolicy = "Cluster";
        if (internalTrafficPolicy == null) internalTrafficPolicy = "Cluster";
    }

    public String name() {
        return metadata.name();
    }

    public String namespace() {
        return metadata.namespace() == null ? "default" : metadata.namespace();
    }
}
