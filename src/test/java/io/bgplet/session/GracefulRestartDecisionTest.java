package io.bgplet.session;

import io.bgplet.session.StaleRoutes.Cause;
import io.bgplet.wire.Family;
import io.bgplet.wire.Notification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4724 / RFC 8538 decisions: keep the peer's routes as stale or not; Hard Reset wrapping. */
class GracefulRestartDecisionTest {

    /**
     * GR negotiated | N on both sides | cause (tcp, local, sent C/S, received C/S) | retain.
     */
    @ParameterizedTest(name = "gr={0} n={1} {2} -> retain {3}")
    @CsvSource(delimiter = '|', textBlock = """
        false | false | tcp           | false
        true  | false | tcp           | true
        true  | true  | tcp           | true
        true  | true  | local         | false
        false | false | local         | false
        true  | false | sent 4/0      | false
        true  | true  | sent 4/0      | true
        true  | true  | sent 8/0      | true
        true  | true  | sent 3/1      | true
        true  | true  | sent 6/2      | true
        true  | true  | sent 6/9      | false
        true  | false | received 6/2  | false
        true  | true  | received 6/2  | true
        true  | true  | received 6/4  | true
        true  | true  | received 6/9  | false
        true  | true  | received 2/2  | true
        true  | false | received 3/1  | false
        false | false | received 6/2  | false
        """)
    void retainStale(boolean gr, boolean n, String cause, boolean retain) {
        assertThat(StaleRoutes.retain(negotiated(gr, n, Map.of(Family.IPV4_UNICAST, true)), cause(cause))).isEqualTo(retain);
    }

    @Test
    void nothingIsRetainedWhenThePeerListedNoFamily() {
        assertThat(StaleRoutes.retain(negotiated(true, true, Map.of()), new Cause.TcpFailure())).isFalse();
    }

    /** RFC 8538 section 5, GoBGP's ShouldHardReset: subcode | hard reset on admin reset | expected. */
    @ParameterizedTest(name = "Cease/{0} adminReset={1} -> {2}")
    @CsvSource({
        "1,false,true", "2,false,true", "3,false,true", "4,false,false", "4,true,true", "5,false,false",
        "6,false,false", "7,false,false", "8,false,false", "9,false,true", "10,false,false"})
    void shouldHardReset(int subcode, boolean adminReset, boolean expected) {
        assertThat(HardReset.shouldHardReset(subcode, adminReset)).isEqualTo(expected);
    }

    @Test
    void hardResetWrapsTheOriginalCodeSubcodeAndData() {
        Notification shutdown = Notification.shutdown(Notification.ADMIN_SHUTDOWN, "bye");
        Notification sent = HardReset.apply(shutdown, true, false);
        assertThat(sent.code()).isEqualTo(6);
        assertThat(sent.subcode()).isEqualTo(9);
        assertThat(sent.data()).containsExactly(6, 2, 3, 'b', 'y', 'e');
    }

    @Test
    void noHardResetWithoutTheNBitOrOutsideTheTable() {
        Notification shutdown = new Notification(6, 2);
        assertThat(HardReset.apply(shutdown, false, false)).isEqualTo(shutdown);
        Notification collision = new Notification(6, 7);
        assertThat(HardReset.apply(collision, true, false)).isEqualTo(collision);
        Notification hold = new Notification(4, 0);
        assertThat(HardReset.apply(hold, true, true)).isEqualTo(hold);
        Notification alreadyHard = new Notification(6, 9, new byte[] {6, 1});
        assertThat(HardReset.apply(alreadyHard, true, false)).isEqualTo(alreadyHard);
    }

    @Test
    void fsmSendsHardResetWithOriginalSubcodeOnManualStopWhenNNegotiated() {
        Fsm fsm = Fixtures.fsm(Fixtures.local());
        FsmTransitionTest.driveTo(fsm, "ESTABLISHED");
        var actions = fsm.handle(Event.ManualStop.cease(Notification.PEER_DECONFIGURED));
        var close = (Action.CloseConnection) actions.getFirst();
        assertThat(close.notification().orElseThrow().data()).containsExactly(6, 3);
    }

    @Test
    void plannedRestartClosesWithoutNotification() {
        // cilium#31346: a Cease on planned restart makes the peer flush; a bare close keeps GR.
        Fsm fsm = Fixtures.fsm(Fixtures.local());
        FsmTransitionTest.driveTo(fsm, "ESTABLISHED");
        var actions = fsm.handle(Event.ManualStop.silent());
        assertThat(actions.getFirst()).isEqualTo(Action.CloseConnection.silently());
        assertThat(actions).noneMatch(a -> a instanceof Action.SendMessage);
    }

    @Test
    void peerWithoutNBitGetsPlainCeaseAndFlushOnHoldExpiry() {
        Fsm fsm = Fixtures.fsm(Fixtures.local());
        fsm.handle(new Event.ManualStart());
        fsm.handle(new Event.TcpCrAcked());
        fsm.handle(new Event.MessageReceived(Fixtures.open(4, 65002, 90, Fixtures.ID_PEER, Fixtures.gr(false, true))));
        fsm.handle(new Event.MessageReceived(io.bgplet.wire.Keepalive.INSTANCE));
        var actions = fsm.handle(new Event.HoldTimerExpires());
        assertThat(actions).contains(new Action.SessionDown("sent Hold Timer Expired/subcode 0 (4/0)", false));
    }

    private static Negotiated negotiated(boolean gr, boolean n, Map<Family, Boolean> families) {
        return new Negotiated(65002, Fixtures.ID_PEER, false, 90, 30, Set.of(Family.IPV4_UNICAST), true, true, false, false,
                gr ? Optional.of(new Negotiated.GracefulRestartState(false, 120, families, n, false)) : Optional.empty());
    }

    private static Cause cause(String s) {
        if (s.equals("tcp")) return new Cause.TcpFailure();
        if (s.equals("local")) return new Cause.LocalStop();
        String[] p = s.split("[ /]");
        Notification n = new Notification(Integer.parseInt(p[1]), Integer.parseInt(p[2]));
        return p[0].equals("sent") ? new Cause.NotificationSent(n) : new Cause.NotificationReceived(n);
    }
}
