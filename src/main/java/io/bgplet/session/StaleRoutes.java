package io.bgplet.session;

import io.bgplet.wire.Notification;

/**
 * When an Established session goes down, whether the peer's routes are kept as stale and
 * the receiving-speaker procedures of RFC 4724 section 4.2 run, or are withdrawn at once.
 */
public final class StaleRoutes {
    private StaleRoutes() {}

    /** Why the session went down, as far as graceful restart cares. */
    public sealed interface Cause {
        /** The TCP connection closed or failed with no NOTIFICATION (RFC 4724 section 4.2). */
        record TcpFailure() implements Cause {}

        /** We sent this NOTIFICATION (hold timer, send hold timer, errors, stops). */
        record NotificationSent(Notification notification) implements Cause {}

        /** The peer sent this NOTIFICATION. */
        record NotificationReceived(Notification notification) implements Cause {}

        /** We stopped the session on purpose (deconfigured, shut down): nothing to keep. */
        record LocalStop() implements Cause {}
    }

    /**
     * RFC 4724: a TCP failure keeps the routes of a GR-capable peer. RFC 8538 section 4: with
     * the N bit on both sides, any NOTIFICATION sent or received except Cease/Hard Reset also
     * does (hold timer expiry included, which sends 4/0); without N every NOTIFICATION flushes.
     * Nothing is kept when the peer announced no family in its GR capability.
     */
    public static boolean retain(Negotiated negotiated, Cause cause) {
        var gr = negotiated.gracefulRestart();
        if (gr.isEmpty() || gr.get().peerForwarding().isEmpty()) return false;
        boolean n = gr.get().notification();
        return switch (cause) {
            case Cause.TcpFailure t -> true;
            case Cause.NotificationSent s -> n && !isHardReset(s.notification());
            case Cause.NotificationReceived r -> n && !isHardReset(r.notification());
            case Cause.LocalStop l -> false;
        };
    }

    private static boolean isHardReset(Notification n) {
        return n.code() == Notification.CEASE && n.subcode() == Notification.HARD_RESET;
    }
}
