package io.bgplet.speaker;

/**
 * Instance-wide default actions an operator sets at run time (GoBGP's "global" policy
 * assignment): a gate in front of every neighbour's configured policies. Rejecting imports
 * drops every learned path from the Loc-RIB (they stay in the Adj-RIBs-In, RFC 4271 3.2);
 * rejecting exports withdraws every path from every peer (the Adj-RIBs-Out empty). Accepting
 * leaves the configured policies (CiliumBGP* resources) in charge. Not persisted: a restart
 * starts from {@link #CONFIGURED}.
 */
public record GlobalPolicy(boolean rejectImport, boolean rejectExport) {
    public static final GlobalPolicy CONFIGURED = new GlobalPolicy(false, false);
}
