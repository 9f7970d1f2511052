package io.bgplet.interop.support;

import java.util.ArrayList;
import java.util.List;

/** Renders a {@link PeerSpec} as an ExaBGP 4.2 config and its route/command syntax. */
final class ExabgpConfig {
    private ExabgpConfig() {
    }

    static String render(PeerSpec spec, String apiCommand) {
        StringBuilder c = new StringBuilder();
        c.append("process api {\n  run ").append(apiCommand).append(";\n  encoder json;\n}\n");
        for (NeighborSpec n : spec.neighbors()) {
            String local = n.localAddress() != null ? n.localAddress() : spec.listenAddress();
            if (local == null) throw new IllegalArgumentException("ExaBGP needs a local address: set NeighborSpec.localAddress or PeerSpec.listen");
            c.append("neighbor ").append(n.address()).append(" {\n");
            c.append("  router-id ").append(spec.routerId()).append(";\n");
            c.append("  local-address ").append(local).append(";\n");
            c.append("  local-as ").append(spec.localAs()).append(";\n");
            c.append("  peer-as ").append(n.remoteAs()).append(";\n");
            c.append("  hold-time ").append(n.holdTime()).append(";\n");
            if (n.port() != 179) c.append("  connect ").append(n.port()).append(";\n");
            if (n.passive()) c.append("  passive true;\n");
            if (n.password() != null) c.append("  md5-password \"").append(n.password()).append("\";\n");
            if (n.multihopTtl() > 0) c.append("  outgoing-ttl ").append(n.multihopTtl()).append(";\n");
            c.append("  capability {\n    route-refresh;\n    asn4 ").append(n.fourOctetAs() ? "enable" : "disable").append(";\n");
            if (n.gracefulRestart()) c.append("    graceful-restart ").append(n.restartTime()).append(";\n");
            c.append("  }\n  family {\n");
            for (String f : n.effectiveFamilies()) c.append("    ").append(f).append(" unicast;\n");
            c.append("  }\n  api {\n    processes [ api ];\n    neighbor-changes;\n");
            c.append("    receive { parsed; update; notification; open; refresh; }\n  }\n");
            List<RouteSpec> routes = spec.routes();
            if (!routes.isEmpty()) {
                c.append("  static {\n");
                for (RouteSpec r : routes) c.append("    ").append(route(r, spec.localAs(), List.of())).append(";\n");
                c.append("  }\n");
            }
            c.append("}\n");
        }
        return c.toString();
    }

    /**
     * "route P next-hop NH med M community [..] large-community [..] as-path [..] attribute [..]".
     * ExaBGP sends a configured as-path as is, so a prepend spells out the local AS first.
     */
    static String route(RouteSpec r, long localAs, List<String> rawAttributes) {
        StringBuilder c = new StringBuilder("route ").append(r.prefix());
        c.append(" next-hop ").append(r.nextHop() != null ? r.nextHop() : "self");
        if (r.med() != null) c.append(" med ").append(r.med());
        if (!r.communities().isEmpty()) c.append(" community [ ").append(String.join(" ", r.communities())).append(" ]");
        if (!r.largeCommunities().isEmpty()) c.append(" large-community [ ").append(String.join(" ", r.largeCommunities())).append(" ]");
        if (!r.prepend().isEmpty()) {
            List<String> path = new ArrayList<>(List.of(Long.toString(localAs)));
            r.prepend().forEach(as -> path.add(as.toString()));
            c.append(" as-path [ ").append(String.join(" ", path)).append(" ]");
        }
        for (String a : rawAttributes) c.append(" attribute [ ").append(a).append(" ]");
        return c.toString();
    }
}
