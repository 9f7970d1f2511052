package io.bgplet.speaker;

import io.bgplet.session.Negotiated;
import io.bgplet.session.transport.SessionListener;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Family;
import io.bgplet.wire.RouteRefresh;
import io.bgplet.wire.Update;

import java.util.List;

/**
 * Turns one session's callbacks (on its event loop) into commands for the writer, tagged
 * with the generation of the session they belong to, and stops reading the socket while
 * too many UPDATEs wait for the writer: back-pressure reaches the peer through TCP.
 */
final class Relay implements SessionListener {
    private final Speaker speaker;
    private final Neighbor neighbor;
    private final long generation;

    Relay(Speaker speaker, Neighbor neighbor, long generation) {
        this.speaker = speaker;
        this.neighbor = neighbor;
        this.generation = generation;
    }

    @Override
    public void onEstablished(Negotiated negotiated) {
        speaker.submit(new Command.Established(neighbor, generation, negotiated));
    }

    @Override
    public void onUpdate(Update update) {
        if (neighbor.pendingBatches.incrementAndGet() > Speaker.PAUSE_ABOVE && !neighbor.readPaused) {
            neighbor.readPaused = true;
            neighbor.peer.setAutoRead(false);
        }
        speaker.submit(new Command.Updates(neighbor, generation, List.of(update)));
    }

    @Override
    public void onSalvaged(DecodeResult.Salvaged salvaged, byte[] raw) {
        speaker.submit(new Command.Salvaged(neighbor, generation, salvaged, raw));
    }

    @Override
    public void onStateChange(io.bgplet.session.State from, io.bgplet.session.State to) {
        speaker.submit(new Command.StateChange(neighbor, generation, from, to));
    }

    @Override
    public void onNotification(io.bgplet.wire.Notification notification, boolean sent) {
        speaker.submit(new Command.NotificationSeen(neighbor, generation, notification, sent));
    }

    @Override
    public void onEndOfRib(Family family) {
        speaker.submit(new Command.EndOfRib(neighbor, generation, family));
    }

    @Override
    public void onRouteRefresh(RouteRefresh refresh) {
        speaker.submit(new Command.Refresh(neighbor, generation, refresh));
    }

    @Override
    public void onDown(String reason, boolean retainStale) {
        speaker.submit(new Command.Down(neighbor, generation, reason, retainStale));
    }

    @Override
    public void onWritabilityChanged(boolean writable) {
        if (writable) speaker.submit(new Command.Writable(neighbor));
    }
}
