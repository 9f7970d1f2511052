package io.bgplet.session;

import io.bgplet.session.Action.CloseConnection;
import io.bgplet.session.Action.SendMessage;
import io.bgplet.session.Action.StartTimer;
import io.bgplet.session.Action.StopTimer;
import io.bgplet.session.Event.*;
import io.bgplet.wire.Keepalive;
import io.bgplet.wire.Message;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Open;
import io.bgplet.wire.RouteRefresh;
import io.bgplet.wire.Update;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * The BGP finite state machine of RFC 4271 section 8.2.2 for one connection: events in,
 * actions out. It holds no socket and reads no clock; timers are actions and their expiry
 * comes back as events. Not thread-safe: one driver feeds it from one thread.
 *
 * <p>Deviations chosen on purpose, all within the RFC's optional features: no DelayOpen, no
 * collision detection in Established (the driver resolves collisions with {@link Collision}
 * before a second connection gets that far), and after an error the FSM restarts itself
 * through the IdleHoldTimer (section 8.1.1) unless it was stopped by hand.
 */
public final class Fsm {
    private static final List<TimerKind> SESSION_TIMERS =
            List.of(TimerKind.CONNECT_RETRY, TimerKind.HOLD, TimerKind.KEEPALIVE, TimerKind.SEND_HOLD);

    private final SessionConfig config;
    private final DoubleSupplier random;
    private final Open localOpen;
    private State state = State.IDLE;
    private Negotiated negotiated;
    /** The peer's OPEN while {@link #negotiated} is set: the API shows both sides' capabilities. */
    private Open peerOpen;
    /** False after ManualStop: no automatic restart until the next start event. */
    private boolean autoRestart;
    private boolean idleHoldRunning;

    /** {@code random} yields values in [0, 1] for the jitter of RFC 4271 section 10. */
    public Fsm(SessionConfig config, DoubleSupplier random) {
        this.config = config;
        this.random = random;
        this.localOpen = Negotiation.localOpen(config);
    }

    public State state() {
        return state;
    }

    /** What the OPENs agreed on, from OpenConfirm on; empty before and after. */
    public Optional<Negotiated> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    /** The OPEN this side sends (RFC 4271 4.2), with the capabilities we advertise. */
    public Open localOpen() {
        return localOpen;
    }

    /** The peer's OPEN, from OpenConfirm on, with the capabilities it advertised; empty before and after. */
    public Optional<Open> peerOpen() {
        return Optional.ofNullable(peerOpen);
    }

    public SessionConfig config() {
        return config;
    }

    public List<Action> handle(Event event) {
        List<Action> out = new ArrayList<>(4);
        switch (state) {
            case IDLE -> idle(event, out);
            case CONNECT -> connect(event, out);
            case ACTIVE -> active(event, out);
            case OPEN_SENT -> openSent(event, out);
            case OPEN_CONFIRM -> openConfirm(event, out);
            case ESTABLISHED -> established(event, out);
        }
        return out;
    }

    // RFC 4271 8.2.2, Idle state.
    private void idle(Event event, List<Action> out) {
        switch (event) {
            case ManualStart s -> start(out);
            case AutomaticStart s -> start(out);
            case IdleHoldTimerExpires t -> {
                idleHoldRunning = false;
                if (autoRestart) start(out);
            }
            case ManualStop s -> {
                autoRestart = false;
                stopIdleHold(out);
            }
            // A connection while Idle is refused (section 8.2.2: Idle refuses connections).
            case TcpCrAcked t -> out.add(CloseConnection.silently());
            case TcpConnectionConfirmed t -> out.add(CloseConnection.silently());
            default -> { }
        }
    }

    private void start(List<Action> out) {
        autoRestart = true;
        stopIdleHold(out);
        out.add(new StartTimer(TimerKind.CONNECT_RETRY, jitter(config.connectRetry())));
        if (config.passive()) {
            state = State.ACTIVE;
        } else {
            out.add(new Action.Connect());
            state = State.CONNECT;
        }
    }

    private void stopIdleHold(List<Action> out) {
        if (idleHoldRunning) {
            out.add(new StopTimer(TimerKind.IDLE_HOLD));
            idleHoldRunning = false;
        }
    }

