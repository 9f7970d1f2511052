package io.bgplet.session;

import io.bgplet.wire.Keepalive;
import io.bgplet.wire.Message;
import io.bgplet.wire.Notification;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two FSMs wired back to back through their drivers, on a fake clock: the whole life of a
 * session with no sockets. Messages "sent" by one arrive at the other at once unless the
 * link is cut.
 */
class SessionTest {
    private final FakeTimers clockA = new FakeTimers();
    private final FakeTimers clockB = new FakeTimers();
    private final List<Action> seenA = new ArrayList<>();
    private final List<Action> seenB = new ArrayList<>();
    private final List<Message> wireAtoB = new ArrayList<>();
    private final java.util.ArrayDeque<Runnable> network = new java.util.ArrayDeque<>();
    private boolean linkUp = true;
    private Session a;
    private Session b;

    private void wire(SessionConfig configA, SessionConfig configB) {
        a = new Session(Fixtures.fsm(configA), clockA, act -> onAction(act, seenA, true));
        b = new Session(Fixtures.fsm(configB), clockB, act -> onAction(act, seenB, false));
    }

    private void onAction(Action act, List<Action> seen, boolean fromA) {
        seen.add(act);
        Session other = fromA ? b : a;
        switch (act) {
            case Action.Connect c -> {
                // The other side accepts; both learn the connection is up, in that order.
                Session self = fromA ? a : b;
                network.add(() -> other.handle(new Event.TcpConnectionConfirmed()));
                network.add(() -> self.handle(new Event.TcpCrAcked()));
            }
            case Action.SendMessage s -> {
                if (fromA) wireAtoB.add(s.message());
                if (linkUp) network.add(() -> other.handle(new Event.MessageReceived(s.message())));
            }
            case Action.CloseConnection c -> {
                if (linkUp) {
                    c.notification().ifPresent(n -> network.add(() -> other.handle(new Event.MessageReceived(n))));
                    network.add(() -> other.handle(new Event.TcpConnectionFails()));
                }
            }
            default -> { }
        }
    }

    /** Delivers everything in flight, in order. */
    private void pump() {
        Runnable r;
        while ((r = network.poll()) != null) r.run();
    }

    private void start(Session s) {
        s.handle(new Event.ManualStart());
        pump();
    }

    /** Moves both clocks together in 100 ms steps, delivering messages between steps. */
    private void run(Duration d, boolean clockOfA, boolean clockOfB) {
        for (long t = 0; t < d.toMillis(); t += 100) {
            if (clockOfA) clockA.advance(Duration.ofMillis(100));
            pump();
            if (clockOfB) clockB.advance(Duration.ofMillis(100));
            pump();
        }
    }

    private static SessionConfig configA() {
        return Fixtures.local().withHoldTime(9, 0).withPassive(false);
    }

    private static SessionConfig configB() {
        return SessionConfig.of(65002, 65001, Fixtures.ID_PEER).withHoldTime(9, 0).withPassive(true)
                .withGracefulRestart(new SessionConfig.GracefulRestartConfig(120, false, true));
    }

