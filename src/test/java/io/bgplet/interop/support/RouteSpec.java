package io.bgplet.interop.support;

import java.util.List;

/**
 * A route for a peer daemon to originate. Launchers honour what their daemon can express
 * (see each launcher's notes); anything else is refused with an exception, never dropped.
 *
 * @param prefix           "198.18.1.0/24" or "2001:db8:1::/48"
 * @param nextHop          NEXT_HOP / MP_REACH next hop, or null for the daemon's own address
 * @param med              MULTI_EXIT_DISC, or null
 * @param communities      RFC 1997, "65001:100"
 * @param largeCommunities RFC 8092, "65001:1:2"
 * @param prepend          AS numbers prepended to the AS path (the daemon adds its own AS)
 */
public record RouteSpec(String prefix, String nextHop, Long med, List<String> communities,
                        List<String> largeCommunities, List<Long> prepend) {

    public RouteSpec {
        communities = List.copyOf(communities);
        largeCommunities = List.copyOf(largeCommunities);
        prepend = List.copyOf(prepend);
        if (!prefix.contains("/")) throw new IllegalArgumentException("prefix needs a length: " + prefix);
    }

    public static RouteSpec of(String prefix) {
        return new RouteSpec(prefix, null, null, List.of(), List.of(), List.of());
    }

    public RouteSpec nextHop(String nh) {
        return new RouteSpec(prefix, nh, med, communities, largeCommunities, prepend);
    }

    public RouteSpec med(long m) {
        return new RouteSpec(prefix, nextHop, m, communities, largeCommunities, prepend);
    }

    public RouteSpec communities(String... cs) {
        return new RouteSpec(prefix, nextHop, med, List.of(cs), largeCommunities, prepend);
    }

    public RouteSpec largeCommunities(String... cs) {
        return new RouteSpec(prefix, nextHop, med, communities, List.of(cs), prepend);
    }

    public RouteSpec prepend(Long... asns) {
        return new RouteSpec(prefix, nextHop, med, communities, largeCommunities, List.of(asns));
    }

    public boolean isIpv6() {
        return prefix.contains(":");
    }
}
