package io.bgplet.speaker;

import io.bgplet.policy.PeerPolicy;
import io.bgplet.rib.AdjRibIn;
import io.bgplet.rib.AdjRibOut;
import io.bgplet.rib.Source;
import io.bgplet.session.Negotiated;
import io.bgplet.session.State;
import io.bgplet.session.transport.Peer;
import io.bgplet.wire.Family;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The writer's state for one configured neighbour. Only the speaker's writer thread touches
 * the fields, except {@link #pendingBatches}, which the transport's event loop increments.
 */
final class Neighbor {
    NeighborConfig config;
    PeerPolicy policy;
    Source source;
    /** The transport's peer; replaced on a hard reset, so callbacks carry a generation. */
    Peer peer;
    long generation;
    Negotiated negotiated;
    State state = State.IDLE;
    boolean adminDown;
    Instant establishedAt;
    Instant downAt;
    String lastError = "";
    /** Next hop self for this session, computed once per {@link #negotiated} (see Outbound.target). */
    io.bgplet.rib.ExportPeer exportTarget;
    Negotiated exportTargetFor;

    final AdjRibIn adjRibIn;
    final Map<Family, AdjRibOut> adjRibOut = new HashMap<>();
    /** Destinations still to export, per family, while the peer's socket is full. */
    final Map<Family, ExportQueue> pendingExport = new HashMap<>();
    /** Families whose End-of-RIB we still owe this session (sent once the initial export drained). */
    final Set<Family> endOfRibOwed = new HashSet<>();
    /** Families whose routes are stale (graceful restart helper), awaiting the peer's End-of-RIB. */
    final Set<Family> staleFamilies = new HashSet<>();
    ScheduledFuture<?> staleTimer;
    long staleEpoch;
    /** Accepted (Loc-RIB eligible) prefix count per family. */
    final Map<Family, int[]> accepted = new HashMap<>();

    /** UPDATE batches queued for the writer; the event loop stops reading above a bound. */
    final AtomicInteger pendingBatches = new AtomicInteger();
    volatile boolean readPaused;

    private Family lastAcceptedFamily;
    private int[] lastAcceptedCount;
    /** One-entry caches of Inbound (the routes of one UPDATE share a set): loop check and Loc-RIB path. */
    io.bgplet.rib.PathAttributes lastLoopChecked;
    boolean lastLooped;
    io.bgplet.rib.Path lastPath;

    long updatesIn, updatesOut, notificationsIn, notificationsOut, refreshIn, withdrawnByError;

    private final io.bgplet.rib.AttributeInterner interner;

    Neighbor(NeighborConfig config, PeerPolicy policy, Source source, io.bgplet.rib.AttributeInterner interner) {
        this.config = config;
        this.policy = policy;
        this.source = source;
        this.interner = interner;
        this.adjRibIn = new AdjRibIn(source, interner);
    }

    AdjRibOut out(Family family) {
        return adjRibOut.computeIfAbsent(family, f -> new AdjRibOut(interner));
    }

    boolean established() {
        return state == State.ESTABLISHED && negotiated != null;
    }

    int acceptedCount(Family f) {
        int[] c = accepted.get(f);
        return c == null ? 0 : c[0];
    }

    void addAccepted(Family f, int delta) {
        // Per imported route: the last family's counter saves a map lookup (5 % of the writer's
        // CPU samples in a full-table transit, JFR).
        if (f != lastAcceptedFamily) {
            lastAcceptedCount = accepted.computeIfAbsent(f, k -> new int[1]);
            lastAcceptedFamily = f;
        }
        lastAcceptedCount[0] += delta;
    }

    void clearAccepted(Family f) {
        accepted.remove(f);
        lastAcceptedFamily = null;
        lastAcceptedCount = null;
    }

    NeighborStatus status() {
        Peer.MessageCounts m = peer == null ? new Peer.MessageCounts(0, 0, 0, 0) : peer.messageCounts();
        java.util.Optional<NeighborStatus.Opens> opens = peer == null || !established() ? java.util.Optional.empty()
                : peer.sentOpen().flatMap(sent -> peer.receivedOpen().map(received -> new NeighborStatus.Opens(sent, received)));
        Map<Family, NeighborStatus.RouteCounts> counts = new HashMap<>();
        for (Family f : config.families()) {
            AdjRibOut o = adjRibOut.get(f);
            counts.put(f, new NeighborStatus.RouteCounts(adjRibIn.size(f), acceptedCount(f), o == null ? 0 : o.size(f)));
        }
        return new NeighborStatus(config, state, adminDown, java.util.Optional.ofNullable(negotiated), establishedAt, downAt,
                Map.copyOf(counts), new NeighborStatus.MessageCounters(updatesIn, updatesOut, notificationsIn, notificationsOut,
                refreshIn, withdrawnByError, m.opensReceived(), m.opensSent(), m.keepalivesReceived(), m.keepalivesSent()),
                lastError, opens);
    }

}
