package io.bgplet.fib;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One kernel next hop: a gateway, the interface to reach it by (0: let the kernel find it,
 * which works only for a gateway on a connected network), and an ECMP weight (1-256; the
 * kernel stores weight - 1 in rtnexthop.rtnh_hops). A null gateway is a device route, which
 * bgplet never installs but may read back.
 */
public record NextHop(InetAddress gateway, int ifindex, int weight) {
    public NextHop {
        if (gateway == null && ifindex <= 0) throw new IllegalArgumentException("next hop needs a gateway or an interface");
        if (ifindex < 0) throw new IllegalArgumentException("ifindex " + ifindex);
        if (weight < 1 || weight > 256) throw new IllegalArgumentException("weight must be 1-256: " + weight);
    }

    /** A gateway on a connected network, interface left to the kernel. */
    public static NextHop via(InetAddress gateway) {
        return new NextHop(Objects.requireNonNull(gateway), 0, 1);
    }

    public static NextHop via(InetAddress gateway, int ifindex) {
        return new NextHop(Objects.requireNonNull(gateway), ifindex, 1);
    }

    public NextHop withWeight(int w) {
        return new NextHop(gateway, ifindex, w);
    }

    /**
     * True when the kernel's {@code other} satisfies this wanted next hop: same gateway and
     * weight, and the same interface unless this one left it to the kernel.
     */
    public boolean satisfiedBy(NextHop other) {
        return Objects.equals(gateway, other.gateway) && weight == other.weight && (ifindex == 0 || ifindex == other.ifindex);
    }

    @Override
    public String toString() {
        String g = gateway == null ? "" : "via " + gateway.getHostAddress();
        String d = ifindex == 0 ? "" : (g.isEmpty() ? "" : " ") + "dev#" + ifindex;
        return g + d + (weight == 1 ? "" : " weight " + weight);
    }
}
