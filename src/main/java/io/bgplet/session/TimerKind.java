package io.bgplet.session;

/**
 * The timers the FSM starts and stops (RFC 4271 section 8, RFC 9687). The FSM never reads a
 * clock: it emits {@link Action.StartTimer} and receives the matching expiry event.
 */
public enum TimerKind {
    /** RFC 4271 8: between connection attempts. Jittered (section 10). */
    CONNECT_RETRY,
    /** RFC 4271 4.2 / 8: the peer is dead when nothing arrives for this long. */
    HOLD,
    /** RFC 4271 4.4: our KEEPALIVE interval. */
    KEEPALIVE,
    /** RFC 9687: the peer is not reading when nothing could be written for this long. */
    SEND_HOLD,
    /**
     * RFC 4271 8.1.1 IdleHoldTimer: how long to stay in Idle after an error before the
     * automatic restart; this is how a node keeps dialing its peers.
     */
    IDLE_HOLD;

    /** The event that reports this timer's expiry. */
    public Event expiry() {
        return switch (this) {
            case CONNECT_RETRY -> new Event.ConnectRetryTimerExpires();
            case HOLD -> new Event.HoldTimerExpires();
            case KEEPALIVE -> new Event.KeepaliveTimerExpires();
            case SEND_HOLD -> new Event.SendHoldTimerExpires();
            case IDLE_HOLD -> new Event.IdleHoldTimerExpires();
        };
    }
}
