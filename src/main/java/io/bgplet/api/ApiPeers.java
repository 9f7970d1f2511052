package io.bgplet.api;

import apipb.Capability;
import apipb.Gobgp;
import com.google.protobuf.Any;
import io.bgplet.session.Negotiated;
import io.bgplet.session.State;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.wire.Family;
import io.bgplet.wire.IpText;

import java.util.ArrayList;
import java.util.List;

/**
 * A neighbour as GoBGP's {@code apipb.Peer}. Every message the 3.10 CLI dereferences is set
 * (conf, state, messages, queues, timers, route_reflector, route_server, afi_safis[].state),
 * otherwise {@code gobgp neighbor} panics. The MD5 password is never copied out.
 */
final class ApiPeers {
    private ApiPeers() {}

    static Gobgp.PeerState.SessionState sessionState(State s) {
        return switch (s) {
            case IDLE -> Gobgp.PeerState.SessionState.IDLE;
            case CONNECT -> Gobgp.PeerState.SessionState.CONNECT;
            case ACTIVE -> Gobgp.PeerState.SessionState.ACTIVE;
            case OPEN_SENT -> Gobgp.PeerState.SessionState.OPENSENT;
            case OPEN_CONFIRM -> Gobgp.PeerState.SessionState.OPENCONFIRM;
            case ESTABLISHED -> Gobgp.PeerState.SessionState.ESTABLISHED;
        };
    }

