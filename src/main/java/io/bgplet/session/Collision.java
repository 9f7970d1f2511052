package io.bgplet.session;

/**
 * Connection collision resolution (RFC 4271 section 6.8): when two connections to one peer
 * reach OpenConfirm, the BGP identifiers decide which survives. The loser is sent
 * Cease/Connection Collision Resolution (6/7) through {@link Event.OpenCollisionDump}.
 */
public final class Collision {
    private Collision() {}

    /** Which connection to keep. */
    public enum Survivor { OUTBOUND, INBOUND }

    /**
     * Identifiers compare as unsigned 32-bit integers. If ours is lower, the connection we
     * initiated is closed and the one the peer initiated survives; otherwise the reverse.
     */
    public static Survivor resolve(int localId, int remoteId) {
        return Integer.compareUnsigned(localId, remoteId) < 0 ? Survivor.INBOUND : Survivor.OUTBOUND;
    }
}
