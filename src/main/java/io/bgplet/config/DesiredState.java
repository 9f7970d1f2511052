package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPClusterConfig;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.CiliumBGPNodeConfigOverride;
import io.bgplet.config.model.LabelSelector;
import io.bgplet.config.model.Node;
import io.bgplet.config.model.ObjectMeta;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desired state of one node as a pure function of the inputs: what Cilium's operator
 * would write into the node's CiliumBGPNodeConfig, and what Cilium's agent would configure
 * in its speaker from it. Same inputs, same result; no I/O, no clock.
 */
public final class DesiredState {
    static final String NO_MATCHING_NODE = "cilium.io/NoMatchingNode";
    static final String CONFLICTING_CLUSTER_CONFIG = "cilium.io/ConflictingClusterConfig";
    static final String API_VERSION = "cilium.io/v2";
    /** Problem text of a peer left out for sharing an address (its advertisements were computed first). */
    static final String DUPLICATE_PEER_ADDRESS = "another peer of the instance has address ";

    private DesiredState() {}

    public static Result compute(Inputs inputs, String nodeName) {
        List<Problem> problems = new ArrayList<>(inputs.problems());
        noMatchingNode(inputs, problems);
        Node node = inputs.nodes().stream().filter(n -> n.name().equals(nodeName)).findFirst().orElse(null);
        if (node == null) {
            problems.add(Problem.error("Node", nodeName, "", "not found; nothing is configured"));
            return new Result(nodeName, null, null, List.of(), problems);
        }
        CiliumBGPClusterConfig cc = select(inputs, node, problems);
        if (cc == null) return new Result(nodeName, null, null, List.of(), problems);

        CiliumBGPNodeConfig nodeConfig = nodeConfig(cc, override(inputs, nodeName), node, problems);
        Neighbors neighbors = new Neighbors(inputs, node, cc.name(), problems::add);
        List<InstanceConfig> instances = new ArrayList<>();
        for (CiliumBGPNodeConfig.Instance i : nodeConfig.spec().bgpInstances()) {
            InstanceConfig ic = instance(i, node, cc, neighbors, problems);
            if (ic != null) instances.add(ic);
        }
        return new Result(nodeName, cc.name(), nodeConfig, instances, problems);
    }

    /** ClusterConfig.nodeSelector: nil means every node (the one exception to "nil selects nothing"). */
    static boolean selectsNode(CiliumBGPClusterConfig cc, Node node) {
        LabelSelector s = cc.spec().nodeSelector();
        return s == null || s.matches(node.metadata().labels());
    }

    private static void noMatchingNode(Inputs inputs, List<Problem> problems) {
        for (CiliumBGPClusterConfig cc : inputs.clusterConfigs()) {
            if (inputs.nodes().stream().noneMatch(n -> selectsNode(cc, n))) {
                problems.add(Problem.warning(cc.kind(), cc.name(), "spec.nodeSelector", "No node matches spec.nodeSelector")
                        .withCondition(NO_MATCHING_NODE));
            }
        }
    }

