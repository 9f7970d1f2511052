package io.bgplet.interop.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A few namespaces joined by veth links, built in one go and torn down in one close().
 * The node name {@value #ROOT} is the root namespace (the JVM, so bgplet's speaker): links to
 * it put an address on a root-namespace veth end that bgplet can bind. Such topologies take
 * a machine-wide lock so two runs never own the same root address at once.
 *
 * <p>Presets (addresses are fixed, documented below, and mirror seed-lab.md's mapping):
 * {@link #twoHostsOnLan}, {@link #hostRouterHost}, {@link #rootAndPeer}, {@link #rootRouterPeer}.
 */
public final class Topology implements AutoCloseable {
    public static final String ROOT = "root";
    private static final java.util.concurrent.atomic.AtomicInteger LINK_SEQ = new java.util.concurrent.atomic.AtomicInteger();

    private final Map<String, Netns> nodes;
    private final List<Link> links;
    private final List<LinkSpec> linkSpecs;
    private final boolean rootLocked;
    private boolean closed;

    private record LinkSpec(String a, String b) {
    }

    private Topology(Map<String, Netns> nodes, List<Link> links, List<LinkSpec> specs, boolean rootLocked) {
        this.nodes = nodes;
        this.links = links;
        this.linkSpecs = specs;
        this.rootLocked = rootLocked;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** a 198.51.100.1/24 2001:db8:100::1/64 --- b 198.51.100.2/24 2001:db8:100::2/64. */
    public static Topology twoHostsOnLan() {
        return builder().node("a").node("b")
                .link("a", "b", List.of("198.51.100.1/24", "2001:db8:100::1/64"), List.of("198.51.100.2/24", "2001:db8:100::2/64"))
                .build();
    }

    /**
     * a 198.51.100.1 --- .254 r 203.0.113.254 --- 203.0.113.2 b (IPv6 2001:db8:100::/64 and
     * 2001:db8:200::/64, same host parts); r forwards, a and b route the far LAN via r: one
     * routed hop, so eBGP between a and b needs ebgp-multihop 2.
     */
    public static Topology hostRouterHost() {
        return builder().node("a").node("r").node("b")
                .link("a", "r", List.of("198.51.100.1/24", "2001:db8:100::1/64"), List.of("198.51.100.254/24", "2001:db8:100::254/64"))
                .link("r", "b", List.of("203.0.113.254/24", "2001:db8:200::254/64"), List.of("203.0.113.2/24", "2001:db8:200::2/64"))
                .forwarding("r")
                .route("a", "203.0.113.0/24", "198.51.100.254").route("a", "2001:db8:200::/64", "2001:db8:100::254")
                .route("b", "198.51.100.0/24", "203.0.113.254").route("b", "2001:db8:100::/64", "2001:db8:200::254")
                .build();
    }

    /**
     * root 198.51.100.100/24 2001:db8:100::100/64 (plus {@code extraRootAddresses}, e.g.
     * "198.51.100.101/24" for a second bgplet instance) --- peer 198.51.100.200/24
     * 2001:db8:100::200/64.
     */
    public static Topology rootAndPeer(String... extraRootAddresses) {
        List<String> root = new ArrayList<>(List.of("198.51.100.100/24", "2001:db8:100::100/64"));
        root.addAll(List.of(extraRootAddresses));
        return builder().node("peer")
                .link(ROOT, "peer", root, List.of("198.51.100.200/24", "2001:db8:100::200/64"))
                .build();
    }

    /**
     * root 198.51.100.100 --- .254 r 203.0.113.254 --- 203.0.113.200 peer (IPv6 as in
     * {@link #hostRouterHost}); root and peer route the far LAN via r: eBGP multihop from
     * the JVM to a daemon one routed hop away.
     */
    public static Topology rootRouterPeer() {
        return builder().node("r").node("peer")
                .link(ROOT, "r", List.of("198.51.100.100/24", "2001:db8:100::100/64"), List.of("198.51.100.254/24", "2001:db8:100::254/64"))
                .link("r", "peer", List.of("203.0.113.254/24", "2001:db8:200::254/64"), List.of("203.0.113.200/24", "2001:db8:200::200/64"))
                .forwarding("r")
                .route(ROOT, "203.0.113.0/24", "198.51.100.254").route(ROOT, "2001:db8:200::/64", "2001:db8:100::254")
                .route("peer", "198.51.100.0/24", "203.0.113.254").route("peer", "2001:db8:100::/64", "2001:db8:200::254")
                .build();
    }

    /**
     * seed-lab.md's reference lab mapped to test ranges: node "router" with eth1
     * 198.51.100.200/24 on a LAN with the root namespace (198.51.100.100 and .101: two bgplet
     * instances, k8s-ctr and k8s-w1), eth2 203.0.113.200/24 with the root namespace at
     * 203.0.113.100 (k8s-w0), and loop1/loop2 as a veth pair kept inside the router
     * (192.0.2.1/25 and 192.0.2.129/25; this kernel has no dummy interfaces). Links by index:
     * 0 = LAN 1, 1 = LAN 2, 2 = loops. The router does not forward unless a test says so.
     */
    public static Topology referenceLab() {
        return builder().node("router")
                .link(ROOT, "router", List.of("198.51.100.100/24", "198.51.100.101/24"), List.of("198.51.100.200/24"))
                .link(ROOT, "router", List.of("203.0.113.100/24"), List.of("203.0.113.200/24"))
                .link("router", "router", List.of("192.0.2.1/25"), List.of("192.0.2.129/25"))
                .build();
    }

    /** Links in the order they were declared. */
    public List<Link> links() {
        return List.copyOf(links);
    }

    /** The node's namespace ({@link Netns#root()} for {@value #ROOT}). */
    public Netns ns(String node) {
        Netns ns = nodes.get(node);
        if (ns == null) throw new IllegalArgumentException("no node " + node + " in " + nodes.keySet());
        return ns;
    }

    /** The link between two nodes (in either order). */
    public Link link(String a, String b) {
        for (int i = 0; i < linkSpecs.size(); i++) {
            LinkSpec s = linkSpecs.get(i);
            if ((s.a.equals(a) && s.b.equals(b)) || (s.a.equals(b) && s.b.equals(a))) return links.get(i);
        }
        throw new IllegalArgumentException("no link " + a + " - " + b);
    }

    /** The node's end of the link to {@code toward}. */
    public Link.End end(String node, String toward) {
        return link(node, toward).end(ns(node));
    }

    /** The node's first IPv4 address on the link to {@code toward}, without length. */
    public String ipv4(String node, String toward) {
        return end(node, toward).ipv4();
    }

    public String ipv6(String node, String toward) {
        return end(node, toward).ipv6();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        RuntimeException first = null;
        for (Link l : links.reversed()) {
            try {
                l.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        for (Netns ns : List.copyOf(nodes.values()).reversed()) {
            try {
                ns.close();
            } catch (RuntimeException e) {
                if (first == null) first = e;
            }
        }
        if (rootLocked) RootLock.release();
        if (first != null) throw first;
    }

    /** Collects nodes, links, routes and forwarding; build() creates them all or nothing. */
    public static final class Builder {
        private final List<String> nodeNames = new ArrayList<>();
        private final List<Object[]> linkDefs = new ArrayList<>();
        private final List<String[]> routes = new ArrayList<>();
        private final List<String> forwarders = new ArrayList<>();

        /** A namespace node; the name becomes the namespace tag ([a-z0-9]{1,12}). */
        public Builder node(String name) {
            if (name.equals(ROOT)) throw new IllegalArgumentException("root is implicit");
            nodeNames.add(name);
            return this;
        }

        /** A veth between two nodes (either may be {@value #ROOT}) with these addresses on each end. */
        public Builder link(String a, String b, List<String> addressesA, List<String> addressesB) {
            linkDefs.add(new Object[] {a, b, List.copyOf(addressesA), List.copyOf(addressesB)});
            return this;
        }

        public Builder route(String node, String destination, String gateway) {
            routes.add(new String[] {node, destination, gateway});
            return this;
        }

        public Builder forwarding(String node) {
            forwarders.add(node);
            return this;
        }

        @SuppressWarnings("unchecked")
        public Topology build() {
            boolean usesRoot = linkDefs.stream().anyMatch(d -> d[0].equals(ROOT) || d[1].equals(ROOT));
            if (usesRoot) RootLock.acquire();
            Map<String, Netns> nodes = new LinkedHashMap<>();
            List<Link> links = new ArrayList<>();
            List<LinkSpec> specs = new ArrayList<>();
            Topology t = new Topology(nodes, links, specs, usesRoot);
            try {
                if (usesRoot) nodes.put(ROOT, Netns.root());
                for (String n : nodeNames) nodes.put(n, Netns.create(n));
                for (Object[] d : linkDefs) {
                    int index = LINK_SEQ.getAndIncrement();
                    String a = (String) d[0];
                    String b = (String) d[1];
                    Link link = Link.veth(t.ns(a), Link.ifname(index + "a"), t.ns(b), Link.ifname(index + "b"));
                    links.add(link);
                    specs.add(new LinkSpec(a, b));
                    for (String addr : (List<String>) d[2]) link.a().address(addr);
                    for (String addr : (List<String>) d[3]) link.b().address(addr);
                }
                for (String f : forwarders) t.ns(f).ipForward(true);
                for (String[] r : routes) t.ns(r[0]).route(r[1], r[2]);
                return t;
            } catch (RuntimeException e) {
                t.close();
                throw e;
            }
        }
    }
}
