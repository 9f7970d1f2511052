package io.bgplet.speaker;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * The desired state of one BGP instance, as the control plane computes it. Applying a new
 * InstanceConfig to a running speaker is an idempotent diff: unchanged neighbours keep their
 * sessions; changed advertisements produce only the UPDATEs they need.
 *
 * @param name         instance name (Cilium's bgpInstances[].name)
 * @param localAs      local AS, 1..4294967295
 * @param routerId     BGP identifier
 * @param listenAddress address to listen on, or null for any; only used when listenPort > 0
 * @param listenPort   0: do not listen, dial out only (Cilium's default); else the TCP port
 * @param neighbors    the peers, unique by address
 */
public record InstanceConfig(String name, long localAs, Inet4Address routerId, InetAddress listenAddress,
                             int listenPort, List<NeighborConfig> neighbors) {
    public InstanceConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(routerId, "routerId");
        if (localAs < 1 || localAs > 0xFFFFFFFFL) throw new IllegalArgumentException("localAs out of range: " + localAs);
        if (listenPort < 0 || listenPort > 65535) throw new IllegalArgumentException("listenPort out of range: " + listenPort);
        neighbors = List.copyOf(neighbors);
        long distinct = neighbors.stream().map(NeighborConfig::address).distinct().count();
        if (distinct != neighbors.size()) throw new IllegalArgumentException("two neighbours share an address in instance " + name);
    }
}
