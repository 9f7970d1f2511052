package io.bgplet.speaker;

import io.bgplet.session.SessionConfig;
import io.bgplet.session.transport.PeerSettings;
import io.bgplet.wire.Family;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** From a neighbour's configuration to the session layer's settings. */
final class Sessions {
    /**
     * However long a restarting peer asks for, its stale routes go after this once the
     * session is back and End-of-RIB has not come (GoBGP's stale-routes-time idea).
     */
    static final Duration STALE_BOUND = Duration.ofMinutes(6);
    /** Idle time after an error before trying again (Cilium: 5 s after an administrative reset). */
    static final Duration IDLE_HOLD = Duration.ofSeconds(5);

    private Sessions() {}

    static PeerSettings settings(InstanceConfig instance, NeighborConfig nc, boolean restarting) {
        List<Family> families = new ArrayList<>();
        for (Family f : Family.supportedFamilies()) if (nc.families().contains(f)) families.add(f);
        NeighborConfig.Timers t = nc.timers();
        SessionConfig session = new SessionConfig(instance.localAs(), nc.peerAs(), ipv4(instance.routerId()),
                t.holdTime(), t.keepalive(), Duration.ofSeconds(t.connectRetry()), IDLE_HOLD, Duration.ZERO,
                families, nc.passive(), true,
                nc.gracefulRestart().enabled()
                        ? Optional.of(new SessionConfig.GracefulRestartConfig(nc.gracefulRestart().restartTime(), restarting, true))
                        : Optional.empty(),
                false);
        boolean internal = nc.peerAs() == instance.localAs();
        PeerSettings s = PeerSettings.of(nc.address(), session).withPort(nc.port())
                .withTtl(internal ? 0 : nc.ebgpMultihop());
        if (nc.localAddress() != null) s = s.withLocalAddress(new InetSocketAddress(nc.localAddress(), 0));
        if (nc.md5Password() != null && !nc.md5Password().isEmpty()) s = s.withMd5Password(nc.md5Password());
        return s;
    }

    static int ipv4(java.net.Inet4Address a) {
        byte[] b = a.getAddress();
        return ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
    }
}
