package io.bgplet.interop.support;

/** Renders a {@link PeerSpec} as a gobgpd 3.x TOML config (routes are added over the API after start). */
final class GobgpConfig {
    private GobgpConfig() {
    }

    static String render(PeerSpec spec) {
        StringBuilder c = new StringBuilder();
        c.append("[global.config]\n");
        c.append("  as = ").append(spec.localAs()).append('\n');
        c.append("  router-id = \"").append(spec.routerId()).append("\"\n");
        // -1 disables the listener (Cilium's setting); GoBGP has no "0 = off".
        c.append("  port = ").append(spec.listenPort() == 0 ? -1 : spec.listenPort()).append('\n');
        if (spec.listenAddress() != null) c.append("  local-address-list = [\"").append(spec.listenAddress()).append("\"]\n");
        for (NeighborSpec n : spec.neighbors()) {
            if (!n.fourOctetAs()) {
                throw new UnsupportedOperationException("GoBGP 3.10 cannot turn off the 4-octet AS capability; use BIRD or ExaBGP");
            }
            c.append("\n[[neighbors]]\n  [neighbors.config]\n");
            c.append("    neighbor-address = \"").append(n.address()).append("\"\n");
            c.append("    peer-as = ").append(n.remoteAs()).append('\n');
            if (n.password() != null) c.append("    auth-password = \"").append(n.password()).append("\"\n");
            c.append("  [neighbors.transport.config]\n");
            c.append("    passive-mode = ").append(n.passive()).append('\n');
            if (n.localAddress() != null) c.append("    local-address = \"").append(n.localAddress()).append("\"\n");
            if (n.port() != 179) c.append("    remote-port = ").append(n.port()).append('\n');
            c.append("  [neighbors.timers.config]\n");
            c.append("    connect-retry = 1\n    hold-time = ").append(n.holdTime())
                    .append("\n    keepalive-interval = ").append(n.keepalive()).append('\n');
            if (n.multihopTtl() > 0) {
                c.append("  [neighbors.ebgp-multihop.config]\n    enabled = true\n    multihop-ttl = ").append(n.multihopTtl()).append('\n');
            }
            if (n.gracefulRestart()) {
                c.append("  [neighbors.graceful-restart.config]\n    enabled = true\n    restart-time = ").append(n.restartTime()).append('\n');
            }
            for (String family : n.effectiveFamilies()) {
                c.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"")
                        .append(family).append("-unicast\"\n");
                if (n.gracefulRestart()) c.append("    [neighbors.afi-safis.mp-graceful-restart.config]\n      enabled = true\n");
            }
        }
        return c.toString();
    }
}
