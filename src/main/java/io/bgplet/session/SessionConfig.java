package io.bgplet.session;

import io.bgplet.wire.Family;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one session is configured with.
 *
 * @param localAs          our AS (4 octets, unsigned)
 * @param peerAs           the AS the peer must announce; 0 accepts any (then internal means equal to ours)
 * @param routerId         our BGP identifier, an IPv4 address as an int
 * @param holdTime         hold time we offer, seconds: 0 or at least 3 (RFC 4271 4.2)
 * @param keepaliveTime    our KEEPALIVE interval, seconds; 0 means a third of the negotiated hold time
 * @param connectRetry     ConnectRetryTime (RFC 4271 10 suggests 120 s), jittered 0.75..1
 * @param idleHold         time in Idle after an error before the automatic restart, jittered
 * @param sendHoldTime     RFC 9687; zero means max(8 minutes, 2 x negotiated hold time)
 * @param families         the families we announce with the multiprotocol capability
 * @param passive          wait for the peer instead of dialing (Active instead of Connect)
 * @param extendedMessage  announce RFC 8654 extended messages
 * @param gracefulRestart  our RFC 4724 capability, or empty to announce none
 * @param hardResetOnAdminReset RFC 8538 section 5: send Cease/4 as Hard Reset too (a local choice)
 */
public record SessionConfig(
        long localAs,
        long peerAs,
        int routerId,
        int holdTime,
        int keepaliveTime,
        Duration connectRetry,
        Duration idleHold,
        Duration sendHoldTime,
        List<Family> families,
        boolean passive,
        boolean extendedMessage,
        Optional<GracefulRestartConfig> gracefulRestart,
        boolean hardResetOnAdminReset) {

    /** RFC 4271 section 8: the hold timer while waiting for the peer's OPEN. */
    public static final Duration LARGE_HOLD = Duration.ofMinutes(4);

    public SessionConfig {
        if (localAs <= 0 || localAs > 0xFFFFFFFFL) throw new IllegalArgumentException("local AS out of range: " + localAs);
        if (peerAs < 0 || peerAs > 0xFFFFFFFFL) throw new IllegalArgumentException("peer AS out of range: " + peerAs);
        if (routerId == 0) throw new IllegalArgumentException("router id 0.0.0.0 is not a valid BGP identifier");
        if (holdTime == 1 || holdTime == 2 || holdTime < 0 || holdTime > 65535) throw new IllegalArgumentException("hold time must be 0 or 3..65535: " + holdTime);
        if (keepaliveTime < 0) throw new IllegalArgumentException("keepalive time < 0");
        Objects.requireNonNull(connectRetry);
        Objects.requireNonNull(idleHold);
        Objects.requireNonNull(sendHoldTime);
        families = List.copyOf(families);
        if (families.isEmpty()) throw new IllegalArgumentException("no families");
        Objects.requireNonNull(gracefulRestart);
    }

    /** Defaults of RFC 4271 section 10 and Cilium: hold 90 s, retry 120 s, IPv4 and IPv6 unicast. */
    public static SessionConfig of(long localAs, long peerAs, int routerId) {
        return new SessionConfig(localAs, peerAs, routerId, 90, 0, Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ZERO,
                List.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), false, false, Optional.empty(), false);
    }

    public SessionConfig withHoldTime(int hold, int keepalive) {
        return new SessionConfig(localAs, peerAs, routerId, hold, keepalive, connectRetry, idleHold, sendHoldTime, families, passive, extendedMessage, gracefulRestart, hardResetOnAdminReset);
    }

    public SessionConfig withTimers(Duration retry, Duration idle) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, retry, idle, sendHoldTime, families, passive, extendedMessage, gracefulRestart, hardResetOnAdminReset);
    }

    public SessionConfig withSendHoldTime(Duration sendHold) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, connectRetry, idleHold, sendHold, families, passive, extendedMessage, gracefulRestart, hardResetOnAdminReset);
    }

    public SessionConfig withPassive(boolean p) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, connectRetry, idleHold, sendHoldTime, families, p, extendedMessage, gracefulRestart, hardResetOnAdminReset);
    }

    public SessionConfig withFamilies(List<Family> f) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, connectRetry, idleHold, sendHoldTime, f, passive, extendedMessage, gracefulRestart, hardResetOnAdminReset);
    }

    public SessionConfig withExtendedMessage(boolean e) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, connectRetry, idleHold, sendHoldTime, families, passive, e, gracefulRestart, hardResetOnAdminReset);
    }

    public SessionConfig withGracefulRestart(GracefulRestartConfig gr) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, connectRetry, idleHold, sendHoldTime, families, passive, extendedMessage, Optional.ofNullable(gr), hardResetOnAdminReset);
    }

    public SessionConfig withHardResetOnAdminReset(boolean h) {
        return new SessionConfig(localAs, peerAs, routerId, holdTime, keepaliveTime, connectRetry, idleHold, sendHoldTime, families, passive, extendedMessage, gracefulRestart, h);
    }

    /**
     * Our side of RFC 4724 / RFC 8538.
     *
     * @param restartTime         seconds the peer should keep our routes (12 bits)
     * @param restarting          the R bit: set in the first OPEN after we restarted (cilium#28168)
     * @param forwardingPreserved the F bit for every family we announce
     */
    public record GracefulRestartConfig(int restartTime, boolean restarting, boolean forwardingPreserved) {
        public GracefulRestartConfig {
            if (restartTime < 0 || restartTime > 4095) throw new IllegalArgumentException("restart time out of range: " + restartTime);
        }
    }
}
