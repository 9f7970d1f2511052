package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPClusterConfig;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.model.Node;
import io.bgplet.config.model.Secret;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.wire.Family;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds one {@link NeighborConfig} from a NodeConfig peer the way the Cilium agent's
 * neighbor reconciler does, or reports why the peer is left unconfigured.
 */
final class Neighbors {
    static final String MISSING_PEER_CONFIGS = "cilium.io/MissingPeerConfigs";
    static final String MISSING_AUTH_SECRET = "cilium.io/MissingAuthSecret";
    static final String PASSWORD_KEY = "password";

    private final Inputs inputs;
    private final Node node;
    private final String clusterConfig;
    private final Consumer<Problem> problems;
    private final Advertising advertising;

    Neighbors(Inputs inputs, Node node, String clusterConfig, Consumer<Problem> problems) {
        this.inputs = inputs;
        this.node = node;
        this.clusterConfig = clusterConfig;
        this.problems = problems;
        this.advertising = new Advertising(inputs, node, problems);
    }

    /** The neighbour, or null when it cannot be configured (the problem is reported). */
    NeighborConfig build(String instance, CiliumBGPNodeConfig.Peer peer) {
        String where = "spec.bgpInstances[" + instance + "].peers[" + peer.name() + "]";
        InetAddress address = peerAddress(peer, where);
        if (address == null) return null;
        long peerAs = peer.peerASN() == null ? 0 : peer.peerASN();

        CiliumBGPPeerConfig pc = null;
        if (peer.peerConfigRef() != null) {
            String ref = peer.peerConfigRef().name();
            pc = inputs.peerConfigs().stream().filter(p -> p.name().equals(ref)).findFirst().orElse(null);
            if (pc == null && invalid("CiliumBGPPeerConfig", ref)) {
                problems.accept(Problem.error("CiliumBGPClusterConfig", clusterConfig, where + ".peerConfigRef",
                        "CiliumBGPPeerConfig " + ref + " is invalid and left out; peer not configured"));
                return null;
            }
            if (pc == null) {
                problems.accept(Problem.error("CiliumBGPClusterConfig", clusterConfig, where + ".peerConfigRef",
                        "Referenced CiliumBGPPeerConfig(s) are missing: [" + ref + "]; peer not configured").withCondition(MISSING_PEER_CONFIGS));
                return null;
            }
        }
        if (pc == null) {
            // No peerConfigRef: Cilium's SetDefaults, and nothing is advertised.
            NeighborConfig d = NeighborConfig.defaults(peer.name(), address, peerAs);
            return new NeighborConfig(d.name(), d.address(), d.port(), d.peerAs(), localAddress(peer, null, address, where).address(), d.timers(),
                    d.ebgpMultihop(), d.gracefulRestart(), d.families(), null, 0, false, NeighborConfig.ImportPolicy.REJECT, false,
                    d.advertisements(), null);
        }
        CiliumBGPPeerConfig.Spec spec = pc.spec();
        String password = null;
        if (spec.authSecretRef() != null) {
            password = password(pc);
            if (password == null) return null;
        }
        Source source = localAddress(peer, spec.transport(), address, where);
        if (!source.usable()) return null;
        InetAddress local = source.address();

        Set<Family> families = new LinkedHashSet<>();
        for (CiliumBGPPeerConfig.Family f : PeerFamilies.of(spec)) {
            Family family = PeerFamilies.toFamily(f);
            if (family == null) {
                problems.accept(Problem.warning(pc.kind(), pc.name(), "spec.families", f.afi() + "/" + f.safi() + " is not supported; ignored"));
            } else {
                families.add(family);
            }
        }
        if (families.isEmpty()) {
            problems.accept(Problem.error(pc.kind(), pc.name(), "spec.families", "no supported family (ipv4/unicast, ipv6/unicast); peer "
                    + peer.name() + " not configured"));
            return null;
        }
        CiliumBGPPeerConfig.Timers t = spec.timers();
        NeighborConfig.Timers timers = t == null ? NeighborConfig.Timers.DEFAULT
                : new NeighborConfig.Timers(t.connectRetryTimeSeconds(), t.holdTimeSeconds(), t.keepAliveTimeSeconds());
        CiliumBGPPeerConfig.GracefulRestart gr = spec.gracefulRestart();
        NeighborConfig.GracefulRestartConfig graceful = gr == null ? NeighborConfig.GracefulRestartConfig.DISABLED
                : new NeighborConfig.GracefulRestartConfig(gr.enabled(), gr.restartTimeSeconds());
        int port = spec.transport() == null || spec.transport().peerPort() == null ? CiliumBGPPeerConfig.DEFAULT_PEER_PORT
                : spec.transport().peerPort();
        int multihop = spec.ebgpMultihop() == null ? CiliumBGPPeerConfig.DEFAULT_EBGP_MULTIHOP : spec.ebgpMultihop();
        PeerAnnotations ann = PeerAnnotations.parse(pc.metadata().annotations()).value();
        if (ann == null) ann = PeerAnnotations.NONE; // validated when read; an unvalidated caller gets Cilium's behaviour
        NeighborConfig.ImportPolicy importPolicy = ann.installRoutes() != null ? NeighborConfig.ImportPolicy.ACCEPT
                : NeighborConfig.ImportPolicy.REJECT;
        return new NeighborConfig(peer.name(), address, port, peerAs, local, timers, multihop, graceful, families, password,
                ann.allowOwnAs(), false, importPolicy, false, advertising.forFamilies(PeerFamilies.of(spec)), ann.installRoutes());
    }

