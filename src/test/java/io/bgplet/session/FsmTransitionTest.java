package io.bgplet.session;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.ErrorAction;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Keepalive;
import io.bgplet.wire.Notification;
import io.bgplet.wire.RouteRefresh;
import io.bgplet.wire.Update;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 4271 section 8.2.2 as a table: state x event -> next state and actions. The session is
 * AS 65001 to AS 65002 with hold 90 (keepalive 30), retry 120 s, idle hold 5 s, GR with the N
 * bit on both sides (so Established rows show the RFC 8538 decisions). IDLE* is Idle after an
 * error, with the IdleHoldTimer running. "stop all" = stop CONNECT_RETRY, HOLD, KEEPALIVE,
 * SEND_HOLD; "down retain" / "down flush" = SessionDown keeping or dropping the peer's routes.
 */
class FsmTransitionTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
        IDLE         | ManualStart              | CONNECT      | start CONNECT_RETRY 120s, connect
        IDLE         | AutomaticStart           | CONNECT      | start CONNECT_RETRY 120s, connect
        IDLE         | ManualStop               | IDLE         |
        IDLE         | ManualStopCease          | IDLE         |
        IDLE         | AutomaticStop            | IDLE         |
        IDLE         | TcpCrAcked               | IDLE         | close
        IDLE         | TcpConnectionConfirmed   | IDLE         | close
        IDLE         | TcpConnectionFails       | IDLE         |
        IDLE         | ConnectRetryTimerExpires | IDLE         |
        IDLE         | HoldTimerExpires         | IDLE         |
        IDLE         | KeepaliveTimerExpires    | IDLE         |
        IDLE         | SendHoldTimerExpires     | IDLE         |
        IDLE         | IdleHoldTimerExpires     | IDLE         |
        IDLE         | Open                     | IDLE         |
        IDLE         | BadOpen                  | IDLE         |
        IDLE         | Keepalive                | IDLE         |
        IDLE         | Update                   | IDLE         |
        IDLE         | EndOfRib                 | IDLE         |
        IDLE         | RouteRefresh             | IDLE         |
        IDLE         | Notification             | IDLE         |
        IDLE         | HardReset                | IDLE         |
        IDLE         | Salvaged                 | IDLE         |
        IDLE         | DecodeError              | IDLE         |
        IDLE         | CollisionDump            | IDLE         |
        IDLE         | SendProgress             | IDLE         |
        IDLE*        | IdleHoldTimerExpires     | CONNECT      | start CONNECT_RETRY 120s, connect
        IDLE*        | ManualStart              | CONNECT      | stop IDLE_HOLD, start CONNECT_RETRY 120s, connect
        IDLE*        | AutomaticStart           | CONNECT      | stop IDLE_HOLD, start CONNECT_RETRY 120s, connect
        IDLE*        | ManualStop               | IDLE         | stop IDLE_HOLD
        IDLE*        | TcpConnectionConfirmed   | IDLE         | close
        IDLE*        | Open                     | IDLE         |
        CONNECT      | ManualStart              | CONNECT      |
        CONNECT      | AutomaticStart           | CONNECT      |
        CONNECT      | ManualStop               | IDLE         | close, stop all
        CONNECT      | ManualStopCease          | IDLE         | close, stop all
        CONNECT      | AutomaticStop            | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | TcpCrAcked               | OPEN_SENT    | stop CONNECT_RETRY, send OPEN, start HOLD 240s
        CONNECT      | TcpConnectionConfirmed   | OPEN_SENT    | stop CONNECT_RETRY, send OPEN, start HOLD 240s
        CONNECT      | TcpConnectionFails       | ACTIVE       | start CONNECT_RETRY 120s
        CONNECT      | ConnectRetryTimerExpires | CONNECT      | close, start CONNECT_RETRY 120s, connect
        CONNECT      | HoldTimerExpires         | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | KeepaliveTimerExpires    | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | SendHoldTimerExpires     | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | IdleHoldTimerExpires     | CONNECT      |
        CONNECT      | Open                     | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | BadOpen                  | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | Keepalive                | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | Update                   | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | EndOfRib                 | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | RouteRefresh             | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | Notification             | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | HardReset                | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | Salvaged                 | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | DecodeError              | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | CollisionDump            | IDLE         | close, stop all, start IDLE_HOLD 5s
        CONNECT      | SendProgress             | CONNECT      |
        ACTIVE       | ManualStart              | ACTIVE       |
        ACTIVE       | AutomaticStart           | ACTIVE       |
        ACTIVE       | ManualStop               | IDLE         | close, stop all
        ACTIVE       | ManualStopCease          | IDLE         | close, stop all
        ACTIVE       | AutomaticStop            | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | TcpCrAcked               | OPEN_SENT    | stop CONNECT_RETRY, send OPEN, start HOLD 240s
        ACTIVE       | TcpConnectionConfirmed   | OPEN_SENT    | stop CONNECT_RETRY, send OPEN, start HOLD 240s
        ACTIVE       | TcpConnectionFails       | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | ConnectRetryTimerExpires | CONNECT      | start CONNECT_RETRY 120s, connect
        ACTIVE       | HoldTimerExpires         | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | KeepaliveTimerExpires    | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | SendHoldTimerExpires     | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | IdleHoldTimerExpires     | ACTIVE       |
        ACTIVE       | Open                     | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | BadOpen                  | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | Keepalive                | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | Update                   | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | EndOfRib                 | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | RouteRefresh             | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | Notification             | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | HardReset                | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | Salvaged                 | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | DecodeError              | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | CollisionDump            | IDLE         | close, stop all, start IDLE_HOLD 5s
        ACTIVE       | SendProgress             | ACTIVE       |
        OPEN_SENT    | ManualStart              | OPEN_SENT    |
        OPEN_SENT    | AutomaticStart           | OPEN_SENT    |
        OPEN_SENT    | ManualStop               | IDLE         | close, stop all
        OPEN_SENT    | ManualStopCease          | IDLE         | close 6/2, stop all
        OPEN_SENT    | AutomaticStop            | IDLE         | close 6/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | TcpCrAcked               | OPEN_SENT    |
        OPEN_SENT    | TcpConnectionConfirmed   | OPEN_SENT    |
        OPEN_SENT    | TcpConnectionFails       | ACTIVE       | close, stop HOLD, start CONNECT_RETRY 120s
        OPEN_SENT    | ConnectRetryTimerExpires | IDLE         | close 5/0, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | HoldTimerExpires         | IDLE         | close 4/0, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | KeepaliveTimerExpires    | IDLE         | close 5/0, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | SendHoldTimerExpires     | IDLE         | close 5/0, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | IdleHoldTimerExpires     | OPEN_SENT    |
        OPEN_SENT    | Open                     | OPEN_CONFIRM | send KEEPALIVE, start HOLD 90s, start KEEPALIVE 30s
        OPEN_SENT    | BadOpen                  | IDLE         | close 2/2, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | Keepalive                | IDLE         | close 5/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | Update                   | IDLE         | close 5/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | EndOfRib                 | IDLE         | close 5/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | RouteRefresh             | IDLE         | close 5/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | Notification             | IDLE         | close, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | HardReset                | IDLE         | close, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | Salvaged                 | IDLE         | close 5/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | DecodeError              | IDLE         | close 1/1, stop all, start IDLE_HOLD 5s
        OPEN_SENT    | CollisionDump            | IDLE         | close 6/7, stop all
        OPEN_SENT    | SendProgress             | OPEN_SENT    |
        OPEN_CONFIRM | ManualStart              | OPEN_CONFIRM |
        OPEN_CONFIRM | AutomaticStart           | OPEN_CONFIRM |
        OPEN_CONFIRM | ManualStop               | IDLE         | close, stop all
        OPEN_CONFIRM | ManualStopCease          | IDLE         | close 6/9, stop all
        OPEN_CONFIRM | AutomaticStop            | IDLE         | close 6/9, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | TcpCrAcked               | OPEN_CONFIRM |
        OPEN_CONFIRM | TcpConnectionConfirmed   | OPEN_CONFIRM |
        OPEN_CONFIRM | TcpConnectionFails       | IDLE         | close, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | ConnectRetryTimerExpires | IDLE         | close 5/0, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | HoldTimerExpires         | IDLE         | close 4/0, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | KeepaliveTimerExpires    | OPEN_CONFIRM | send KEEPALIVE, start KEEPALIVE 30s
        OPEN_CONFIRM | SendHoldTimerExpires     | IDLE         | close 5/0, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | IdleHoldTimerExpires     | OPEN_CONFIRM |
        OPEN_CONFIRM | Open                     | IDLE         | close 5/2, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | BadOpen                  | IDLE         | close 5/2, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | Keepalive                | ESTABLISHED  | start HOLD 90s, start SEND_HOLD 480s, established
        OPEN_CONFIRM | Update                   | IDLE         | close 5/2, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | EndOfRib                 | IDLE         | close 5/2, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | RouteRefresh             | IDLE         | close 5/2, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | Notification             | IDLE         | close, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | HardReset                | IDLE         | close, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | Salvaged                 | IDLE         | close 5/2, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | DecodeError              | IDLE         | close 1/1, stop all, start IDLE_HOLD 5s
        OPEN_CONFIRM | CollisionDump            | IDLE         | close 6/7, stop all
        OPEN_CONFIRM | SendProgress             | OPEN_CONFIRM |
        ESTABLISHED  | ManualStart              | ESTABLISHED  |
        ESTABLISHED  | AutomaticStart           | ESTABLISHED  |
        ESTABLISHED  | ManualStop               | IDLE         | close, stop all, down flush
        ESTABLISHED  | ManualStopCease          | IDLE         | close 6/9, stop all, down flush
        ESTABLISHED  | AutomaticStop            | IDLE         | close 6/9, stop all, down flush, start IDLE_HOLD 5s
        ESTABLISHED  | TcpCrAcked               | ESTABLISHED  |
        ESTABLISHED  | TcpConnectionConfirmed   | ESTABLISHED  |
        ESTABLISHED  | TcpConnectionFails       | IDLE         | close, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | ConnectRetryTimerExpires | IDLE         | close 5/0, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | HoldTimerExpires         | IDLE         | close 4/0, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | KeepaliveTimerExpires    | ESTABLISHED  | send KEEPALIVE, start KEEPALIVE 30s
        ESTABLISHED  | SendHoldTimerExpires     | IDLE         | close 8/0, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | IdleHoldTimerExpires     | ESTABLISHED  |
        ESTABLISHED  | Open                     | IDLE         | close 5/3, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | BadOpen                  | IDLE         | close 5/3, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | Keepalive                | ESTABLISHED  | start HOLD 90s
        ESTABLISHED  | Update                   | ESTABLISHED  | start HOLD 90s, deliver update
        ESTABLISHED  | EndOfRib                 | ESTABLISHED  | start HOLD 90s, deliver eor ipv4-unicast
        ESTABLISHED  | RouteRefresh             | ESTABLISHED  | start HOLD 90s, deliver refresh
        ESTABLISHED  | RouteRefreshOtherFamily  | ESTABLISHED  | start HOLD 90s
        ESTABLISHED  | Notification             | IDLE         | close, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | HardReset                | IDLE         | close, stop all, down flush, start IDLE_HOLD 5s
        ESTABLISHED  | Salvaged                 | ESTABLISHED  | start HOLD 90s, deliver salvaged
        ESTABLISHED  | DecodeError              | IDLE         | close 1/1, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | CollisionDump            | IDLE         | close 6/7, stop all, down retain, start IDLE_HOLD 5s
        ESTABLISHED  | SendProgress             | ESTABLISHED  | start SEND_HOLD 480s
        """)
    void transition(String from, String event, String to, String actions) {
        Fsm fsm = Fixtures.fsm(Fixtures.local());
        driveTo(fsm, from);
        List<Action> out = fsm.handle(event(event));
        assertThat(fsm.state()).isEqualTo(State.valueOf(to));
        assertThat(describe(out)).isEqualTo(actions == null ? "" : actions);
    }

    /** Reaches a state the way a real session does. */
    static void driveTo(Fsm fsm, String state) {
        List<Event> path = switch (state) {
            case "IDLE" -> List.of();
            case "IDLE*" -> List.of(new Event.ManualStart(), new Event.HoldTimerExpires());
            case "CONNECT" -> List.of(new Event.ManualStart());
            case "ACTIVE" -> List.of(new Event.ManualStart(), new Event.TcpConnectionFails());
            case "OPEN_SENT" -> List.of(new Event.ManualStart(), new Event.TcpCrAcked());
            case "OPEN_CONFIRM" -> List.of(new Event.ManualStart(), new Event.TcpCrAcked(), new Event.MessageReceived(Fixtures.peerOpen()));
            case "ESTABLISHED" -> List.of(new Event.ManualStart(), new Event.TcpCrAcked(), new Event.MessageReceived(Fixtures.peerOpen()),
                    new Event.MessageReceived(Keepalive.INSTANCE));
            default -> throw new IllegalArgumentException(state);
        };
        for (Event e : path) fsm.handle(e);
        assertThat(fsm.state().name()).isEqualTo(state.replace("*", ""));
    }

    static Event event(String name) {
        Update update = new Update(List.of(), List.of(new Attribute.Origin(0)), List.of(new Ipv4Prefix(Fixtures.ip(198, 51, 100, 0), 24)));
        return switch (name) {
            case "ManualStart" -> new Event.ManualStart();
            case "AutomaticStart" -> new Event.AutomaticStart();
            case "ManualStop" -> Event.ManualStop.silent();
            case "ManualStopCease" -> Event.ManualStop.cease(Notification.ADMIN_SHUTDOWN);
            case "AutomaticStop" -> new Event.AutomaticStop(new Notification(Notification.CEASE, Notification.MAX_PREFIXES));
            case "TcpCrAcked" -> new Event.TcpCrAcked();
            case "TcpConnectionConfirmed" -> new Event.TcpConnectionConfirmed();
            case "TcpConnectionFails" -> new Event.TcpConnectionFails();
            case "ConnectRetryTimerExpires" -> new Event.ConnectRetryTimerExpires();
            case "HoldTimerExpires" -> new Event.HoldTimerExpires();
            case "KeepaliveTimerExpires" -> new Event.KeepaliveTimerExpires();
            case "SendHoldTimerExpires" -> new Event.SendHoldTimerExpires();
            case "IdleHoldTimerExpires" -> new Event.IdleHoldTimerExpires();
            case "Open" -> new Event.MessageReceived(Fixtures.peerOpen());
            case "BadOpen" -> new Event.MessageReceived(Fixtures.open(4, 65099, 90, Fixtures.ID_PEER));
            case "Keepalive" -> new Event.MessageReceived(Keepalive.INSTANCE);
            case "Update" -> new Event.MessageReceived(update);
            case "EndOfRib" -> new Event.MessageReceived(Update.endOfRib(Family.IPV4_UNICAST));
            case "RouteRefresh" -> new Event.MessageReceived(RouteRefresh.request(Family.IPV4_UNICAST));
            case "RouteRefreshOtherFamily" -> new Event.MessageReceived(RouteRefresh.request(Family.IPV6_UNICAST));
            case "Notification" -> new Event.MessageReceived(new Notification(Notification.CEASE, Notification.ADMIN_SHUTDOWN));
            case "HardReset" -> new Event.MessageReceived(new Notification(Notification.CEASE, Notification.HARD_RESET, new byte[] {6, 2}));
            case "Salvaged" -> new Event.UpdateSalvaged(new DecodeResult.Salvaged(update, ErrorAction.TREAT_AS_WITHDRAW, List.of("bad MED length")));
            case "DecodeError" -> new Event.DecodeError(new DecodeResult.Fatal(
                    new Notification(Notification.MESSAGE_HEADER_ERROR, Notification.CONNECTION_NOT_SYNCHRONIZED), "bad marker"));
            case "CollisionDump" -> new Event.OpenCollisionDump();
            case "SendProgress" -> new Event.SendProgress();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** One short phrase per action; a stop of every session timer in a row reads "stop all". */
    static String describe(List<Action> actions) {
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < actions.size()) {
            if (i + 4 <= actions.size() && actions.subList(i, i + 4).equals(List.of(
                    new Action.StopTimer(TimerKind.CONNECT_RETRY), new Action.StopTimer(TimerKind.HOLD),
                    new Action.StopTimer(TimerKind.KEEPALIVE), new Action.StopTimer(TimerKind.SEND_HOLD)))) {
                parts.add("stop all");
                i += 4;
                continue;
            }
            parts.add(describe(actions.get(i++)));
        }
        return String.join(", ", parts);
    }

    static String describe(Action a) {
        return switch (a) {
            case Action.Connect c -> "connect";
            case Action.SendMessage s -> "send " + switch (s.message()) {
                case io.bgplet.wire.Open o -> "OPEN";
                case Keepalive k -> "KEEPALIVE";
                case Update u -> "UPDATE";
                case Notification n -> "NOTIFICATION";
                case RouteRefresh r -> "ROUTE-REFRESH";
            };
            case Action.CloseConnection c -> c.notification().map(n -> "close " + n.code() + "/" + n.subcode()).orElse("close");
            case Action.StartTimer s -> "start " + s.kind() + " " + seconds(s.duration());
            case Action.StopTimer s -> "stop " + s.kind();
            case Action.SessionEstablished e -> "established";
            case Action.SessionDown d -> d.retainStale() ? "down retain" : "down flush";
            case Action.DeliverUpdate u -> "deliver update";
            case Action.DeliverSalvaged s -> "deliver salvaged";
            case Action.DeliverEndOfRib e -> "deliver eor " + e.family();
            case Action.DeliverRouteRefresh r -> "deliver refresh";
        };
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