    // RFC 4271 8.2.2, Connect state (no DelayOpen).
    private void connect(Event event, List<Action> out) {
        switch (event) {
            case ManualStart s -> { }
            case AutomaticStart s -> { }
            case IdleHoldTimerExpires t -> { }
            case SendProgress p -> { }
            case ManualStop s -> toIdle(out, Optional.empty(), null, false);
            case ConnectRetryTimerExpires t -> {
                out.add(CloseConnection.silently());
                out.add(new StartTimer(TimerKind.CONNECT_RETRY, jitter(config.connectRetry())));
                out.add(new Action.Connect());
            }
            case TcpCrAcked t -> sendOpen(out);
            case TcpConnectionConfirmed t -> sendOpen(out);
            // The dial failed: wait for the peer or the next retry in Active (the section 8.2.2
            // behaviour with a running DelayOpenTimer, which keeps a dialing node dialing).
            case TcpConnectionFails f -> {
                out.add(new StartTimer(TimerKind.CONNECT_RETRY, jitter(config.connectRetry())));
                state = State.ACTIVE;
            }
            default -> toIdle(out, Optional.empty(), null, true);
        }
    }

    // RFC 4271 8.2.2, Active state.
    private void active(Event event, List<Action> out) {
        switch (event) {
            case ManualStart s -> { }
            case AutomaticStart s -> { }
            case IdleHoldTimerExpires t -> { }
            case SendProgress p -> { }
            case ManualStop s -> toIdle(out, Optional.empty(), null, false);
            case ConnectRetryTimerExpires t -> {
                out.add(new StartTimer(TimerKind.CONNECT_RETRY, jitter(config.connectRetry())));
                if (!config.passive()) {
                    out.add(new Action.Connect());
                    state = State.CONNECT;
                }
            }
            case TcpCrAcked t -> sendOpen(out);
            case TcpConnectionConfirmed t -> sendOpen(out);
            default -> toIdle(out, Optional.empty(), null, true);
        }
    }

    private void sendOpen(List<Action> out) {
        out.add(new StopTimer(TimerKind.CONNECT_RETRY));
        out.add(new SendMessage(localOpen));
        out.add(new StartTimer(TimerKind.HOLD, SessionConfig.LARGE_HOLD));
        state = State.OPEN_SENT;
    }

    // RFC 4271 8.2.2, OpenSent state; FSM error subcodes from RFC 6608.
    private void openSent(Event event, List<Action> out) {
        switch (event) {
            case ManualStart s -> { }
            case AutomaticStart s -> { }
            case TcpCrAcked t -> { }
            case TcpConnectionConfirmed t -> { }
            case IdleHoldTimerExpires t -> { }
            case SendProgress p -> { }
            case ManualStop s -> toIdle(out, s.notification(), null, false);
            case AutomaticStop s -> toIdle(out, Optional.of(s.notification()), null, true);
            case HoldTimerExpires t -> toIdle(out, Optional.of(new Notification(Notification.HOLD_TIMER_EXPIRED, 0)), null, true);
            case TcpConnectionFails f -> {
                out.add(CloseConnection.silently());
                out.add(new StopTimer(TimerKind.HOLD));
                out.add(new StartTimer(TimerKind.CONNECT_RETRY, jitter(config.connectRetry())));
                state = State.ACTIVE;
            }
            case OpenCollisionDump d -> toIdle(out, Optional.of(new Notification(Notification.CEASE, Notification.CONNECTION_COLLISION)), null, false);
            case DecodeError d -> toIdle(out, Optional.of(d.fatal().notification()), null, true);
            case MessageReceived m when m.message() instanceof Open open -> openReceived(open, out);
            case MessageReceived m when m.message() instanceof Notification n -> toIdle(out, Optional.empty(), null, true);
            case MessageReceived m -> toIdle(out, fsmError(Notification.UNEXPECTED_IN_OPEN_SENT), null, true);
            case UpdateSalvaged u -> toIdle(out, fsmError(Notification.UNEXPECTED_IN_OPEN_SENT), null, true);
            case ConnectRetryTimerExpires t -> toIdle(out, fsmError(0), null, true);
            case KeepaliveTimerExpires t -> toIdle(out, fsmError(0), null, true);
            case SendHoldTimerExpires t -> toIdle(out, fsmError(0), null, true);
        }
    }