    /** Whether the object was read but left out as invalid. */
    private boolean invalid(String kind, String name) {
        return inputs.problems().stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR && p.kind().equals(kind) && p.name().equals(name));
    }

    private InetAddress peerAddress(CiliumBGPNodeConfig.Peer peer, String where) {
        if (peer.peerAddress() != null) {
            if (peer.peerAddress().contains("%")) {
                problems.accept(Problem.error("CiliumBGPClusterConfig", clusterConfig, where + ".peerAddress",
                        "link-local peering with a zone is not supported; peer not configured"));
                return null;
            }
            return Addresses.parse(peer.peerAddress());
        }
        CiliumBGPClusterConfig.AutoDiscovery auto = peer.autoDiscovery();
        if (auto == null || auto.defaultGateway() == null) {
            problems.accept(Problem.error("CiliumBGPClusterConfig", clusterConfig, where,
                    "one of peerAddress or autoDiscovery.defaultGateway must be set; peer not configured"));
            return null;
        }
        Family family = auto.defaultGateway().addressFamily().equals("ipv4") ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
        InetAddress gw = inputs.host().defaultGateways().get(family);
        if (gw == null || gw.isLinkLocalAddress()) {
            problems.accept(Problem.error("CiliumBGPClusterConfig", clusterConfig, where + ".autoDiscovery",
                    (gw == null ? "no " : "link-local (unsupported) ") + auto.defaultGateway().addressFamily()
                            + " default gateway on node " + node.name() + "; peer not configured"));
            return null;
        }
        return gw;
    }

    /** The source address to bind (null: the kernel chooses), or unusable when sourceInterface cannot give one. */
    private record Source(InetAddress address, boolean usable) {
        static final Source KERNEL = new Source(null, true);
        static final Source NONE = new Source(null, false);
    }

    /** Override localAddress first, then transport.sourceInterface, else null (the kernel's route lookup). */
    private Source localAddress(CiliumBGPNodeConfig.Peer peer, CiliumBGPPeerConfig.Transport transport, InetAddress remote, String where) {
        if (peer.localAddress() != null) return new Source(Addresses.parse(peer.localAddress()), true);
        if (transport == null || transport.sourceInterface() == null) return Source.KERNEL;
        String name = transport.sourceInterface();
        HostNetwork.Interface iface = inputs.host().interfaces().get(name);
        Family family = remote instanceof Inet4Address ? Family.IPV4_UNICAST : Family.IPV6_UNICAST;
        List<InetAddress> usable = iface == null ? List.of() : iface.usable(family);
        if (usable.size() != 1) {
            problems.accept(Problem.warning("CiliumBGPClusterConfig", clusterConfig, where,
                    "sourceInterface " + name + " has " + (iface == null ? "no interface" : usable.size() + " usable " + family + " addresses")
                            + " on node " + node.name() + " (needs exactly one); peer not configured"));
            return Source.NONE;
        }
        return new Source(usable.getFirst(), true);
    }

    /** The TCP-MD5 password, or null (reported) when the Secret or its key is missing. */
    private String password(CiliumBGPPeerConfig pc) {
        String ns = inputs.secretsNamespace();
        String name = pc.spec().authSecretRef();
        Secret secret = inputs.secrets().stream()
                .filter(s -> s.metadata().name().equals(name) && ns.equals(s.metadata().namespace())).findFirst().orElse(null);
        if (secret == null) {
            // Cilium would dial with an empty password; bgplet leaves the peer out instead.
            problems.accept(Problem.error(pc.kind(), pc.name(), "spec.authSecretRef",
                    "Referenced Auth Secret \"" + ns + "/" + name + "\" is missing; peers using it are not configured").withCondition(MISSING_AUTH_SECRET));
            return null;
        }
        try {
            String password = secret.decoded(PASSWORD_KEY);
            if (password == null) {
                problems.accept(Problem.error(pc.kind(), pc.name(), "spec.authSecretRef",
                        "Secret \"" + ns + "/" + name + "\" has no key \"password\"; peers using it are not configured"));
            }
            return password;
        } catch (IllegalArgumentException e) {
            problems.accept(Problem.error("Secret", ns + "/" + name, "data.password", "not base64; peers using it are not configured"));
            return null;
        }
    }
}
