package io.bgplet.session;

import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * Drives one {@link Fsm}: executes its timer actions with a {@link TimerService}, feeds timer
 * expiries back as events and hands every other action to the sink (the transport). Events
 * raised while actions run (a close that reports a failure at once) are queued, so the FSM
 * always sees them one at a time and in order. Single-threaded.
 */
public final class Session {
    private final Fsm fsm;
    private final TimerService timers;
    private final Consumer<Action> sink;
    private final ArrayDeque<Event> pending = new ArrayDeque<>();
    private boolean running;

    public Session(Fsm fsm, TimerService timers, Consumer<Action> sink) {
        this.fsm = fsm;
        this.timers = timers;
        this.sink = sink;
    }

    public Fsm fsm() {
        return fsm;
    }

    public State state() {
        return fsm.state();
    }

    public void handle(Event event) {
        pending.add(event);
        if (running) return;
        running = true;
        try {
            Event e;
            while ((e = pending.poll()) != null) {
                for (Action a : fsm.handle(e)) execute(a);
            }
        } finally {
            running = false;
        }
    }

    private void execute(Action a) {
        switch (a) {
            case Action.StartTimer s -> timers.schedule(s.kind(), s.duration(), () -> handle(s.kind().expiry()));
            case Action.StopTimer s -> timers.cancel(s.kind());
            default -> sink.accept(a);
        }
    }
}