    private void openReceived(Open open, List<Action> out) {
        switch (Negotiation.negotiate(config, open)) {
            case Negotiation.Outcome.Rejected r -> toIdle(out, Optional.of(r.notification()), null, true);
            case Negotiation.Outcome.Accepted a -> {
                negotiated = a.negotiated();
                peerOpen = open;
                out.add(new SendMessage(Keepalive.INSTANCE));
                if (negotiated.holdTime() > 0) {
                    out.add(new StartTimer(TimerKind.HOLD, Duration.ofSeconds(negotiated.holdTime())));
                    out.add(new StartTimer(TimerKind.KEEPALIVE, Duration.ofSeconds(negotiated.keepaliveTime())));
                } else {
                    // RFC 4271 4.4: hold time 0 means no KEEPALIVEs and no hold timer.
                    out.add(new StopTimer(TimerKind.HOLD));
                }
                state = State.OPEN_CONFIRM;
            }
        }
    }

    // RFC 4271 8.2.2, OpenConfirm state.
    private void openConfirm(Event event, List<Action> out) {
        switch (event) {
            case ManualStart s -> { }
            case AutomaticStart s -> { }
            case TcpCrAcked t -> { }
            case TcpConnectionConfirmed t -> { }
            case IdleHoldTimerExpires t -> { }
            case SendProgress p -> { }
            case ManualStop s -> toIdle(out, s.notification().map(this::hardReset), null, false);
            case AutomaticStop s -> toIdle(out, Optional.of(hardReset(s.notification())), null, true);
            case HoldTimerExpires t -> toIdle(out, Optional.of(new Notification(Notification.HOLD_TIMER_EXPIRED, 0)), null, true);
            case KeepaliveTimerExpires t -> sendKeepalive(out);
            case TcpConnectionFails f -> toIdle(out, Optional.empty(), null, true);
            case OpenCollisionDump d -> toIdle(out, Optional.of(new Notification(Notification.CEASE, Notification.CONNECTION_COLLISION)), null, false);
            case DecodeError d -> toIdle(out, Optional.of(d.fatal().notification()), null, true);
            case MessageReceived m when m.message() instanceof Keepalive k -> {
                restartHold(out);
                sendHold(out);
                out.add(new Action.SessionEstablished(negotiated));
                state = State.ESTABLISHED;
            }
            case MessageReceived m when m.message() instanceof Notification n -> toIdle(out, Optional.empty(), null, true);
            case MessageReceived m -> toIdle(out, fsmError(Notification.UNEXPECTED_IN_OPEN_CONFIRM), null, true);
            case UpdateSalvaged u -> toIdle(out, fsmError(Notification.UNEXPECTED_IN_OPEN_CONFIRM), null, true);
            case ConnectRetryTimerExpires t -> toIdle(out, fsmError(0), null, true);
            case SendHoldTimerExpires t -> toIdle(out, fsmError(0), null, true);
        }
    }

    // RFC 4271 8.2.2, Established state.
    private void established(Event event, List<Action> out) {
        switch (event) {
            case ManualStart s -> { }
            case AutomaticStart s -> { }
            case TcpCrAcked t -> { }
            case TcpConnectionConfirmed t -> { }
            case IdleHoldTimerExpires t -> { }
            case SendProgress p -> sendHold(out);
            case ManualStop s -> toIdle(out, s.notification().map(this::hardReset), new StaleRoutes.Cause.LocalStop(), false);
            case AutomaticStop s -> {
                Notification n = hardReset(s.notification());
                toIdle(out, Optional.of(n), new StaleRoutes.Cause.NotificationSent(n), true);
            }
            case HoldTimerExpires t -> sendAndDrop(out, new Notification(Notification.HOLD_TIMER_EXPIRED, 0));
            case SendHoldTimerExpires t -> sendAndDrop(out, new Notification(Notification.SEND_HOLD_TIMER_EXPIRED, 0));
            case KeepaliveTimerExpires t -> sendKeepalive(out);
            case TcpConnectionFails f -> toIdle(out, Optional.empty(), new StaleRoutes.Cause.TcpFailure(), true);
            case OpenCollisionDump d -> sendAndDrop(out, new Notification(Notification.CEASE, Notification.CONNECTION_COLLISION));
            case DecodeError d -> sendAndDrop(out, d.fatal().notification());
            case ConnectRetryTimerExpires t -> sendAndDrop(out, fsmError(0).orElseThrow());
            case UpdateSalvaged u -> {
                restartHold(out);
                out.add(new Action.DeliverSalvaged(u.result()));
            }
            case MessageReceived m -> messageInEstablished(m.message(), out);
        }
    }

