package io.bgplet.session.transport;

import io.bgplet.session.Negotiated;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Family;
import io.bgplet.wire.RouteRefresh;
import io.bgplet.wire.Update;

/**
 * What a {@link Peer} tells its consumer (the speaker). Called on the peer's event loop, in
 * order; implementations must not block. To slow a peer down, call
 * {@link Peer#setAutoRead(boolean)}; to learn when it may write again, watch
 * {@link #onWritabilityChanged(boolean)}.
 */
public interface SessionListener {
    void onEstablished(Negotiated negotiated);

    void onUpdate(Update update);

    /** An UPDATE salvaged under RFC 7606: apply its action (treat-as-withdraw or discard). */
    default void onSalvaged(DecodeResult.Salvaged salvaged) {}

    /** The same, with the message's bytes for the log (RFC 7606 section 6). */
    default void onSalvaged(DecodeResult.Salvaged salvaged, byte[] raw) {
        onSalvaged(salvaged);
    }

    /** The FSM state of the peer's (surviving) connection changed. */
    default void onStateChange(io.bgplet.session.State from, io.bgplet.session.State to) {}

    /** A NOTIFICATION this session sent (sent = true) or received. */
    default void onNotification(io.bgplet.wire.Notification notification, boolean sent) {}

    default void onEndOfRib(Family family) {}

    default void onRouteRefresh(RouteRefresh refresh) {}

    /** The session left Established; retainStale says whether to keep the routes (RFC 4724). */
    void onDown(String reason, boolean retainStale);

    /** The connection's outbound buffer crossed its high (false) or low (true) water mark. */
    default void onWritabilityChanged(boolean writable) {}
}
