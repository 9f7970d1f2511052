package io.bgplet.interop.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A veth pair between two namespaces (either may be the root namespace). Interface names
 * carry the run id so they never clash with another run's; close() deletes the pair (and
 * with it its addresses and connected routes), also when the far namespace is gone.
 */
public final class Link implements AutoCloseable {
    private final End a;
    private final End b;
    private final Runnable unregister;
    private boolean closed;

    /** One end: its namespace, interface name and the addresses put on it. */
    public static final class End {
        private final Netns ns;
        private final String ifname;
        private final List<String> addresses = new ArrayList<>();

        End(Netns ns, String ifname) {
            this.ns = ns;
            this.ifname = ifname;
        }

        public Netns ns() {
            return ns;
        }

        public String ifname() {
            return ifname;
        }

        /** Addresses with prefix length, as given ("198.51.100.1/24"). */
        public List<String> addresses() {
            return List.copyOf(addresses);
        }

        /** The first address of the family, without its length; null if none. */
        public String ipv4() {
            return addresses.stream().filter(x -> !x.contains(":")).map(End::host).findFirst().orElse(null);
        }

        public String ipv6() {
            return addresses.stream().filter(x -> x.contains(":")).map(End::host).findFirst().orElse(null);
        }

        /** Adds "ADDR/LEN"; IPv6 with nodad so it is usable at once. */
        public End address(String cidr) {
            if (cidr.contains(":")) ns.exec("ip", "-6", "addr", "add", cidr, "dev", ifname, "nodad");
            else ns.exec("ip", "addr", "add", cidr, "dev", ifname);
            addresses.add(cidr);
            return this;
        }

        public void down() {
            ns.linkDown(ifname);
        }

        public void up() {
            ns.linkUp(ifname);
        }

        static String host(String cidr) {
            int slash = cidr.indexOf('/');
            return slash < 0 ? cidr : cidr.substring(0, slash);
        }
    }

    private Link(End a, End b) {
        this.a = a;
        this.b = b;
        // Deleting either end deletes the pair; the root end is the one that survives a namespace.
        this.unregister = Sweep.register("veth " + a.ifname + "/" + b.ifname, () -> deleteQuietly(a, b));
    }

    /**
     * Creates a veth pair {@code ifA}@{@code a} - {@code ifB}@{@code b}, both up. Names up to
     * 15 characters; use {@link #ifname(String)} for names unique to this run.
     */
    public static Link veth(Netns a, String ifA, Netns b, String ifB) {
        List<String> cmd = new ArrayList<>(List.of("ip", "link", "add", ifA));
        if (!a.isRoot()) cmd.addAll(List.of("netns", a.name()));
        cmd.addAll(List.of("type", "veth", "peer", "name", ifB));
        if (!b.isRoot()) cmd.addAll(List.of("netns", b.name()));
        Exec.check(cmd);
        Link link = new Link(new End(a, ifA), new End(b, ifB));
        try {
            if (!a.isRoot()) a.exec("sysctl", "-q", "-w", "net.ipv6.conf." + ifA + ".accept_dad=0");
            if (!b.isRoot()) b.exec("sysctl", "-q", "-w", "net.ipv6.conf." + ifB + ".accept_dad=0");
            link.a.up();
            link.b.up();
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
        return link;
    }

    /** "bl" + run id + suffix: an interface name unique to this run (suffix up to 7 chars). */
    public static String ifname(String suffix) {
        String n = "bl" + Interop.runId() + suffix;
        if (n.length() > 15) throw new IllegalArgumentException("interface name too long: " + n);
        return n;
    }

    public End a() {
        return a;
    }

    public End b() {
        return b;
    }

    /** The end in the given namespace (the first end if both are in it). */
    public End end(Netns ns) {
        if (a.ns == ns) return a;
        if (b.ns == ns) return b;
        throw new IllegalArgumentException(ns + " is not on link " + a.ifname + "/" + b.ifname);
    }

    /** Both ends down: carrier is lost on both sides, TCP sessions stall until the hold timer fires. */
    public void down() {
        a.down();
        b.down();
    }

    public void up() {
        a.up();
        b.up();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        deleteQuietly(a, b);
        unregister.run();
    }

    private static void deleteQuietly(End a, End b) {
        // Prefer the root end: it exists as long as the pair does, whatever happened to the namespace.
        End first = a.ns.isRoot() ? a : b;
        End second = first == a ? b : a;
        if (!Exec.run(first.ns.wrap(List.of("ip", "link", "del", first.ifname))).ok()) {
            Exec.run(second.ns.wrap(List.of("ip", "link", "del", second.ifname)));
        }
    }
}
