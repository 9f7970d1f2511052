package io.bgplet.interop.support;

import java.util.List;

/**
 * A route as a peer daemon reports it (parsed from its CLI), in one shape for every daemon
 * so a test can compare what two daemons saw.
 *
 * @param prefix           "198.18.1.0/24"
 * @param asPath           AS numbers in order (sets flattened), empty for a local route
 * @param nextHop          the (global) next hop
 * @param med              MULTI_EXIT_DISC or null
 * @param localPref        LOCAL_PREF or null
 * @param communities      "65001:100"
 * @param largeCommunities "65001:1:2"
 * @param stale            marked stale by graceful restart (RFC 4724)
 * @param best             selected as best by the daemon
 * @param unknown          attributes the daemon did not interpret, "type/flags/hexvalue" (GoBGP only)
 */
public record Route(String prefix, List<Long> asPath, String nextHop, Long med, Long localPref,
                    List<String> communities, List<String> largeCommunities, boolean stale, boolean best,
                    List<String> unknown) {

    public Route {
        asPath = List.copyOf(asPath);
        communities = List.copyOf(communities);
        largeCommunities = List.copyOf(largeCommunities);
        unknown = List.copyOf(unknown);
    }
}
