package io.bgplet.api;

import apipb.Gobgp;
import io.bgplet.rib.AdjRibIn;
import io.bgplet.speaker.GlobalPolicy;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.SpeakerView;
import io.bgplet.wire.Family;
import io.bgplet.wire.IpText;
import io.bgplet.wire.Prefix;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The small read-mostly RPCs: GetBgp, ListPeer, GetTable, ListPolicyAssignment, SetLogLevel.
 * Query functions here run on the speaker's writer thread and copy out immutable messages.
 */
final class ApiControl {
    /** Held strongly: java.util.logging forgets levels of loggers nobody references. */
    private static final Logger BGPLET = Logger.getLogger("io.bgplet");

    /** GoBGP's name for the global RIB's policy assignment. */
    static final String GLOBAL = "global";

    private ApiControl() {}

    /**
     * listen_port -1 when not listening, as Cilium's embedded GoBGP reports it; the addresses
     * are the configured one, else gobgpd's defaults (0.0.0.0 and ::), which gobgpd reports
     * even with port -1.
     */
    static Gobgp.GetBgpResponse global(InstanceConfig c) {
        Gobgp.Global.Builder g = Gobgp.Global.newBuilder().setAsn((int) c.localAs()).setRouterId(IpText.format(c.routerId()))
                .setListenPort(c.listenPort() > 0 ? c.listenPort() : -1);
        if (c.listenAddress() != null) g.addListenAddresses(IpText.format(c.listenAddress()));
        else g.addListenAddresses("0.0.0.0").addListenAddresses("::");
        return Gobgp.GetBgpResponse.newBuilder().setGlobal(g).build();
    }

    static NeighborConfig findNeighbor(InstanceConfig c, String address) {
        for (NeighborConfig n : c.neighbors()) {
            if (IpText.format(n.address()).equals(address) || n.address().getHostAddress().equals(address)) return n;
        }
        return null;
    }

    /** An unknown address gives an empty list, not an error (the CLI then says "not found neighbor"). */
    static List<Gobgp.Peer> peers(InstanceConfig c, List<NeighborStatus> neighbors, String address, boolean advertised) {
        List<Gobgp.Peer> out = new ArrayList<>();
        NeighborConfig only = address.isEmpty() ? null : findNeighbor(c, address);
        if (!address.isEmpty() && only == null) return out;
        for (NeighborStatus s : neighbors) {
            if (only != null && !s.config().address().equals(only.address())) continue;
            out.add(ApiPeers.peer(c, s, advertised));
        }
        return out;
    }

    static Gobgp.GetTableResponse table(SpeakerView v, Gobgp.TableType type, InetAddress neighbor, Family f) {
        return switch (type) {
            case GLOBAL -> {
                List<Prefix> prefixes = v.locRib().prefixes(f);
                long paths = 0;
                for (Prefix p : prefixes) paths += v.locRib().candidates(p).size();
                yield Gobgp.GetTableResponse.newBuilder().setNumDestination(prefixes.size()).setNumPath(paths).build();
            }
            case ADJ_IN -> {
                AdjRibIn in = v.adjRibIn(neighbor).orElseThrow(() -> notFound(neighbor));
                int n = in.size(f);
                NeighborStatus.RouteCounts counts = v.neighbors().stream().filter(s -> s.config().address().equals(neighbor))
                        .findFirst().map(s -> s.families().get(f)).orElse(null);
                yield Gobgp.GetTableResponse.newBuilder().setNumDestination(n).setNumPath(n)
                        .setNumAccepted(counts == null ? 0 : counts.accepted()).build();
            }
            case ADJ_OUT -> {
                int n = v.adjRibOut(neighbor, f).orElseThrow(() -> notFound(neighbor)).size(f);
                yield Gobgp.GetTableResponse.newBuilder().setNumDestination(n).setNumPath(n).build();
            }
            default -> throw new StatusRuntimeException(Status.UNIMPLEMENTED.withDescription("bgplet does not implement GetTable for table " + type));
        };
    }

    private static StatusRuntimeException notFound(InetAddress a) {
        return new StatusRuntimeException(Status.NOT_FOUND.withDescription("neighbor " + IpText.format(a) + " not found"));
    }

