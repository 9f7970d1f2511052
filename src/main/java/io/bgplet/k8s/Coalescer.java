package io.bgplet.k8s;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Paces the passes of a config source (read what changed, build a snapshot, hand it on).
 * The first change after a quiet period starts a pass at once: a fixed window in front of
 * every pass (the 100 ms the sources had) was the floor of change-to-wire latency. Changes
 * that arrive while a pass runs, or less than {@link #MIN_INTERVAL} after the last pass
 * started, are folded into one next pass, so the rate of passes stays bounded and a burst
 * still leaves in few, packed UPDATEs. Cilium's agent works the same way: a 1-deep
 * coalescing signal, with service changes rate-limited (reference/cilium-bgp.md, "Agent");
 * its limit is 100 ms, this one is shorter so that a change at 100 changes per second still
 * reaches the wire within 50 ms.
 *
 * <p>Passes run on the given executor, never two at once and never in the caller of
 * {@link #signal()}.
 */
public final class Coalescer {
    /** Passes start at least this far apart. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(25);

    private final ScheduledExecutorService executor;
    private final Runnable pass;
    private final long minIntervalNanos;
    private boolean scheduled;
    private boolean running;
    /** A signal came while the pass ran: run once more when it ends. */
    private boolean again;
    private boolean hasRun;
    private long lastStart;

    public Coalescer(ScheduledExecutorService executor, Runnable pass, Duration minInterval) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.pass = Objects.requireNonNull(pass, "pass");
        this.minIntervalNanos = minInterval.toNanos();
    }

    public Coalescer(ScheduledExecutorService executor, Runnable pass) {
        this(executor, pass, MIN_INTERVAL);
    }

    /** Something changed: a pass will run, at once when the last one is far enough back. */
    public synchronized void signal() {
        if (running) {
            again = true;
            return;
        }
        if (scheduled) return; // folded into the pass already scheduled
        long wait = hasRun ? Math.max(0, lastStart + minIntervalNanos - System.nanoTime()) : 0;
        scheduled = true;
        try {
            executor.schedule(this::run, wait, TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            scheduled = false; // shut down: the source is closing
        }
    }

    private void run() {
        synchronized (this) {
            scheduled = false;
            running = true;
            again = false;
            hasRun = true;
            lastStart = System.nanoTime();
        }
        try {
            pass.run();
        } finally {
            boolean more;
            synchronized (this) {
                running = false;
                more = again;
                again = false;
            }
            if (more) signal();
        }
    }
}
