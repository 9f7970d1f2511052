package io.bgplet.speaker;

import io.bgplet.wire.DecodeResult;

import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Logs malformed UPDATEs as RFC 7606 section 6 asks (the error and the affected routes),
 * rate-limited per neighbour: the first in each minute in full, then a count.
 */
final class Malformed {
    private static final Logger LOG = Logger.getLogger("io.bgplet.speaker.malformed");
    private static final long WINDOW_MS = 60_000;
    private static final ConcurrentHashMap<String, long[]> SEEN = new ConcurrentHashMap<>();

    private Malformed() {}

    static void log(NeighborConfig nc, DecodeResult.Salvaged s, byte[] raw) {
        long now = System.currentTimeMillis();
        long[] w = SEEN.computeIfAbsent(nc.address().getHostAddress(), k -> new long[] {0, 0});
        synchronized (w) {
            if (now - w[0] < WINDOW_MS) {
                w[1]++;
                return;
            }
            long suppressed = w[1];
            w[0] = now;
            w[1] = 0;
            LOG.warning(() -> "neighbor " + nc.name() + " " + nc.address().getHostAddress() + ": malformed UPDATE, "
                    + s.action() + ": " + String.join("; ", s.problems()) + "; routes " + s.update().treatAsWithdraw()
                    + (suppressed > 0 ? " (" + suppressed + " more in the last minute)" : "")
                    + "; message " + java.util.HexFormat.of().formatHex(raw));
        }
    }
}
