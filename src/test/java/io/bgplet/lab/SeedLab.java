package io.bgplet.lab;

import io.bgplet.interop.support.FrrPeer;
import io.bgplet.interop.support.Netns;
import io.bgplet.interop.support.PeerSpec;
import io.bgplet.interop.support.Topology;

import java.nio.file.Path;
import java.util.List;

/**
 * The reference lab of seed-lab.md in network namespaces, every host in its own: router,
 * k8s-ctr and k8s-w1 on LAN A (a Linux bridge in a switch namespace, 198.51.100.0/24),
 * k8s-w0 alone on LAN B (203.0.113.0/24) with one route, to LAN A via the router. The nodes
 * have no default route, as in the lab where theirs points at an unrelated NAT network.
 *
 * <p>The router is FRR configured as the lab's frr.conf with addresses mapped. The harness
 * adds {@code no bgp network import-check} (moot: loop1 carries 192.0.2.1/25, so the network
 * is in the RIB anyway) and its logging lines; the neighbours come from the lab's peer-group.
 */
final class SeedLab implements AutoCloseable {
    static final String ROUTER_ID = "198.51.100.200";
    static final long ROUTER_AS = 65000;
    static final String ROUTER_NETWORK = "192.0.2.0/25";

    /** A lab node: its namespace tag, Kubernetes name, address and PodCIDR (seed-lab.md's mapping). */
    record Node(String tag, String name, String address, String podCidr) {
        /** The node's end of its pod link: .1 of the PodCIDR. */
        String podGateway() {
            return podCidr.substring(0, podCidr.lastIndexOf(".0/")) + ".1";
        }

        /** The address of the pod behind the node: .10 of the PodCIDR. */
        String podAddress() {
            return podCidr.substring(0, podCidr.lastIndexOf(".0/")) + ".10";
        }

        /** The tag of the pod namespace behind the node. */
        String podTag() {
            return "pod" + tag;
        }
    }

    /** Every PodCIDR of the lab: the pods' one route, toward their node. */
    static final String POD_RANGE = "198.18.0.0/16";

    static final List<Node> NODES = List.of(
            new Node("k8sctr", "k8s-ctr", "198.51.100.100", "198.18.0.0/24"),
            new Node("k8sw1", "k8s-w1", "198.51.100.101", "198.18.1.0/24"),
            new Node("k8sw0", "k8s-w0", "203.0.113.100", "198.18.2.0/24"));

    /** seed-lab.md's router bgp block with test addresses, line for line. */
    static final List<String> ROUTER_BGP = List.of(
            "bgp graceful-restart",
            "bgp bestpath as-path multipath-relax",
            "maximum-paths 4",
            "network " + ROUTER_NETWORK,
            "neighbor CILIUM peer-group",
            "neighbor CILIUM remote-as external",
            "neighbor 198.51.100.100 peer-group CILIUM",
            "neighbor 198.51.100.101 peer-group CILIUM",
            "neighbor 203.0.113.100 peer-group CILIUM");

    private final Topology topology;
    private final FrrPeer router;

    private SeedLab(Topology topology, FrrPeer router) {
        this.topology = topology;
        this.router = router;
    }

    /** Builds the namespaces and starts the router with BGP debugging logged (End-of-RIB lines). */
    static SeedLab start(Path logDir) {
        return start(logDir, false);
    }

    /**
     * With {@code pods}, each node also gets a "pod" namespace behind it, holding the .10
     * address of the node's PodCIDR (the node has .1 and forwards), with one route to the
     * lab's pod range through its node. The nodes get no route to other nodes' PodCIDRs.
     */
    static SeedLab start(Path logDir, boolean pods) {
        Topology.Builder b = Topology.builder();
        if (pods) {
            for (Node n : NODES) {
                b.node(n.podTag())
                        .link(n.tag(), n.podTag(), List.of(n.podGateway() + "/24"), List.of(n.podAddress() + "/24"))
                        .route(n.podTag(), POD_RANGE, n.podGateway())
                        .forwarding(n.tag());
            }
        }
        Topology t = b
                .node("router").node("lana").node("k8sctr").node("k8sw1").node("k8sw0")
                .link("router", "lana", List.of("198.51.100.200/24"), List.of())
                .link("k8sctr", "lana", List.of("198.51.100.100/24"), List.of())
                .link("k8sw1", "lana", List.of("198.51.100.101/24"), List.of())
                .link("router", "k8sw0", List.of("203.0.113.200/24"), List.of("203.0.113.100/24"))
                // loop1 and loop2: this kernel has no dummy interfaces, so a veth pair kept inside
                .link("router", "router", List.of("192.0.2.1/25"), List.of("192.0.2.129/25"))
                .route("k8sw0", "198.51.100.0/24", "203.0.113.200")
                .forwarding("router")
                .build();
        FrrPeer frr = null;
        try {
            Netns lan = t.ns("lana");
            lan.exec("ip", "link", "add", "br0", "type", "bridge");
            lan.exec("ip", "link", "set", "br0", "up");
            for (String member : List.of("router", "k8sctr", "k8sw1")) {
                lan.exec("ip", "link", "set", t.end("lana", member).ifname(), "master", "br0");
            }
            frr = new FrrPeer(t.ns("router"), PeerSpec.of(ROUTER_AS, ROUTER_ID), logDir, "router")
                    .routerBgpLines(ROUTER_BGP.toArray(String[]::new))
                    // The router forwards between the pods, so its bgpd installs what it learns.
                    .kernelRoutes(pods);
            frr.start();
            // End-of-RIB is logged under neighbor-events debugging, at debug level.
            frr.vtysh("configure terminal", "log stdout debugging", "debug bgp neighbor-events", "debug bgp updates");
            return new SeedLab(t, frr);
        } catch (RuntimeException e) {
            if (frr != null) frr.close();
            t.close();
            throw e;
        }
    }

    Topology topology() {
        return topology;
    }

    FrrPeer router() {
        return router;
    }

    Netns ns(Node n) {
        return topology.ns(n.tag());
    }

    /** The pod namespace behind the node (only with pods). */
    Netns pod(Node n) {
        return topology.ns(n.podTag());
    }

    @Override
    public void close() {
        try {
            router.close();
        } finally {
            topology.close();
        }
    }
}
