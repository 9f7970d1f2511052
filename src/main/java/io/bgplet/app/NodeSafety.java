package io.bgplet.app;

import io.bgplet.config.HostNetwork;
import io.bgplet.config.model.Node;
import io.bgplet.fib.Safety;
import io.bgplet.wire.Prefix;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The node's own prefixes and addresses, which learned routes must never capture: its
 * PodCIDRs from its Node object, and every address on its interfaces plus the Node's
 * InternalIP and ExternalIP addresses.
 */
final class NodeSafety {
    private static final Logger LOG = Logger.getLogger(NodeSafety.class);

    private NodeSafety() {}

    static Safety of(List<Node> nodes, String nodeName, HostNetwork host) {
        List<Prefix> podCidrs = new ArrayList<>();
        Set<InetAddress> own = new LinkedHashSet<>();
        for (Node n : nodes) {
            if (!n.metadata().name().equals(nodeName)) continue;
            for (String cidr : n.podCIDRs()) {
                try {
                    podCidrs.add(Prefix.parse(cidr));
                } catch (IllegalArgumentException e) {
                    LOG.warnf("Node %s: spec.podCIDRs entry %s is not a prefix: %s", nodeName, cidr, e.getMessage());
                }
            }
            own.addAll(n.internalIPs());
            own.addAll(n.externalIPs());
        }
        for (HostNetwork.Interface i : host.interfaces().values()) {
            for (InetAddress a : i.addresses()) own.add(withoutScope(a));
        }
        return new Safety(podCidrs, List.copyOf(own));
    }

    /** fe80::1%eth0 and fe80::1 are the same address to the safety rules. */
    private static InetAddress withoutScope(InetAddress a) {
        try {
            return InetAddress.getByAddress(a.getAddress());
        } catch (java.net.UnknownHostException e) {
            return a;
        }
    }
}
