package io.bgplet.session;

import io.bgplet.wire.Notification;

/**
 * RFC 8538 section 5: which Cease goes out as Cease/Hard Reset (6/9) and how it is wrapped.
 * Only when both sides exchanged the N bit; a peer without it would not understand 6/9.
 */
public final class HardReset {
    private HardReset() {}

    /**
     * The table of RFC 8538 section 5: Maximum Number of Prefixes Reached (1), Administrative
     * Shutdown (2), Peer De-configured (3) and Hard Reset (9) MUST be Hard Reset;
     * Administrative Reset (4) is the operator's choice; the others SHOULD NOT be.
     */
    public static boolean shouldHardReset(int ceaseSubcode, boolean hardResetOnAdminReset) {
        return switch (ceaseSubcode) {
            case Notification.MAX_PREFIXES, Notification.ADMIN_SHUTDOWN, Notification.PEER_DECONFIGURED, Notification.HARD_RESET -> true;
            case Notification.ADMIN_RESET -> hardResetOnAdminReset;
            default -> false;
        };
    }

    /**
     * The NOTIFICATION to actually send: a Cease from the table wrapped as 6/9 whose data is
     * the original subcode's code, subcode and data (RFC 8538 section 3), when N was negotiated.
     */
    public static Notification apply(Notification n, boolean notificationBit, boolean hardResetOnAdminReset) {
        if (!notificationBit || n.code() != Notification.CEASE || n.subcode() == Notification.HARD_RESET) return n;
        if (!shouldHardReset(n.subcode(), hardResetOnAdminReset)) return n;
        byte[] inner = n.data();
        byte[] data = new byte[inner.length + 2];
        data[0] = (byte) n.code();
        data[1] = (byte) n.subcode();
        System.arraycopy(inner, 0, data, 2, inner.length);
        return new Notification(Notification.CEASE, Notification.HARD_RESET, data);
    }
}
