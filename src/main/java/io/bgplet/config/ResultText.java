package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.wire.Family;
import io.bgplet.wire.IpText;

import java.net.InetAddress;
import java.util.Comparator;
import java.util.Map;

/**
 * A stable YAML rendering of a {@link Result} for golden tests and debugging. Passwords are
 * never printed, only whether one is set. Communities print as {@code a:b} (well-known ones
 * by name), large communities as {@code a:b:c}.
 */
public final class ResultText {
    private ResultText() {}

    public static String render(Result r) {
        StringBuilder b = new StringBuilder();
        b.append("node: ").append(r.node()).append('\n');
        b.append("clusterConfig: ").append(r.clusterConfig() == null ? "none" : r.clusterConfig()).append('\n');
        if (r.nodeConfig() != null) nodeConfig(b, r.nodeConfig());
        b.append("instances:").append(r.instances().isEmpty() ? " []\n" : "\n");
        for (InstanceConfig i : r.instances()) instance(b, i);
        b.append("problems:").append(r.problems().isEmpty() ? " []\n" : "\n");
        for (Problem p : r.problems()) {
            b.append("- ").append(quote(p.severity() + " " + p + (p.condition() == null ? "" : " [" + p.condition() + "]"))).append('\n');
        }
        return b.toString();
    }

    private static void nodeConfig(StringBuilder b, CiliumBGPNodeConfig nc) {
        b.append("nodeConfig:\n  name: ").append(nc.name()).append('\n');
        nc.metadata().ownerReferences().forEach(o -> b.append("  owner: ").append(o.kind()).append('/').append(o.name()).append('\n'));
        b.append("  bgpInstances:\n");
        for (CiliumBGPNodeConfig.Instance i : nc.spec().bgpInstances()) {
            b.append("  - name: ").append(i.name()).append('\n');
            field(b, "    ", "localASN", i.localASN());
            field(b, "    ", "routerID", i.routerID());
            field(b, "    ", "localPort", i.localPort());
            b.append("    peers:").append(i.peers().isEmpty() ? " []\n" : "\n");
            for (CiliumBGPNodeConfig.Peer p : i.peers()) {
                b.append("    - name: ").append(p.name()).append('\n');
                field(b, "      ", "peerAddress", p.peerAddress());
                field(b, "      ", "peerASN", p.peerASN());
                if (p.autoDiscovery() != null) {
                    field(b, "      ", "autoDiscovery", p.autoDiscovery().mode() + (p.autoDiscovery().defaultGateway() == null ? ""
                            : " " + p.autoDiscovery().defaultGateway().addressFamily()));
                }
                field(b, "      ", "localAddress", p.localAddress());
                field(b, "      ", "peerConfigRef", p.peerConfigRef() == null ? null : p.peerConfigRef().name());
            }
        }
    }

    private static void instance(StringBuilder b, InstanceConfig i) {
        b.append("- name: ").append(i.name()).append('\n');
        b.append("  localAs: ").append(i.localAs()).append('\n');
        b.append("  routerId: ").append(i.routerId().getHostAddress()).append('\n');
        b.append("  listen: ").append(i.listenPort() == 0 ? "none" : (i.listenAddress() == null ? "*" : addr(i.listenAddress())) + ":" + i.listenPort())
                .append('\n');
        b.append("  neighbors:").append(i.neighbors().isEmpty() ? " []\n" : "\n");
        for (NeighborConfig n : i.neighbors()) neighbor(b, n);
    }

    private static void neighbor(StringBuilder b, NeighborConfig n) {
        b.append("  - name: ").append(n.name()).append('\n');
        b.append("    address: ").append(addr(n.address())).append('\n');
        b.append("    port: ").append(n.port()).append('\n');
        b.append("    peerAs: ").append(n.peerAs()).append('\n');
        b.append("    localAddress: ").append(n.localAddress() == null ? "auto" : addr(n.localAddress())).append('\n');
        b.append("    timers: {connectRetry: ").append(n.timers().connectRetry()).append(", hold: ").append(n.timers().holdTime())
                .append(", keepalive: ").append(n.timers().keepalive()).append("}\n");
        b.append("    ebgpMultihop: ").append(n.ebgpMultihop()).append('\n');
        b.append("    gracefulRestart: {enabled: ").append(n.gracefulRestart().enabled()).append(", restartTime: ")
                .append(n.gracefulRestart().restartTime()).append("}\n");
        b.append("    families: [").append(String.join(", ", n.families().stream().map(Family::toString).sorted().toList())).append("]\n");
        b.append("    md5Password: ").append(n.md5Password() == null ? "none" : "set").append('\n');
        b.append("    allowOwnAs: ").append(n.allowOwnAs()).append('\n');
        b.append("    importPolicy: ").append(n.importPolicy()).append('\n');
        NeighborConfig.RouteInstall ri = n.installRoutes();
        b.append("    installRoutes: ").append(ri == null ? "none" : "{table: " + ri.table() + ", metric: " + ri.metric() + ", prefixes: "
                + ri.filters() + "}").append('\n');
        b.append("    advertisements:").append(n.advertisements().isEmpty() ? " {}\n" : "\n");
        n.advertisements().entrySet().stream().sorted(Map.Entry.comparingByKey(Comparator.comparing(Family::toString))).forEach(e -> {
            b.append("      ").append(e.getKey()).append(":\n");
            for (NeighborConfig.Advertisement a : e.getValue()) b.append("      - ").append(advertisement(a)).append('\n');
        });
    }

    static String advertisement(NeighborConfig.Advertisement a) {
        StringBuilder s = new StringBuilder(a.prefix().toString());
        int[] c = a.communities();
        int[] l = a.largeCommunities();
        if (c.length == 0 && l.length == 0 && a.localPreference() == null) return s.toString();
        s.append(" {");
        String sep = "";
        if (c.length > 0) {
            s.append("communities: [");
            for (int i = 0; i < c.length; i++) s.append(i == 0 ? "" : ", ").append(community(c[i]));
            s.append(']');
            sep = ", ";
        }
        if (l.length > 0) {
            s.append(sep).append("large: [");
            for (int i = 0; i < l.length; i += 3) {
                s.append(i == 0 ? "" : ", ").append(Integer.toUnsignedString(l[i])).append(':').append(Integer.toUnsignedString(l[i + 1]))
                        .append(':').append(Integer.toUnsignedString(l[i + 2]));
            }
            s.append(']');
            sep = ", ";
        }
        if (a.localPreference() != null) s.append(sep).append("localPreference: ").append(a.localPreference());
        return s.append('}').toString();
    }

    private static String community(int v) {
        long u = v & 0xFFFFFFFFL;
        for (Map.Entry<String, Long> e : AdvertisementAttributes.WELL_KNOWN.entrySet()) if (e.getValue() == u) return e.getKey();
        return (u >>> 16) + ":" + (u & 0xFFFF);
    }

    private static void field(StringBuilder b, String indent, String name, Object value) {
        if (value != null) b.append(indent).append(name).append(": ").append(value).append('\n');
    }

    private static String addr(InetAddress a) {
        return IpText.format(a);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

}
