package io.bgplet.session;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** A {@link TimerService} on a clock the test moves by hand. */
final class FakeTimers implements TimerService {
    private record Pending(long due, Runnable task) {}

    private final Map<TimerKind, Pending> timers = new EnumMap<>(TimerKind.class);
    private long now;

    @Override
    public void schedule(TimerKind kind, Duration after, Runnable onExpiry) {
        timers.put(kind, new Pending(now + after.toNanos(), onExpiry));
    }

    @Override
    public void cancel(TimerKind kind) {
        timers.remove(kind);
    }

    boolean running(TimerKind kind) {
        return timers.containsKey(kind);
    }

    Duration remaining(TimerKind kind) {
        return Duration.ofNanos(timers.get(kind).due() - now);
    }

    /** Moves the clock, firing due timers in time order (a fired timer may schedule others). */
    void advance(Duration d) {
        long end = now + d.toNanos();
        while (true) {
            TimerKind next = null;
            long due = Long.MAX_VALUE;
            for (var e : timers.entrySet()) {
                if (e.getValue().due() <= end && e.getValue().due() < due) {
                    due = e.getValue().due();
                    next = e.getKey();
                }
            }
            if (next == null) break;
            now = due;
            timers.remove(next).task().run();
        }
        now = end;
    }
}
