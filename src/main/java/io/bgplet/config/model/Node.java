package io.bgplet.config.model;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

/**
 * A Kubernetes Node: labels for nodeSelector, addresses for the router ID, podCIDRs for
 * PodCIDR advertisements (Cilium's kubernetes IPAM copies spec.podCIDRs into CiliumNode).
 */
public record Node(ObjectMeta metadata, List<InetAddress> internalIPs, List<InetAddress> externalIPs, List<String> podCIDRs) {
    public Node {
        internalIPs = List.copyOf(internalIPs);
        externalIPs = List.copyOf(externalIPs);
        podCIDRs = List.copyOf(podCIDRs);
    }

    public String name() {
        return metadata.name();
    }

    /** The node's IPv4 address as the Cilium agent picks it: first IPv4 InternalIP, else first IPv4 ExternalIP. */
    public Inet4Address ipv4() {
        for (InetAddress a : internalIPs) if (a instanceof Inet4Address v4) return v4;
        for (InetAddress a : externalIPs) if (a instanceof Inet4Address v4) return v4;
        return null;
    }
}
