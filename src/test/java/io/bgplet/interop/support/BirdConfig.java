package io.bgplet.interop.support;

import java.util.List;

/** Renders a {@link PeerSpec} (plus the routes currently originated) as a BIRD 2 bird.conf. */
final class BirdConfig {
    private BirdConfig() {
    }

    static String protocolName(int index) {
        return "n" + (index + 1);
    }

    static String render(PeerSpec spec, List<RouteSpec> routes) {
        StringBuilder c = new StringBuilder();
        c.append("router id ").append(spec.routerId()).append(";\n");
        c.append("log stderr all;\n");
        c.append("protocol device { }\n");
        // Originated routes are blackhole statics; their attributes are set on export below,
        // because BIRD drops a static route's MED toward eBGP peers unless the export filter sets it.
        for (String family : List.of("ipv4", "ipv6")) {
            c.append("protocol static orig_").append(family).append(" {\n  ").append(family).append(";\n");
            for (RouteSpec r : routes) {
                if (r.isIpv6() == family.equals("ipv6")) c.append("  route ").append(r.prefix()).append(" blackhole;\n");
            }
            c.append("}\n");
        }
        c.append("filter export_orig {\n");
        for (RouteSpec r : routes) {
            c.append("  if net = ").append(r.prefix()).append(" then {\n");
            if (r.med() != null) c.append("    bgp_med = ").append(r.med()).append(";\n");
            for (String comm : r.communities()) c.append("    bgp_community.add((").append(comm.replace(':', ',')).append("));\n");
            for (String lc : r.largeCommunities()) c.append("    bgp_large_community.add((").append(lc.replace(':', ',')).append("));\n");
            for (Long as : r.prepend().reversed()) c.append("    bgp_path.prepend(").append(as).append(");\n");
            if (r.nextHop() != null) c.append("    bgp_next_hop = ").append(r.nextHop()).append(";\n");
            c.append("  }\n");
        }
        c.append("  accept;\n}\n");
        for (int i = 0; i < spec.neighbors().size(); i++) {
            NeighborSpec n = spec.neighbors().get(i);
            String local = n.localAddress() != null ? n.localAddress() : spec.listenAddress();
            c.append("protocol bgp ").append(protocolName(i)).append(" {\n");
            c.append("  local ").append(local != null ? local + " " : "").append("port ").append(spec.listenPort())
                    .append(" as ").append(spec.localAs()).append(";\n");
            c.append("  neighbor ").append(n.address()).append(" port ").append(n.port()).append(" as ").append(n.remoteAs()).append(";\n");
            if (local != null) c.append("  strict bind yes;\n");
            c.append("  hold time ").append(n.holdTime()).append("; keepalive time ").append(n.keepalive())
                    .append("; connect retry time 1; connect delay time 1; error wait time 1, 10;\n");
            if (n.passive()) c.append("  passive on;\n");
            if (n.password() != null) c.append("  password \"").append(n.password()).append("\";\n");
            if (n.multihopTtl() > 0) c.append("  multihop ").append(n.multihopTtl()).append(";\n");
            if (n.gracefulRestart()) c.append("  graceful restart on; graceful restart time ").append(n.restartTime()).append(";\n");
            if (!n.fourOctetAs()) c.append("  enable as4 no;\n");
            for (String family : n.effectiveFamilies()) {
                c.append("  ").append(family).append(" { import all; export filter export_orig; };\n");
            }
            c.append("}\n");
        }
        return c.toString();
    }
}