    static Gobgp.Peer peer(InstanceConfig instance, NeighborStatus st, boolean withAdvertised) {
        NeighborConfig c = st.config();
        String address = IpText.format(c.address());
        Negotiated neg = st.state() == State.ESTABLISHED ? st.negotiated().orElse(null) : null;
        long peerAs = neg != null ? neg.peerAs() : c.peerAs();
        boolean internal = neg != null ? neg.internal() : c.peerAs() == instance.localAs();
        Gobgp.PeerType type = internal ? Gobgp.PeerType.INTERNAL : Gobgp.PeerType.EXTERNAL;

        Gobgp.PeerConf conf = Gobgp.PeerConf.newBuilder()
                .setNeighborAddress(address).setPeerAsn((int) c.peerAs()).setLocalAsn((int) instance.localAs())
                .setDescription(c.name()).setType(type).setAdminDown(st.adminDown())
                .setAllowOwnAsn(c.allowOwnAs()).setSendCommunity(7).build();

        NeighborStatus.MessageCounters m = st.counters();
        // bgplet counts UPDATE, NOTIFICATION and ROUTE-REFRESH messages; OPEN and KEEPALIVE are not counted.
        Gobgp.Message received = Gobgp.Message.newBuilder().setUpdate(m.updatesIn()).setNotification(m.notificationsIn())
                .setRefresh(m.refreshIn()).setDiscarded(m.withdrawnByError())
                .setTotal(m.updatesIn() + m.notificationsIn() + m.refreshIn()).build();
        Gobgp.Message sent = Gobgp.Message.newBuilder().setUpdate(m.updatesOut()).setNotification(m.notificationsOut())
                .setTotal(m.updatesOut() + m.notificationsOut()).build();

        Gobgp.PeerState.Builder state = Gobgp.PeerState.newBuilder()
                .setNeighborAddress(address).setPeerAsn((int) peerAs).setLocalAsn((int) instance.localAs())
                .setDescription(c.name()).setType(type)
                .setSessionState(sessionState(st.state()))
                .setAdminState(st.adminDown() ? Gobgp.PeerState.AdminState.DOWN : Gobgp.PeerState.AdminState.UP)
                .setMessages(Gobgp.Messages.newBuilder().setReceived(received).setSent(sent))
                .setQueues(Gobgp.Queues.getDefaultInstance());
        if (neg != null) {
            state.setRouterId(ApiAttributes.dotted(neg.peerRouterId()));
            List<Any> caps = capabilities(neg, instance.localAs());
            state.addAllLocalCap(caps).addAllRemoteCap(capabilities(neg, neg.peerAs()));
        }

        Gobgp.TimersState.Builder ts = Gobgp.TimersState.newBuilder()
                .setConnectRetry(c.timers().connectRetry()).setHoldTime(c.timers().holdTime()).setKeepaliveInterval(c.timers().keepalive());
        if (neg != null) ts.setNegotiatedHoldTime(neg.holdTime()).setKeepaliveInterval(neg.keepaliveTime());
        if (st.establishedAt() != null) ts.setUptime(ApiPaths.timestamp(st.establishedAt()));
        if (st.downAt() != null) ts.setDowntime(ApiPaths.timestamp(st.downAt()));
        Gobgp.Timers timers = Gobgp.Timers.newBuilder()
                .setConfig(Gobgp.TimersConfig.newBuilder().setConnectRetry(c.timers().connectRetry())
                        .setHoldTime(c.timers().holdTime()).setKeepaliveInterval(c.timers().keepalive()))
                .setState(ts).build();

        Gobgp.Peer.Builder peer = Gobgp.Peer.newBuilder()
                .setConf(conf).setState(state).setTimers(timers)
                .setRouteReflector(Gobgp.RouteReflector.getDefaultInstance())
                .setRouteServer(Gobgp.RouteServer.getDefaultInstance())
                .setEbgpMultihop(Gobgp.EbgpMultihop.newBuilder().setEnabled(c.ebgpMultihop() > 1).setMultihopTtl(c.ebgpMultihop()))
                .setGracefulRestart(Gobgp.GracefulRestart.newBuilder().setEnabled(c.gracefulRestart().enabled())
                        .setRestartTime(c.gracefulRestart().restartTime()))
                .setTransport(Gobgp.Transport.newBuilder().setRemoteAddress(address).setRemotePort(c.port()).setPassiveMode(c.passive())
                        .setLocalAddress(c.localAddress() == null ? "" : IpText.format(c.localAddress())));
        for (Family f : Family.supportedFamilies()) {
            if (!c.families().contains(f)) continue;
            NeighborStatus.RouteCounts counts = st.families().getOrDefault(f, new NeighborStatus.RouteCounts(0, 0, 0));
            Gobgp.AfiSafiState.Builder as = Gobgp.AfiSafiState.newBuilder().setFamily(ApiPaths.family(f)).setEnabled(true)
                    .setReceived(counts.received()).setAccepted(counts.accepted());
            if (withAdvertised) as.setAdvertised(counts.advertised());
            peer.addAfiSafis(Gobgp.AfiSafi.newBuilder()
                    .setConfig(Gobgp.AfiSafiConfig.newBuilder().setFamily(ApiPaths.family(f)).setEnabled(true))
                    .setState(as));
        }
        return peer.build();
    }

    /**
     * Capabilities as negotiated: bgplet keeps only the agreed set (RFC 5492), so local and
     * remote lists show the same capabilities, each side with its own AS number.
     */
    private static List<Any> capabilities(Negotiated n, long asn) {
        List<Any> out = new ArrayList<>();
        for (Family f : Family.supportedFamilies()) {
            if (n.families().contains(f)) out.add(ApiAttributes.pack(Capability.MultiProtocolCapability.newBuilder().setFamily(ApiPaths.family(f)).build()));
        }
        if (n.routeRefresh()) out.add(ApiAttributes.pack(Capability.RouteRefreshCapability.getDefaultInstance()));
        if (n.enhancedRouteRefresh()) out.add(ApiAttributes.pack(Capability.EnhancedRouteRefreshCapability.getDefaultInstance()));
        if (n.fourOctetAs()) out.add(ApiAttributes.pack(Capability.FourOctetASNCapability.newBuilder().setAsn((int) asn).build()));
        n.gracefulRestart().ifPresent(gr -> out.add(ApiAttributes.pack(Capability.GracefulRestartCapability.newBuilder()
                .setTime(gr.peerRestartTime()).setFlags((gr.peerRestarting() ? 0x08 : 0) | (gr.notification() ? 0x04 : 0)).build())));
        return out;
    }
}
