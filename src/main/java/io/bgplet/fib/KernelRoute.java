package io.bgplet.fib;

import io.bgplet.wire.Prefix;

import java.util.List;

/**
 * A route as the kernel holds it (struct rtmsg plus attributes): destination, table,
 * protocol (who installed it), metric (RTA_PRIORITY), type (RTN_UNICAST, RTN_LOCAL, ...)
 * and next hops (one RTA_GATEWAY/RTA_OIF, or the RTA_MULTIPATH entries).
 */
public record KernelRoute(Prefix prefix, int table, int protocol, int metric, int type, List<NextHop> nextHops) {
    public static final int RTN_UNICAST = 1;
    public static final int RTN_LOCAL = 2;
    public static final int RT_TABLE_MAIN = 254;

    public KernelRoute {
        nextHops = List.copyOf(nextHops);
    }
}
