package io.bgplet.rib;

/**
 * The best-path step that separated the winner from every other candidate, in decision
 * order, so the API can show why a path won (like GoBGP's best-path reason).
 */
public enum DecidingStep {
    /** One candidate only: nothing to decide. */
    ONLY_PATH,
    /** Locally originated paths win over learned ones (GoBGP/Cilium, like Cisco's weight). */
    LOCAL_ORIGIN,
    /** RFC 4271 9.1.2.1: highest degree of preference (LOCAL_PREF). */
    LOCAL_PREF,
    /** RFC 4271 9.1.2.2 a: shortest AS_PATH. */
    AS_PATH_LENGTH,
    /** RFC 4271 9.1.2.2 b: lowest ORIGIN. */
    ORIGIN,
    /** RFC 4271 9.1.2.2 c: lowest MED among paths from the same neighbouring AS. */
    MED,
    /** RFC 4271 9.1.2.2 d: eBGP-learned over iBGP-learned. */
    EBGP_OVER_IBGP,
    /** RFC 4271 9.1.2.2 e: lowest IGP cost to the next hop. bgplet has no IGP: always equal, never decides. */
    IGP_METRIC,
    /** RFC 4271 9.1.2.2 f (ORIGINATOR_ID in place of it, RFC 4456 9): lowest BGP Identifier. */
    ROUTER_ID,
    /** RFC 4456 9: shortest CLUSTER_LIST. */
    CLUSTER_LIST_LENGTH,
    /** RFC 4271 9.1.2.2 g: lowest peer address (then source id, for local sources). */
    PEER_ADDRESS
}