    /**
     * Per neighbour: import's default action is its import policy (Cilium's default rejects
     * learned routes); export rejects everything but what CiliumBGPAdvertisements select.
     */
    static List<Gobgp.PolicyAssignment> assignments(InstanceConfig c, GlobalPolicy global, String name, Gobgp.PolicyDirection direction) {
        List<Gobgp.PolicyAssignment> out = new ArrayList<>();
        if (name.isEmpty() || name.equals(GLOBAL)) {
            // The run-time gate (GlobalPolicy): ACCEPT = the configured policies decide, REJECT = nothing passes.
            if (direction != Gobgp.PolicyDirection.EXPORT) {
                out.add(Gobgp.PolicyAssignment.newBuilder().setName(GLOBAL).setDirection(Gobgp.PolicyDirection.IMPORT)
                        .setDefaultAction(global.rejectImport() ? Gobgp.RouteAction.REJECT : Gobgp.RouteAction.ACCEPT).build());
            }
            if (direction != Gobgp.PolicyDirection.IMPORT) {
                out.add(Gobgp.PolicyAssignment.newBuilder().setName(GLOBAL).setDirection(Gobgp.PolicyDirection.EXPORT)
                        .setDefaultAction(global.rejectExport() ? Gobgp.RouteAction.REJECT : Gobgp.RouteAction.ACCEPT).build());
            }
            if (name.equals(GLOBAL)) return out;
        }
        for (NeighborConfig n : c.neighbors()) {
            String address = IpText.format(n.address());
            if (!name.isEmpty() && !name.equals(address)) continue;
            if (direction != Gobgp.PolicyDirection.EXPORT) {
                out.add(Gobgp.PolicyAssignment.newBuilder().setName(address).setDirection(Gobgp.PolicyDirection.IMPORT)
                        .setDefaultAction(n.importPolicy() == NeighborConfig.ImportPolicy.ACCEPT ? Gobgp.RouteAction.ACCEPT : Gobgp.RouteAction.REJECT)
                        .build());
            }
            if (direction != Gobgp.PolicyDirection.IMPORT) {
                Gobgp.PolicyAssignment.Builder b = Gobgp.PolicyAssignment.newBuilder().setName(address)
                        .setDirection(Gobgp.PolicyDirection.EXPORT).setDefaultAction(Gobgp.RouteAction.REJECT);
                if (!n.advertisements().isEmpty()) b.addPolicies(Gobgp.Policy.newBuilder().setName("cilium-advertisements-" + n.name()));
                if (n.exportLearned()) b.addPolicies(Gobgp.Policy.newBuilder().setName("export-learned-" + n.name()));
                out.add(b.build());
            }
        }
        return out;
    }

    /**
     * SetPolicyAssignment: only the global assignment's default action, with no named
     * policies (bgplet has none; per-neighbour policy comes from the resources).
     */
    static GlobalPolicy withDefault(GlobalPolicy current, Gobgp.PolicyAssignment a) {
        if (!a.getName().isEmpty() && !a.getName().equals(GLOBAL)) {
            throw new StatusRuntimeException(Status.FAILED_PRECONDITION.withDescription("neighbor " + a.getName()
                    + ": per-neighbour policies come from CiliumBGPPeerConfig and CiliumBGPAdvertisement resources; "
                    + "only the global default action can be set"));
        }
        if (a.getPoliciesCount() > 0) {
            throw new IllegalArgumentException("assignment.policies: bgplet has no named policies; set only the default action");
        }
        boolean reject = switch (a.getDefaultAction()) {
            case ACCEPT -> false;
            case REJECT -> true;
            case NONE, UNRECOGNIZED -> throw new IllegalArgumentException("assignment.default_action must be ACCEPT or REJECT");
        };
        return switch (a.getDirection()) {
            case IMPORT -> new GlobalPolicy(reject, current.rejectExport());
            case EXPORT -> new GlobalPolicy(current.rejectImport(), reject);
            case UNKNOWN, UNRECOGNIZED -> throw new IllegalArgumentException("assignment.direction must be IMPORT or EXPORT");
        };
    }

    static void setLogLevel(Gobgp.SetLogLevelRequest.Level level) {
        BGPLET.setLevel(switch (level) {
            case PANIC, FATAL, ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
            case UNRECOGNIZED -> throw new IllegalArgumentException("level: unknown value");
        });
    }
}
