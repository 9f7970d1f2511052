package io.bgplet.bench;

import io.bgplet.interop.support.Netns;

import java.nio.file.Path;
import java.util.List;

/**
 * A device under test, started in its namespace pinned to CPU 1 with an equivalent config:
 * AS 64500, listening on 179, the generators as passive neighbours (AS 64501, import all,
 * export nothing to them), the sink as an active neighbour (AS 64502, export all), hold 240 s,
 * no MRAI, nothing installed in any kernel table.
 */
interface Dut extends AutoCloseable {
    int CPU = 1;

    /**
     * @param routerId   the DUT's address toward the generators
     * @param generators the generators' addresses
     * @param sink       the sink's address, or null (ingest: no export peer)
     * @param expect     prefixes the table has (bgplet's own ingest report)
     * @param api        serve the GoBGP API on 127.0.0.1:50051 (gobgpd always does)
     */
    record Plan(String routerId, List<String> generators, String sink, long expect, boolean ipv6, Path logDir, boolean api) {
        Plan(String routerId, List<String> generators, String sink, long expect, boolean ipv6, Path logDir) {
            this(routerId, generators, sink, expect, ipv6, logDir, false);
        }
    }

    String name();

    void start(Netns ns, Plan plan);

    /** The processes whose CPU and memory count as the DUT's. */
    List<Long> pids();

    /**
     * Waits until the DUT's own Loc-RIB holds n IPv4 prefixes; returns System.nanoTime at the
     * moment it knew (bgplet reports it itself; daemons are polled through their CLI).
     */
    long awaitIngest(long n, java.time.Duration timeout);

    @Override
    void close();

    static Dut of(String name) {
        return switch (name) {
            case "bgplet" -> new BgpletProcess();
            case "bird" -> new BirdDut();
            case "frr" -> new FrrDut();
            case "gobgp" -> new GobgpDut();
            default -> throw new IllegalArgumentException("unknown DUT " + name + " (bgplet, bird, frr, gobgp, none)");
        };
    }

    /** Polls count every interval until it reaches n; returns the nanoTime of that poll. */
    static long poll(java.util.function.LongSupplier count, long n, long intervalMillis, java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            try {
                last = count.getAsLong();
            } catch (RuntimeException e) {
                last = -1; // busy daemon: its CLI timed out; try again
            }
            long now = System.nanoTime();
            if (last >= n) return now;
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("DUT holds " + last + " of " + n + " prefixes after " + timeout);
    }
}
