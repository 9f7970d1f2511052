package io.bgplet.session;

import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Family;
import io.bgplet.wire.Message;
import io.bgplet.wire.Notification;
import io.bgplet.wire.RouteRefresh;
import io.bgplet.wire.Update;

import java.time.Duration;
import java.util.Optional;

/** What the FSM asks its driver to do, in order. */
public sealed interface Action {

    /** Open a TCP connection to the peer. */
    record Connect() implements Action {}

    record SendMessage(Message message) implements Action {}

    /**
     * Close the connection, after writing {@code notification} if there is one. Without one the
     * peer sees a plain TCP close (RFC 4724 section 4: graceful restart survives).
     */
    record CloseConnection(Optional<Notification> notification) implements Action {
        public static CloseConnection silently() {
            return new CloseConnection(Optional.empty());
        }

        public static CloseConnection with(Notification n) {
            return new CloseConnection(Optional.of(n));
        }
    }

    /** (Re)start a timer; a running one of the same kind is replaced. */
    record StartTimer(TimerKind kind, Duration duration) implements Action {}

    record StopTimer(TimerKind kind) implements Action {}

    /** OpenConfirm -> Established. */
    record SessionEstablished(Negotiated negotiated) implements Action {}

    /**
     * Established -> Idle. {@code retainStale}: keep the peer's routes as stale and run the
     * receiving-speaker procedures of RFC 4724 section 4.2 instead of withdrawing them.
     */
    record SessionDown(String reason, boolean retainStale) implements Action {}

    record DeliverUpdate(Update update) implements Action {}

    /** An UPDATE salvaged under RFC 7606; the consumer applies its action. */
    record DeliverSalvaged(DecodeResult.Salvaged result) implements Action {}

    /** RFC 4724 section 2. */
    record DeliverEndOfRib(Family family) implements Action {}

    /** RFC 2918 / RFC 7313. */
    record DeliverRouteRefresh(RouteRefresh refresh) implements Action {}
}
