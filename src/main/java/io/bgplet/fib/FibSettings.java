package io.bgplet.fib;

import io.bgplet.wire.Prefix;

import java.util.List;

/**
 * How learned routes go into the kernel: the table (254 is main), the metric (RTA_PRIORITY;
 * 20 like other BGP daemons, so a connected or static route of metric 0 still wins), and
 * prefix filters: a prefix is installed only when some {@code allow} entry covers it (an
 * empty list allows all) and no {@code deny} entry covers it.
 */
public record FibSettings(int table, int metric, List<Prefix> allow, List<Prefix> deny) {
    public static final int DEFAULT_METRIC = 20;

    public FibSettings {
        if (table <= 0) throw new IllegalArgumentException("table must be positive: " + table);
        if (metric < 0) throw new IllegalArgumentException("metric must not be negative: " + metric);
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
    }

    /** The main table, metric 20, no filters. */
    public static FibSettings defaults() {
        return new FibSettings(KernelRoute.RT_TABLE_MAIN, DEFAULT_METRIC, List.of(), List.of());
    }
}