    @Test
    void establishesAndKeepsAliveOnTheFakeClock() {
        wire(configA(), configB());
        start(b);
        assertThat(b.state()).isEqualTo(State.ACTIVE);
        start(a);
        assertThat(a.state()).isEqualTo(State.ESTABLISHED);
        assertThat(b.state()).isEqualTo(State.ESTABLISHED);
        var established = seenA.stream().filter(x -> x instanceof Action.SessionEstablished).map(x -> ((Action.SessionEstablished) x).negotiated()).findFirst().orElseThrow();
        assertThat(established.holdTime()).isEqualTo(9);
        assertThat(established.keepaliveTime()).isEqualTo(3);
        assertThat(established.notificationBit()).isTrue();

        wireAtoB.clear();
        run(Duration.ofSeconds(60), true, true);
        // 60 s at one KEEPALIVE per 3 s; the hold timers never fire because both keep talking.
        assertThat(wireAtoB).hasSize(20).allMatch(m -> m instanceof Keepalive);
        assertThat(a.state()).isEqualTo(State.ESTABLISHED);
        assertThat(b.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void silentPeerTripsTheHoldTimerAndKeepsRoutesWithNBit() {
        wire(configA(), configB());
        start(b);
        start(a);
        linkUp = false;
        run(Duration.ofMillis(8_900), true, false);
        assertThat(a.state()).isEqualTo(State.ESTABLISHED);
        run(Duration.ofMillis(200), true, false);
        assertThat(a.state()).isEqualTo(State.IDLE);
        assertThat(seenA).contains(Action.CloseConnection.with(new Notification(Notification.HOLD_TIMER_EXPIRED, 0)));
        assertThat(seenA.getLast()).isInstanceOf(Action.SessionDown.class);
        assertThat(((Action.SessionDown) seenA.getLast()).retainStale()).isTrue();
        // The IdleHoldTimer (5 s) restarts the session: A dials again.
        seenA.clear();
        clockA.advance(Duration.ofSeconds(5));
        assertThat(seenA).contains(new Action.Connect());
    }

    @Test
    void peerThatStopsReadingTripsTheSendHoldTimer() {
        wire(configA().withSendHoldTime(Duration.ofSeconds(30)), configB());
        start(b);
        start(a);
        // B keeps sending KEEPALIVEs (A's hold timer is fine) but A's writes never complete:
        // no SendProgress events reach A.
        run(Duration.ofSeconds(29), true, true);
        assertThat(a.state()).isEqualTo(State.ESTABLISHED);
        run(Duration.ofSeconds(2), true, true);
        assertThat(a.state()).isEqualTo(State.IDLE);
        assertThat(seenA).contains(Action.CloseConnection.with(new Notification(Notification.SEND_HOLD_TIMER_EXPIRED, 0)));
    }

    @Test
    void sendProgressKeepsTheSendHoldTimerAway() {
        wire(configA().withSendHoldTime(Duration.ofSeconds(30)), configB());
        start(b);
        start(a);
        for (int i = 0; i < 20; i++) {
            run(Duration.ofSeconds(3), true, true);
            a.handle(new Event.SendProgress());
        }
        assertThat(a.state()).isEqualTo(State.ESTABLISHED);
    }

    @Test
    void connectRetryIsJitteredBetweenThreeQuartersAndAll() {
        FakeTimers t = new FakeTimers();
        for (double r : new double[] {0.0, 0.5, 1.0}) {
            Session s = new Session(new Fsm(Fixtures.local(), () -> r), t, x -> { });
            s.handle(new Event.ManualStart());
            long expected = (long) (120_000 * (0.75 + 0.25 * r));
            assertThat(t.remaining(TimerKind.CONNECT_RETRY).toMillis()).isEqualTo(expected);
        }
        assertThat(expectedRange()).isTrue();
    }

    private static boolean expectedRange() {
        FakeTimers t = new FakeTimers();
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 200; i++) {
            Session s = new Session(new Fsm(Fixtures.local(), random::nextDouble), t, x -> { });
            s.handle(new Event.ManualStart());
            long ms = t.remaining(TimerKind.CONNECT_RETRY).toMillis();
            if (ms < 90_000 || ms > 120_000) return false;
        }
        return true;
    }

    @Test
    void manualStopStopsAutomaticRestart() {
        wire(configA(), configB());
        start(b);
        start(a);
        a.handle(Event.ManualStop.silent());
        pump();
        assertThat(a.state()).isEqualTo(State.IDLE);
        seenA.clear();
        clockA.advance(Duration.ofMinutes(10));
        assertThat(seenA).isEmpty();
        assertThat(clockA.running(TimerKind.IDLE_HOLD)).isFalse();
        // B saw a bare TCP close: routes retained (GR), and B restarts itself in Active.
        assertThat(seenB).contains(new Action.SessionDown("connection closed", true));
    }
}
