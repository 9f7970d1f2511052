package io.bgplet.interop.support;

import java.util.List;

/** Renders a {@link PeerSpec} as an FRR 8.4 bgpd.conf. */
final class FrrConfig {
    private FrrConfig() {
    }

    static String render(PeerSpec spec, String hostname, List<String> routerBgpLines) {
        StringBuilder c = new StringBuilder();
        c.append("frr defaults traditional\nhostname ").append(hostname).append("\nlog stdout informational\n!\n");
        c.append("router bgp ").append(spec.localAs()).append('\n');
        c.append(" bgp router-id ").append(spec.routerId()).append('\n');
        // RFC 8212 default: without this, eBGP routes are neither accepted nor sent.
        c.append(" no bgp ebgp-requires-policy\n");
        // Originated prefixes need no matching route in zebra's RIB.
        c.append(" no bgp network import-check\n");
        for (String line : routerBgpLines) c.append(' ').append(line).append('\n');
        List<NeighborSpec> grNeighbors = spec.neighbors().stream().filter(NeighborSpec::gracefulRestart).toList();
        if (!grNeighbors.isEmpty()) {
            c.append(" bgp graceful-restart\n");
            c.append(" bgp graceful-restart restart-time ").append(grNeighbors.getFirst().restartTime()).append('\n');
        }
        for (NeighborSpec n : spec.neighbors()) {
            String a = " neighbor " + n.address() + " ";
            c.append(a).append("remote-as ").append(n.remoteAs()).append('\n');
            if (n.port() != 179) c.append(a).append("port ").append(n.port()).append('\n');
            if (n.localAddress() != null) c.append(a).append("update-source ").append(n.localAddress()).append('\n');
            if (n.password() != null) c.append(a).append("password ").append(n.password()).append('\n');
            if (n.multihopTtl() > 0) c.append(a).append("ebgp-multihop ").append(n.multihopTtl()).append('\n');
            c.append(a).append("timers ").append(n.keepalive()).append(' ').append(n.holdTime()).append('\n');
            c.append(a).append("timers connect 1\n");
            // Tests should not wait out the eBGP MRAI (RFC 4271 9.2.1.1) between updates.
            c.append(a).append("advertisement-interval 0\n");
            if (n.passive()) c.append(a).append("passive\n");
            if (n.gracefulRestart()) c.append(a).append("graceful-restart\n");
            if (!n.fourOctetAs()) {
                throw new UnsupportedOperationException("FRR 8.4 cannot turn off the 4-octet AS capability per neighbour; use BIRD or ExaBGP");
            }
        }
        for (String family : List.of("ipv4", "ipv6")) {
            c.append(" address-family ").append(family).append(" unicast\n");
            for (NeighborSpec n : spec.neighbors()) {
                boolean on = n.effectiveFamilies().contains(family);
                c.append(on ? "  neighbor " : "  no neighbor ").append(n.address()).append(" activate\n");
            }
            for (RouteSpec r : spec.routes()) {
                if (r.isIpv6() == family.equals("ipv6")) c.append("  network ").append(r.prefix()).append(" route-map ").append(routeMapName(r)).append('\n');
            }
            c.append(" exit-address-family\n");
        }
        c.append("!\n");
        for (RouteSpec r : spec.routes()) c.append(routeMap(r));
        return c.toString();
    }

    /** A route-map per originated prefix carrying its attributes. */
    static String routeMap(RouteSpec r) {
        StringBuilder c = new StringBuilder("route-map ").append(routeMapName(r)).append(" permit 10\n");
        if (r.med() != null) c.append(" set metric ").append(r.med()).append('\n');
        if (!r.communities().isEmpty()) c.append(" set community ").append(String.join(" ", r.communities())).append('\n');
        if (!r.largeCommunities().isEmpty()) c.append(" set large-community ").append(String.join(" ", r.largeCommunities())).append('\n');
        if (!r.prepend().isEmpty()) {
            c.append(" set as-path prepend");
            r.prepend().forEach(as -> c.append(' ').append(as));
            c.append('\n');
        }
        if (r.nextHop() != null) {
            c.append(r.isIpv6() ? " set ipv6 next-hop global " : " set ip next-hop ").append(r.nextHop()).append('\n');
        }
        return c.append("!\n").toString();
    }

    static String routeMapName(RouteSpec r) {
        return "ORIG-" + r.prefix().replaceAll("[^0-9A-Fa-f]", "-");
    }
}
