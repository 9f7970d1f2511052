package io.bgplet.rib;

/**
 * What a received path must pass before the Adj-RIB-In keeps it as a candidate: attributes an
 * external peer may not set are ignored, and a path looping through the local AS is not
 * eligible. Run before interning, so the stored set is the sanitised one.
 */
public final class Inbound {
    private Inbound() {}

    /**
     * The received attributes with what an external peer may not send removed: LOCAL_PREF
     * (RFC 4271 5.1.5: MUST be ignored from an external peer), ORIGINATOR_ID and CLUSTER_LIST
     * (RFC 4456 8, iBGP only; RFC 7606 7.9/7.10 discard them). Unchanged input comes back as is.
     */
    public static PathAttributes sanitize(PathAttributes received, Source from) {
        if (!from.ebgp()) return received;
        if (!received.hasLocalPref() && !received.hasOriginatorId() && received.clusterListLength() == 0) return received;
        return received.toBuilder().clearLocalPref().clearOriginatorId().clusterList(PathAttributes.NO_INTS).build();
    }

    /**
     * Whether the path may become a candidate: not if the local AS appears in its AS_PATH more
     * than allowOwnAs times (RFC 4271 9.1.2, GoBGP's allow-own-as). An ineligible path is kept
     * out of the Loc-RIB like a withdrawal.
     */
    public static boolean eligible(PathAttributes attributes, long localAs, int allowOwnAs) {
        return !AsLoop.isLoop(attributes, localAs, allowOwnAs);
    }
}
