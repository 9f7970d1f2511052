package io.bgplet.session.transport;

import io.bgplet.session.TimerKind;
import io.bgplet.session.TimerService;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Timers on an event loop. A restart only moves a deadline; the scheduled task notices when
 * it fires and sleeps again for what is left. The hold timer restarts on every UPDATE, so
 * a restart must not touch the scheduler's queue.
 */
final class EventLoopTimers implements TimerService {
    private final EventExecutor loop;
    private final Runnable afterExpiry;
    private final Map<TimerKind, Slot> slots = new EnumMap<>(TimerKind.class);
    private boolean closed;

    private final class Slot {
        long deadline;
        boolean armed;
        Runnable task;
        ScheduledFuture<?> future;
        long futureDue;

        void fire() {
            future = null;
            if (!armed || closed) return;
            long left = deadline - System.nanoTime();
            if (left > 0) {
                schedule(left);
            } else {
                armed = false;
                task.run();
                afterExpiry.run();
            }
        }

        void schedule(long nanos) {
            futureDue = System.nanoTime() + nanos;
            future = loop.schedule(this::fire, nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * {@code afterExpiry} runs after every expiry has gone through the FSM, as after any other
     * event: the peer publishes its state and resolves collisions then (a hold timer expiry
     * must show as a state change at once, not at the next socket event).
     */
    EventLoopTimers(EventExecutor loop, Runnable afterExpiry) {
        this.loop = loop;
        this.afterExpiry = afterExpiry;
    }

    @Override
    public void schedule(TimerKind kind, Duration after, Runnable onExpiry) {
        if (closed) return;
        Slot s = slots.computeIfAbsent(kind, k -> new Slot());
        long nanos = after.toNanos();
        s.deadline = System.nanoTime() + nanos;
        s.armed = true;
        s.task = onExpiry;
        // Only an earlier deadline needs a new task; a later one is handled when it fires.
        if (s.future != null && s.futureDue > s.deadline) {
            s.future.cancel(false);
            s.future = null;
        }
        if (s.future == null) s.schedule(nanos);
    }

    @Override
    public void cancel(TimerKind kind) {
        Slot s = slots.get(kind);
        if (s == null) return;
        s.armed = false;
        if (s.future != null) {
            s.future.cancel(false);
            s.future = null;
        }
    }

    void close() {
        cancelAll();
        closed = true;
    }
}
