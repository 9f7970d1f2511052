package io.bgplet.api;

import apipb.Gobgp;
import io.bgplet.rib.BestChange;
import io.bgplet.rib.Path;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerListener;
import io.bgplet.wire.Family;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WatchEvent call. The speaker calls it on its writer thread, so it only enqueues the
 * immutable snapshots it is given; messages are built and sent on another thread as the
 * client takes them. The queue is bounded by pending items (a route change counts one): a
 * client that falls that far behind is dropped with RESOURCE_EXHAUSTED rather than letting
 * it hold the speaker's memory.
 */
final class EventWatch implements SpeakerListener {
    /** Room for a full IPv4 table's worth of changes, so an init of one fits. */
    static final long LIMIT = 1_200_000;

    private sealed interface Item {}
    private record PeerItem(Gobgp.WatchEventResponse.PeerEvent.Type type, NeighborStatus status) implements Item {}
    private record EndOfInit() implements Item {}
    private record BestItem(List<BestChange> changes) implements Item {}

    private final ServerCallStreamObserver<Gobgp.WatchEventResponse> out;
    private final boolean peers;
    private final boolean best;
    private final long limit;
    private final Executor executor;
    private final Clock clock;
    private volatile InstanceConfig instance;
    private final ConcurrentLinkedQueue<Item> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean closed;
    /** Written on the speaker's writer only (subscribe's query and the listener callbacks). */
    private final java.util.Map<java.net.InetAddress, String> lastState = new java.util.HashMap<>();
    private final Speaker speaker;

    EventWatch(ServerCallStreamObserver<Gobgp.WatchEventResponse> out, boolean peers, boolean best, long limit,
               Executor executor, Clock clock, Speaker speaker) {
        this.speaker = speaker;
        this.out = out;
        this.peers = peers;
        this.best = best;
        this.limit = limit;
        this.executor = executor;
        this.clock = clock;
        out.setOnCancelHandler(this::close);
        out.setOnReadyHandler(this::schedule);
    }

    private void close() {
        closed = true;
        queue.clear();
        speaker.removeListener(this);
    }

    /**
     * Subscribes on the writer thread itself, so the initial snapshot and the live events
     * that follow are in order with nothing lost or repeated.
     */
    void subscribe(boolean tableInit) {
        speaker.query(v -> {
            instance = v.config();
            if (peers) {
                for (NeighborStatus s : v.neighbors()) {
                    lastState.put(s.config().address(), stateKey(s));
                    offer(new PeerItem(Gobgp.WatchEventResponse.PeerEvent.Type.INIT, s), 1);
                }
                offer(new EndOfInit(), 1);
            }
            if (best && tableInit) {
                for (Family f : Family.supportedFamilies()) {
                    List<BestChange> now = new ArrayList<>();
                    v.locRib().forEachBest(f, (p, path) -> now.add(new BestChange(p, null, path, List.of(path))));
                    if (!now.isEmpty()) offer(new BestItem(now), now.size());
                }
            }
            speaker.addListener(this);
            return null;
        });
    }

    /**
     * GoBGP sends STATE when the session or admin state changes; the speaker also reports a
     * neighbour after route-count changes and resets, which would repeat the same line.
     */
    @Override
    public void onNeighborState(NeighborStatus status) {
        if (!peers) return;
        String key = stateKey(status);
        if (key.equals(lastState.put(status.config().address(), key))) return;
        offer(new PeerItem(Gobgp.WatchEventResponse.PeerEvent.Type.STATE, status), 1);
    }

    private static String stateKey(NeighborStatus s) {
        return s.state() + "/" + s.adminDown();
    }

    @Override
    public void onBestChanges(Family family, List<BestChange> changes) {
        if (best) offer(new BestItem(changes), changes.size());
    }

    private void offer(Item item, long weight) {
        if (closed) return;
        if (pending.addAndGet(weight) > limit) {
            close();
            executor.execute(() -> {
                synchronized (this) {
                    out.onError(Status.RESOURCE_EXHAUSTED.withDescription("WatchEvent client too slow: more than " + limit
                            + " events pending, watch dropped").asRuntimeException());
                }
            });
            return;
        }
        queue.add(item);
        schedule();
    }

    private void schedule() {
        if (draining.compareAndSet(false, true)) executor.execute(this::drain);
    }

    private void drain() {
        try {
            synchronized (this) {
                while (!closed && out.isReady()) {
                    Item item = queue.poll();
                    if (item == null) break;
                    pending.addAndGet(-weight(item));
                    out.onNext(message(item));
                }
            }
        } finally {
            draining.set(false);
        }
        if (!closed && !queue.isEmpty() && out.isReady()) schedule();
    }

    private static long weight(Item item) {
        return item instanceof BestItem b ? b.changes().size() : 1;
    }

    private Gobgp.WatchEventResponse message(Item item) {
        return switch (item) {
            case PeerItem p -> Gobgp.WatchEventResponse.newBuilder().setPeer(Gobgp.WatchEventResponse.PeerEvent.newBuilder()
                    .setType(p.type()).setPeer(ApiPeers.peer(instance, p.status(), false))).build();
            case EndOfInit e -> Gobgp.WatchEventResponse.newBuilder().setPeer(Gobgp.WatchEventResponse.PeerEvent.newBuilder()
                    .setType(Gobgp.WatchEventResponse.PeerEvent.Type.END_OF_INIT)
                    .setPeer(Gobgp.Peer.newBuilder().setConf(Gobgp.PeerConf.getDefaultInstance()).setState(Gobgp.PeerState.getDefaultInstance()))).build();
            case BestItem b -> {
                Gobgp.WatchEventResponse.TableEvent.Builder t = Gobgp.WatchEventResponse.TableEvent.newBuilder();
                java.time.Instant now = clock.instant();
                for (BestChange c : b.changes()) {
                    Path p = c.withdrawn() ? c.previous() : c.best();
                    if (p == null) continue;
                    Gobgp.Path path = ApiPaths.path(c.prefix(), p.source(), p.attributes(), !c.withdrawn(), false, now);
                    t.addPaths(c.withdrawn() ? path.toBuilder().setIsWithdraw(true).build() : path);
                }
                yield Gobgp.WatchEventResponse.newBuilder().setTable(t).build();
            }
        };
    }
}
