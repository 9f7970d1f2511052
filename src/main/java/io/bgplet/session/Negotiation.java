package io.bgplet.session;

import io.bgplet.wire.Capability;
import io.bgplet.wire.Family;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Open;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds our OPEN and checks the peer's (RFC 4271 section 6.2, RFC 5492, RFC 6793): a pure
 * function from config and received OPEN to either the negotiated session or the
 * NOTIFICATION that refuses it.
 */
public final class Negotiation {
    private Negotiation() {}

    /** The outcome of checking a peer's OPEN. */
    public sealed interface Outcome {
        record Accepted(Negotiated negotiated) implements Outcome {}

        record Rejected(Notification notification) implements Outcome {}
    }

    /** Our OPEN for this config. */
    public static Open localOpen(SessionConfig config) {
        List<Capability> caps = new ArrayList<>();
        for (Family f : config.families()) caps.add(new Capability.Multiprotocol(f));
        caps.add(new Capability.RouteRefresh());
        caps.add(new Capability.EnhancedRouteRefresh());
        caps.add(new Capability.FourOctetAs(config.localAs()));
        if (config.extendedMessage()) caps.add(new Capability.ExtendedMessage());
        config.gracefulRestart().ifPresent(gr -> caps.add(new Capability.GracefulRestart(
                gr.restarting(), true, gr.restartTime(),
                config.families().stream().map(f -> new Capability.GrFamily(f, gr.forwardingPreserved())).toList())));
        // RFC 6793 section 4.1: a 4-octet AS goes in the 2-octet field as AS_TRANS.
        int myAs = config.localAs() > 0xFFFF ? Open.AS_TRANS : (int) config.localAs();
        return new Open(4, myAs, config.holdTime(), config.routerId(), caps);
    }

    public static Outcome negotiate(SessionConfig config, Open open) {
        // RFC 4271 6.2: the data is the largest version we support, as 2 octets.
        if (open.version() != 4) return reject(Notification.UNSUPPORTED_VERSION, new byte[] {0, 4});

        long peerAs = open.effectiveAs();
        // RFC 7607: AS 0 is never a valid peer AS. A 2-octet speaker sending AS_TRANS
        // without the capability simply mismatches any configured 4-octet AS below.
        if (peerAs == 0 || (config.peerAs() != 0 && peerAs != config.peerAs())) {
            return reject(Notification.BAD_PEER_AS, new byte[0]);
        }
        boolean internal = peerAs == config.localAs();

        // RFC 6286 2.2: 0 is never valid; equal to ours is invalid inside one AS.
        if (open.bgpIdentifier() == 0 || (internal && open.bgpIdentifier() == config.routerId())) {
            return reject(Notification.BAD_BGP_IDENTIFIER, new byte[0]);
        }

        // RFC 4271 4.2: 0 or at least 3 seconds.
        if (open.holdTime() == 1 || open.holdTime() == 2) {
            return reject(Notification.UNACCEPTABLE_HOLD_TIME, new byte[0]);
        }
        int hold = Math.min(open.holdTime(), config.holdTime());
        int keepalive = hold == 0 ? 0
                : config.keepaliveTime() > 0 ? Math.min(config.keepaliveTime(), Math.max(1, hold / 3)) : Math.max(1, hold / 3);

        Set<Family> families = new LinkedHashSet<>(config.families());
        families.retainAll(new LinkedHashSet<>(open.families()));

        Optional<Negotiated.GracefulRestartState> gr = Optional.empty();
        Optional<Capability.GracefulRestart> peerGr = open.capability(Capability.GracefulRestart.class);
        if (config.gracefulRestart().isPresent() && peerGr.isPresent()) {
            Capability.GracefulRestart p = peerGr.get();
            Map<Family, Boolean> forwarding = new LinkedHashMap<>();
            for (Capability.GrFamily f : p.families()) forwarding.put(f.family(), f.forwardingPreserved());
            // Our N bit is always set (Negotiation.localOpen), so N holds when the peer set it.
            gr = Optional.of(new Negotiated.GracefulRestartState(p.restarting(), p.restartTime(), forwarding,
                    p.notification(), config.gracefulRestart().get().restarting()));
        }

        return new Outcome.Accepted(new Negotiated(
                peerAs,
                open.bgpIdentifier(),
                internal,
                hold,
                keepalive,
                families,
                open.capability(Capability.FourOctetAs.class).isPresent(),
                open.capability(Capability.RouteRefresh.class).isPresent(),
                open.capability(Capability.EnhancedRouteRefresh.class).isPresent(),
                config.extendedMessage() && open.capability(Capability.ExtendedMessage.class).isPresent(),
                gr));
    }

    private static Outcome reject(int subcode, byte[] data) {
        return new Outcome.Rejected(new Notification(Notification.OPEN_MESSAGE_ERROR, subcode, data));
    }
}
