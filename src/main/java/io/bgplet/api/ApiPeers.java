package io.bgplet.api;

import apipb.Gobgp;
import io.bgplet.session.Negotiated;
import io.bgplet.session.State;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.wire.Family;
import io.bgplet.wire.IpText;


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
        // Discarded: UPDATEs whose routes were withdrawn under RFC 7606 (treat-as-withdraw).
        Gobgp.Message received = Gobgp.Message.newBuilder().setOpen(m.opensIn()).setUpdate(m.updatesIn())
                .setNotification(m.notificationsIn()).setKeepalive(m.keepalivesIn()).setRefresh(m.refreshIn())
                .setDiscarded(m.withdrawnByError())
                .setTotal(m.opensIn() + m.updatesIn() + m.notificationsIn() + m.keepalivesIn() + m.refreshIn()).build();
        Gobgp.Message sent = Gobgp.Message.newBuilder().setOpen(m.opensOut()).setUpdate(m.updatesOut())
                .setNotification(m.notificationsOut()).setKeepalive(m.keepalivesOut())
                .setTotal(m.opensOut() + m.updatesOut() + m.notificationsOut() + m.keepalivesOut()).build();

        Gobgp.PeerState.Builder state = Gobgp.PeerState.newBuilder()
                .setNeighborAddress(address).setPeerAsn((int) peerAs).setLocalAsn((int) instance.localAs())
                .setDescription(c.name()).setType(type)
                .setSessionState(sessionState(st.state()))
                .setAdminState(st.adminDown() ? Gobgp.PeerState.AdminState.DOWN : Gobgp.PeerState.AdminState.UP)
                .setMessages(Gobgp.Messages.newBuilder().setReceived(received).setSent(sent))
                .setQueues(Gobgp.Queues.getDefaultInstance());
        if (neg != null) {
            state.setRouterId(ApiAttributes.dotted(neg.peerRouterId()));
            // Each side's own OPEN, so the CLI can tell "advertised" from "received".
            st.opens().ifPresent(o -> state.addAllLocalCap(ApiCapabilities.of(o.sent())).addAllRemoteCap(ApiCapabilities.of(o.received())));
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
}
