package io.bgplet.session;

import io.bgplet.wire.CodecOptions;
import io.bgplet.wire.Family;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What both OPENs agreed on (RFC 4271 4.2, RFC 5492): the facts the rest of the speaker and
 * the codec need for the lifetime of one session.
 *
 * @param peerAs               the peer's AS, from the 4-octet AS capability when present (RFC 6793)
 * @param peerRouterId         the peer's BGP identifier
 * @param internal             iBGP: the peer is in our AS
 * @param holdTime             min of both offers, seconds; 0 means no KEEPALIVEs and no hold timer
 * @param keepaliveTime        seconds between our KEEPALIVEs; 0 when holdTime is 0
 * @param families             announced by both sides (RFC 4760 section 7)
 * @param fourOctetAs          both sides announced RFC 6793
 * @param routeRefresh         both sides announced RFC 2918
 * @param enhancedRouteRefresh both sides announced RFC 7313
 * @param extendedMessage      both sides announced RFC 8654
 * @param gracefulRestart      present when both sides announced RFC 4724
 */
public record Negotiated(
        long peerAs,
        int peerRouterId,
        boolean internal,
        int holdTime,
        int keepaliveTime,
        Set<Family> families,
        boolean fourOctetAs,
        boolean routeRefresh,
        boolean enhancedRouteRefresh,
        boolean extendedMessage,
        Optional<GracefulRestartState> gracefulRestart) {

    public Negotiated {
        families = Set.copyOf(families);
    }

    /** How the codec must read and write this session's messages. */
    public CodecOptions codecOptions() {
        return new CodecOptions(fourOctetAs, extendedMessage, internal);
    }

    /** RFC 8538: both sides set the N bit. */
    public boolean notificationBit() {
        return gracefulRestart.map(GracefulRestartState::notification).orElse(false);
    }

    /**
     * RFC 4724 / RFC 8538 as negotiated.
     *
     * @param peerRestarting   the peer's R bit: it restarted and expects us to keep its stale routes until EoR
     * @param peerRestartTime  seconds to keep the peer's routes after the session drops
     * @param peerForwarding   the peer's families with their F bit (forwarding state preserved)
     * @param notification     the N bit was set by both sides (RFC 8538)
     * @param localRestarting  the R bit we sent
     */
    public record GracefulRestartState(
            boolean peerRestarting,
            int peerRestartTime,
            Map<Family, Boolean> peerForwarding,
            boolean notification,
            boolean localRestarting) {
        public GracefulRestartState {
            peerForwarding = Map.copyOf(peerForwarding);
        }
    }
}