    private void messageInEstablished(Message message, List<Action> out) {
        switch (message) {
            case Keepalive k -> restartHold(out);
            case Update u -> {
                restartHold(out);
                var eor = u.endOfRib();
                out.add(eor.isPresent() ? new Action.DeliverEndOfRib(eor.get()) : new Action.DeliverUpdate(u));
            }
            case RouteRefresh r -> {
                restartHold(out);
                // RFC 2918 section 4: a request for a family not negotiated is ignored.
                if (negotiated.routeRefresh() && negotiated.families().contains(r.family())) out.add(new Action.DeliverRouteRefresh(r));
            }
            case Notification n -> toIdle(out, Optional.empty(), new StaleRoutes.Cause.NotificationReceived(n), true);
            case Open o -> sendAndDrop(out, fsmError(Notification.UNEXPECTED_IN_ESTABLISHED).orElseThrow());
        }
    }

    private void sendAndDrop(List<Action> out, Notification n) {
        toIdle(out, Optional.of(n), new StaleRoutes.Cause.NotificationSent(n), true);
    }

    private void sendKeepalive(List<Action> out) {
        out.add(new SendMessage(Keepalive.INSTANCE));
        out.add(new StartTimer(TimerKind.KEEPALIVE, Duration.ofSeconds(negotiated.keepaliveTime())));
    }

    private void restartHold(List<Action> out) {
        if (negotiated.holdTime() > 0) out.add(new StartTimer(TimerKind.HOLD, Duration.ofSeconds(negotiated.holdTime())));
    }

    /** RFC 9687: only with a nonzero hold time, since otherwise nothing need ever be written. */
    private void sendHold(List<Action> out) {
        if (negotiated.holdTime() == 0) return;
        Duration d = config.sendHoldTime().isZero()
                ? Duration.ofSeconds(Math.max(480, 2L * negotiated.holdTime()))
                : config.sendHoldTime();
        out.add(new StartTimer(TimerKind.SEND_HOLD, d));
    }

    private Notification hardReset(Notification n) {
        return HardReset.apply(n, negotiated.notificationBit(), config.hardResetOnAdminReset());
    }

    private static Optional<Notification> fsmError(int subcode) {
        return Optional.of(new Notification(Notification.FSM_ERROR, subcode));
    }

    /**
     * Releases the connection and every timer and goes to Idle. {@code cause} is non-null
     * only when leaving Established: then the consumer learns the session is down and
     * whether to keep the peer's routes.
     */
    private void toIdle(List<Action> out, Optional<Notification> send, StaleRoutes.Cause cause, boolean restart) {
        out.add(new CloseConnection(send));
        for (TimerKind k : SESSION_TIMERS) out.add(new StopTimer(k));
        if (state == State.ESTABLISHED && cause != null) {
            out.add(new Action.SessionDown(reason(cause), StaleRoutes.retain(negotiated, cause)));
        }
        negotiated = null;
        peerOpen = null;
        state = State.IDLE;
        if (restart && autoRestart) {
            out.add(new StartTimer(TimerKind.IDLE_HOLD, jitter(config.idleHold())));
            idleHoldRunning = true;
        } else {
            autoRestart = false;
        }
    }

    private static String reason(StaleRoutes.Cause cause) {
        return switch (cause) {
            case StaleRoutes.Cause.TcpFailure t -> "connection closed";
            case StaleRoutes.Cause.NotificationSent s -> "sent " + s.notification().describe();
            case StaleRoutes.Cause.NotificationReceived r -> "received " + r.notification().describe();
            case StaleRoutes.Cause.LocalStop l -> "stopped";
        };
    }

    /** RFC 4271 section 10: a random factor in 0.75..1.0 keeps peers from synchronizing. */
    private Duration jitter(Duration base) {
        double r = Math.clamp(random.getAsDouble(), 0.0, 1.0);
        return Duration.ofNanos((long) (base.toNanos() * (0.75 + 0.25 * r)));
    }
}
