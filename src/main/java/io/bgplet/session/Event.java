package io.bgplet.session;

import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Message;
import io.bgplet.wire.Notification;

import java.util.Optional;

/** What happens to a session (RFC 4271 section 8.1), as values fed to {@link Fsm#handle}. */
public sealed interface Event {

    /** RFC 4271 event 1. */
    record ManualStart() implements Event {}

    /** RFC 4271 event 3 (and 4/5: passive is a property of the config). */
    record AutomaticStart() implements Event {}

    /**
     * RFC 4271 event 2. With no NOTIFICATION the TCP connection is just closed: that is how a
     * planned restart keeps graceful restart alive at the peer (RFC 4724 section 4; a Cease
     * would make the peer flush our routes, cilium#31346). With a Cease, subcodes 1, 2, 3
     * and 9 go out as Hard Reset when the N bit was exchanged (RFC 8538 section 5).
     */
    record ManualStop(Optional<Notification> notification) implements Event {
        public static ManualStop silent() {
            return new ManualStop(Optional.empty());
        }

        public static ManualStop cease(int subcode) {
            return new ManualStop(Optional.of(new Notification(Notification.CEASE, subcode)));
        }
    }

    /** RFC 4271 event 8, for example Cease/1 after too many prefixes (RFC 4486). */
    record AutomaticStop(Notification notification) implements Event {}

    /** RFC 4271 event 16 (Tcp_CR_Acked): our outgoing connection is up. */
    record TcpCrAcked() implements Event {}

    /** RFC 4271 event 17: we accepted a connection from the peer. */
    record TcpConnectionConfirmed() implements Event {}

    /** RFC 4271 event 18: the connection failed or the peer closed it. */
    record TcpConnectionFails() implements Event {}

    /** RFC 4271 event 9. */
    record ConnectRetryTimerExpires() implements Event {}

    /** RFC 4271 event 10. */
    record HoldTimerExpires() implements Event {}

    /** RFC 4271 event 11. */
    record KeepaliveTimerExpires() implements Event {}

    /** RFC 9687. */
    record SendHoldTimerExpires() implements Event {}

    /** RFC 4271 event 13. */
    record IdleHoldTimerExpires() implements Event {}

    /** Events 19, 25, 26, 27 and ROUTE-REFRESH: a well-formed message arrived. */
    record MessageReceived(Message message) implements Event {}

    /** An UPDATE that RFC 7606 lets the session survive (treat-as-withdraw, discard). */
    record UpdateSalvaged(DecodeResult.Salvaged result) implements Event {}

    /** Events 21/22/28: the codec found an error that resets the session. */
    record DecodeError(DecodeResult.Fatal fatal) implements Event {}

    /** RFC 4271 event 23: this connection lost collision resolution (section 6.8). */
    record OpenCollisionDump() implements Event {}

    /** RFC 9687: bytes reached the socket, so the peer is reading. */
    record SendProgress() implements Event {}
}
