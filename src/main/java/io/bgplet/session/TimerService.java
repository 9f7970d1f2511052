package io.bgplet.session;

import java.time.Duration;

/**
 * Runs the FSM's timers. The transport implements it on the channel's event loop; tests use
 * a fake clock. At most one timer of each kind runs; scheduling replaces the previous one.
 * Restarts must be cheap: the hold timer restarts on every message received.
 */
public interface TimerService {
    void schedule(TimerKind kind, Duration after, Runnable onExpiry);

    void cancel(TimerKind kind);

    /** Cancels everything; the session is going away. */
    default void cancelAll() {
        for (TimerKind k : TimerKind.values()) cancel(k);
    }
}