    /**
     * One ClusterConfig per node. The operator keeps the node with the ClusterConfig that
     * already owns its NodeConfig; with no owner yet, bgplet picks the oldest (creationTimestamp,
     * then name) so every replica picks the same. The others get ConflictingClusterConfig.
     */
    private static CiliumBGPClusterConfig select(Inputs inputs, Node node, List<Problem> problems) {
        List<CiliumBGPClusterConfig> candidates = new ArrayList<>(inputs.clusterConfigs().stream().filter(cc -> selectsNode(cc, node)).toList());
        if (candidates.isEmpty()) return null;
        candidates.sort(Comparator.comparing((CiliumBGPClusterConfig cc) -> cc.metadata().creationTimestamp(),
                Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(CiliumBGPClusterConfig::name));
        String owner = inputs.nodeConfigs().stream().filter(nc -> nc.name().equals(node.name()))
                .map(nc -> nc.metadata().controller("CiliumBGPClusterConfig")).filter(o -> o != null)
                .map(ObjectMeta.OwnerReference::name).findFirst().orElse(null);
        CiliumBGPClusterConfig winner = candidates.stream().filter(cc -> cc.name().equals(owner)).findFirst().orElse(candidates.getFirst());
        for (CiliumBGPClusterConfig cc : candidates) {
            if (cc == winner) continue;
            problems.add(Problem.error(cc.kind(), cc.name(), "spec.nodeSelector", "Selecting the same node(s) with ClusterConfig(s): ["
                    + winner.name() + "]; node " + node.name() + " is configured by " + winner.name()).withCondition(CONFLICTING_CLUSTER_CONFIG));
        }
        return winner;
    }

    private static CiliumBGPNodeConfigOverride override(Inputs inputs, String nodeName) {
        return inputs.overrides().stream().filter(o -> o.name().equals(nodeName)).findFirst().orElse(null);
    }

    /** The operator's NodeConfig: instances copied from the ClusterConfig, then the override applied per instance and peer name. */
    static CiliumBGPNodeConfig nodeConfig(CiliumBGPClusterConfig cc, CiliumBGPNodeConfigOverride ov, Node node, List<Problem> problems) {
        Set<String> names = new HashSet<>();
        List<CiliumBGPNodeConfig.Instance> instances = new ArrayList<>();
        for (CiliumBGPClusterConfig.Instance ci : cc.spec().bgpInstances()) {
            names.add(ci.name());
            CiliumBGPNodeConfigOverride.Instance oi = ov == null ? null
                    : ov.spec().bgpInstances().stream().filter(i -> i.name().equals(ci.name())).findFirst().orElse(null);
            List<CiliumBGPNodeConfig.Peer> peers = new ArrayList<>();
            for (CiliumBGPClusterConfig.Peer p : ci.peers() == null ? List.<CiliumBGPClusterConfig.Peer>of() : ci.peers()) {
                String localAddress = null;
                if (oi != null && oi.peers() != null) {
                    localAddress = oi.peers().stream().filter(op -> op.name().equals(p.name()))
                            .map(CiliumBGPNodeConfigOverride.Peer::localAddress).findFirst().orElse(null);
                }
                peers.add(new CiliumBGPNodeConfig.Peer(p.name(), p.peerAddress(), p.peerASN(), p.autoDiscovery(), localAddress,
                        p.peerConfigRef() == null ? null : CiliumBGPClusterConfig.PeerConfigRef.named(p.peerConfigRef().name())));
            }
            instances.add(new CiliumBGPNodeConfig.Instance(ci.name(),
                    oi != null && oi.localASN() != null ? oi.localASN() : ci.localASN(),
                    oi != null ? oi.routerID() : null,
                    oi != null && oi.localPort() != null ? oi.localPort() : ci.localPort(),
                    peers));
        }
        if (ov != null) {
            for (CiliumBGPNodeConfigOverride.Instance oi : ov.spec().bgpInstances()) {
                if (!names.contains(oi.name())) {
                    problems.add(Problem.warning(ov.kind(), ov.name(), "spec.bgpInstances[" + oi.name() + "]",
                            "no such instance in CiliumBGPClusterConfig " + cc.name() + "; ignored"));
                }
            }
        }
        ObjectMeta meta = new ObjectMeta(node.name(), null, Map.of(), Map.of(), null,
                List.of(new ObjectMeta.OwnerReference(API_VERSION, cc.kind(), cc.name(), null, true))); // uid: filled by the writer
        return new CiliumBGPNodeConfig(meta, new CiliumBGPNodeConfig.Spec(instances), null);
    }

    /** The agent's instance: ASN, router ID (override, else the node's IPv4 address), listen port, neighbours. */
    private static InstanceConfig instance(CiliumBGPNodeConfig.Instance i, Node node, CiliumBGPClusterConfig cc, Neighbors neighbors,
                                           List<Problem> problems) {
        String where = "spec.bgpInstances[" + i.name() + "]";
        if (i.localASN() == null) {
            problems.add(Problem.error(cc.kind(), cc.name(), where + ".localASN",
                    "not set here nor in a CiliumBGPNodeConfigOverride for " + node.name() + "; instance not configured"));
            return null;
        }
        Inet4Address routerId = i.routerID() != null ? (Inet4Address) Addresses.parse(i.routerID()) : node.ipv4();
        if (routerId == null) {
            problems.add(Problem.error(cc.kind(), cc.name(), where, "node " + node.name()
                    + " has no IPv4 address for the router ID; set routerID in a CiliumBGPNodeConfigOverride; instance not configured"));
            return null;
        }
        List<NeighborConfig> out = new ArrayList<>();
        Set<InetAddress> seen = new HashSet<>();
        for (CiliumBGPNodeConfig.Peer p : i.peers()) {
            NeighborConfig n = neighbors.build(i.name(), p);
            if (n == null) continue;
            if (!seen.add(n.address())) {
                problems.add(Problem.error(cc.kind(), cc.name(), where + ".peers[" + p.name() + "]",
                        DUPLICATE_PEER_ADDRESS + n.address().getHostAddress() + "; peer not configured"));
                continue;
            }
            out.add(n);
        }
        int port = i.localPort() == null ? 0 : i.localPort();
        return new InstanceConfig(i.name(), i.localASN(), routerId, null, port, out);
    }
}
