package io.bgplet.fib;

import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Ipv6Prefix;
import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.util.List;

/**
 * What a learned route must never capture on this node: its own PodCIDRs (the route itself
 * or anything inside it, which would send local pods' traffic away) and any prefix that
 * covers one of its own addresses. The second rule also refuses a learned default route,
 * since 0.0.0.0/0 covers every address; the issue asks for exactly that, and a node that
 * wants a BGP default can leave its addresses out of the set.
 */
public record Safety(List<Prefix> podCidrs, List<InetAddress> ownAddresses) {
    public Safety {
        podCidrs = List.copyOf(podCidrs);
        ownAddresses = List.copyOf(ownAddresses);
    }

    public static Safety none() {
        return new Safety(List.of(), List.of());
    }

    /** Why the prefix must not be installed, or null when it may. */
    public String refusal(Prefix prefix) {
        for (Prefix pod : podCidrs) {
            if (covers(pod, prefix)) return pod.equals(prefix) ? "is the node's PodCIDR" : "is inside the node's PodCIDR " + pod;
        }
        for (InetAddress a : ownAddresses) {
            if (covers(prefix, host(a))) return "covers the node's address " + a.getHostAddress();
        }
        return null;
    }

    /** True when the next hop is one of the node's own addresses (a route via itself). */
    public boolean isOwnAddress(InetAddress a) {
        return ownAddresses.contains(a);
    }

    /** True when {@code outer} contains every address of {@code inner} (same family). */
    public static boolean covers(Prefix outer, Prefix inner) {
        if (outer.length() > inner.length()) return false;
        return switch (outer) {
            case Ipv4Prefix o -> inner instanceof Ipv4Prefix i && new Ipv4Prefix(i.address32(), o.length()).equals(o);
            case Ipv6Prefix o -> inner instanceof Ipv6Prefix i && new Ipv6Prefix(i.hi(), i.lo(), o.length()).equals(o);
        };
    }

    static Prefix host(InetAddress a) {
        return Prefix.of(a, a.getAddress().length * 8);
    }
}
