package io.bgplet.session;

import io.bgplet.wire.Capability;
import io.bgplet.wire.Family;
import io.bgplet.wire.Open;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Configs and OPENs shared by the session tests: AS 65001 (192.0.2.1) meets AS 65002 (192.0.2.2). */
final class Fixtures {
    private Fixtures() {}

    static final int ID_LOCAL = ip(192, 0, 2, 1);
    static final int ID_PEER = ip(192, 0, 2, 2);

    static int ip(int a, int b, int c, int d) {
        return (a << 24) | (b << 16) | (c << 8) | d;
    }

    /** Hold 90, retry 120 s, idle hold 5 s, GR with restart time 120 (N bit set). */
    static SessionConfig local() {
        return SessionConfig.of(65001, 65002, ID_LOCAL)
                .withTimers(Duration.ofSeconds(120), Duration.ofSeconds(5))
                .withGracefulRestart(new SessionConfig.GracefulRestartConfig(120, false, true));
    }

    /** The peer's OPEN: AS 65002, hold 90, IPv4 unicast, GR with N and F for IPv4 unicast. */
    static Open peerOpen() {
        return open(4, 65002, 90, ID_PEER, gr(true, true));
    }

    static Capability.GracefulRestart gr(boolean notification, boolean forwarding) {
        return new Capability.GracefulRestart(false, notification, 90, List.of(new Capability.GrFamily(Family.IPV4_UNICAST, forwarding)));
    }

    static Open open(int version, long as, int hold, int id, Capability... extra) {
        List<Capability> caps = new ArrayList<>(List.of(
                new Capability.Multiprotocol(Family.IPV4_UNICAST),
                new Capability.RouteRefresh(),
                new Capability.FourOctetAs(as)));
        caps.addAll(List.of(extra));
        return new Open(version, as > 0xFFFF ? Open.AS_TRANS : (int) as, hold, id, caps);
    }

    /** The jitter source fixed at 1.0: timers run for their full configured value. */
    static Fsm fsm(SessionConfig config) {
        return new Fsm(config, () -> 1.0);
    }
}
