package io.bgplet.session.transport;

import io.bgplet.session.Negotiated;
import io.bgplet.wire.Family;
import io.bgplet.wire.Update;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** Records what a peer reports, for assertions from the test thread. */
final class RecordingListener implements SessionListener {
    final List<Negotiated> established = new CopyOnWriteArrayList<>();
    final List<Update> updates = new CopyOnWriteArrayList<>();
    final List<Family> endOfRib = new CopyOnWriteArrayList<>();
    final List<String> down = new CopyOnWriteArrayList<>();
    final List<Boolean> retained = new CopyOnWriteArrayList<>();
    final AtomicInteger writabilityChanges = new AtomicInteger();

    @Override
    public void onEstablished(Negotiated negotiated) {
        established.add(negotiated);
    }

    @Override
    public void onUpdate(Update update) {
        updates.add(update);
    }

    @Override
    public void onEndOfRib(Family family) {
        endOfRib.add(family);
    }

    @Override
    public void onDown(String reason, boolean retainStale) {
        down.add(reason);
        retained.add(retainStale);
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        writabilityChanges.incrementAndGet();
    }
}
