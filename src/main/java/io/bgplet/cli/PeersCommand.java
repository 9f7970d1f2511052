package io.bgplet.cli;

import apipb.Gobgp;
import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code bgplet peers}: the table of {@code cilium bgp peers} for this node. */
@Command(name = "peers", aliases = "neighbors", description = "List BGP peers and their sessions, like 'cilium bgp peers'.")
final class PeersCommand implements Callable<Integer> {
    @ParentCommand BgpletCli root;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
        try (Connection c = root.connect()) {
            Gobgp.Global global;
            List<Gobgp.Peer> peers = new ArrayList<>();
            try {
                global = c.blocking().getBgp(Gobgp.GetBgpRequest.getDefaultInstance()).getGlobal();
                c.blocking().listPeer(Gobgp.ListPeerRequest.newBuilder().setEnableAdvertised(true).build())
                        .forEachRemaining(r -> peers.add(r.getPeer()));
            } catch (StatusRuntimeException e) {
                throw c.failure(e);
            }
            String node = root.nodeName(global.getRouterId());
            List<Row> rows = peers.stream().map(p -> Row.of(p, global.getAsn(), Instant.now()))
                    .sorted(Comparator.comparingLong(Row::localAsn).thenComparing(Row::address)).toList();
            spec.commandLine().getOut().print(root.output == BgpletCli.Format.table
                    ? table(node, rows) : Output.render(Map.of(node, rows.stream().map(Row::json).toList()), root.output));
        }
        return 0;
    }

    static String table(String node, List<Row> rows) {
        TabWriter w = new TabWriter();
        w.println("Node\tLocal AS\tPeer AS\tPeer Address\tSession State\tUptime\tFamily\tReceived\tAdvertised");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            // cilium prints the node name on its first row only
            w.print((i == 0 ? node : "") + "\t" + r.localAsn + "\t" + r.peerAsn + "\t" + r.address + "\t" + r.state + "\t"
                    + GoDuration.rounded(r.uptime) + "\t");
            if (r.families.isEmpty()) w.print("\n");
            for (int j = 0; j < r.families.size(); j++) {
                Gobgp.AfiSafiState f = r.families.get(j);
                if (j > 0) w.print("\t".repeat(6));
                w.print(PathText.afi(f.getFamily()) + "/" + PathText.safi(f.getFamily()) + "\t" + f.getReceived() + "\t"
                        + f.getAdvertised() + "\t\n");
            }
        }
        return w.flush();
    }

    /** One peer as cilium's BgpPeer model shows it. */
    record Row(long localAsn, long peerAsn, String address, int port, String state, Duration uptime,
               List<Gobgp.AfiSafiState> families, Gobgp.Peer peer) {
        static Row of(Gobgp.Peer p, int globalAsn, Instant now) {
            Gobgp.PeerState s = p.getState();
            long local = Integer.toUnsignedLong(s.getLocalAsn() != 0 ? s.getLocalAsn()
                    : p.getConf().getLocalAsn() != 0 ? p.getConf().getLocalAsn() : globalAsn);
            long remote = Integer.toUnsignedLong(s.getPeerAsn() != 0 ? s.getPeerAsn() : p.getConf().getPeerAsn());
            String address = !s.getNeighborAddress().isEmpty() ? s.getNeighborAddress() : p.getConf().getNeighborAddress();
            boolean up = s.getSessionState() == Gobgp.PeerState.SessionState.ESTABLISHED;
            Timestamp since = p.getTimers().getState().getUptime();
            Duration uptime = up && since.getSeconds() > 0
                    ? Duration.between(Instant.ofEpochSecond(since.getSeconds(), since.getNanos()), now) : Duration.ZERO;
            String state = switch (s.getSessionState()) {
                case UNKNOWN, UNRECOGNIZED -> "unknown";
                default -> s.getSessionState().name().toLowerCase();
            };
            List<Gobgp.AfiSafiState> families = p.getAfiSafisList().stream().map(Gobgp.AfiSafi::getState).toList();
            return new Row(local, remote, address, p.getTransport().getRemotePort(), state, uptime, families, p);
        }

        static Map<String, Object> familyJson(Gobgp.AfiSafiState f) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("afi", PathText.afi(f.getFamily()));
            m.put("safi", PathText.safi(f.getFamily()));
            m.put("received", f.getReceived());
            m.put("accepted", f.getAccepted());
            m.put("advertised", f.getAdvertised());
            return m;
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("local-asn", localAsn);
            m.put("peer-asn", peerAsn);
            m.put("peer-address", address);
            m.put("peer-port", port == 0 ? 179 : port);
            m.put("session-state", state);
            m.put("uptime-nanoseconds", uptime.toNanos());
            m.put("families", families.stream().map(Row::familyJson).toList());
            Gobgp.Timers t = peer.getTimers();
            m.put("applied-hold-time-seconds", t.getState().getNegotiatedHoldTime());
            m.put("configured-hold-time-seconds", t.getConfig().getHoldTime());
            m.put("applied-keep-alive-time-seconds", t.getState().getKeepaliveInterval());
            m.put("configured-keep-alive-time-seconds", t.getConfig().getKeepaliveInterval());
            m.put("connect-retry-time-seconds", t.getConfig().getConnectRetry());
            if (peer.getEbgpMultihop().getEnabled()) m.put("ebgp-multihop-ttl", peer.getEbgpMultihop().getMultihopTtl());
            if (peer.hasGracefulRestart()) {
                Map<String, Object> gr = new LinkedHashMap<>();
                gr.put("enabled", peer.getGracefulRestart().getEnabled());
                gr.put("restart-time-seconds", peer.getGracefulRestart().getRestartTime());
                m.put("graceful-restart", gr);
            }
            m.put("local-capabilities", peer.getState().getLocalCapList().stream().map(Output::any).toList());
            m.put("remote-capabilities", peer.getState().getRemoteCapList().stream().map(Output::any).toList());
            m.put("tcp-password-enabled", !peer.getConf().getAuthPassword().isEmpty());
            return m;
        }
    }
}
