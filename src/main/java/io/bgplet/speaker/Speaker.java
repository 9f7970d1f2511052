package io.bgplet.speaker;

import io.bgplet.policy.Advertisement;
import io.bgplet.policy.PeerPolicy;
import io.bgplet.policy.Policy;
import io.bgplet.rib.AdjRibIn;
import io.bgplet.rib.AdjRibOut;
import io.bgplet.rib.AttributeInterner;
import io.bgplet.rib.BestChange;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.rib.Export;
import io.bgplet.rib.LocRib;
import io.bgplet.rib.Path;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.RouteFilter;
import io.bgplet.rib.Source;
import io.bgplet.session.Event;
import io.bgplet.session.State;
import io.bgplet.session.transport.Transport;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One BGP instance. Every change is a {@link Command} applied in order by one writer thread;
 * after each run of queued commands the writer commits the Loc-RIB once and exports only the
 * destinations that changed, so a burst of UPDATEs costs one decision pass per destination.
 * Public methods may be called from any thread.
 */
public final class Speaker implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Speaker.class.getName());
    /** Commands applied before the Loc-RIB is committed and exported, to bound latency. */
    private static final int BATCH = 20_000;
    /** UPDATEs queued from one neighbour above which we stop reading its socket. */
    static final int PAUSE_ABOVE = 8192;
    static final int RESUME_BELOW = 1024;

    private final Transport transport;
    private final Clock clock;
    private final BlockingQueue<Command> queue = new LinkedBlockingQueue<>();
    private final ScheduledExecutorService timers;
    private final Thread writer;
    private final List<SpeakerListener> listeners = new CopyOnWriteArrayList<>();

    private final AttributeInterner interner = new AttributeInterner();
    private final Export export = new Export(interner);
    private final LocRib locRib;
    private final Source advertSource = Source.local(0);
    private final Source apiSource = Source.local(1);
    private int nextSourceId = 2;
    private final Map<InetAddress, Neighbor> neighbors = new LinkedHashMap<>();
    private final Map<Prefix, PathAttributes> advertised = new HashMap<>();
    private final Map<String, Map<Prefix, PathAttributes>> apiPaths = new HashMap<>();
    private final long startedAt;
    private InstanceConfig config;
    private Inbound inbound;
    private GlobalPolicy globalPolicy = GlobalPolicy.CONFIGURED;
    private Outbound outbound;
    private boolean listening;
    private volatile boolean stopped;

    public Speaker(Transport transport, Clock clock, DecisionOptions decision) {
        this.transport = transport;
        this.clock = clock;
        this.locRib = new LocRib(decision, interner);
        this.startedAt = clock.millis();
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "bgplet-speaker-timers"));
        this.writer = daemon(this::run, "bgplet-speaker");
        writer.start();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    public void addListener(SpeakerListener l) {
        listeners.add(l);
    }

    public void removeListener(SpeakerListener l) {
        listeners.remove(l);
    }

    /** Applies a desired state: an idempotent diff against the running one. */
    public CompletableFuture<Void> apply(InstanceConfig next) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Command.ApplyConfig(next, done));
        return done;
    }

    /** Originates (or replaces) paths under an origin name, like GoBGP's {@code global rib add}. */
    public CompletableFuture<Void> addPaths(String origin, List<LocalPath> add) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Command.LocalPaths(origin, add, List.of(), done));
        return done;
    }

    public CompletableFuture<Void> deletePaths(String origin, List<LocalPath> remove) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Command.LocalPaths(origin, List.of(), remove, done));
        return done;
    }

    public CompletableFuture<Void> operate(InetAddress neighbor, NeighborOperation op) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Command.Operate(neighbor, op, done));
        return done;
    }

    /** Sets the run-time default actions; the paths affected are re-imported or re-exported at once. */
    public CompletableFuture<Void> setGlobalPolicy(GlobalPolicy policy) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        submit(new Command.SetGlobalPolicy(policy, done));
        return done;
    }

    /** Runs read on the writer, against a consistent RIB. */
    public <T> CompletableFuture<T> query(Function<SpeakerView, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(new Command.Query<>(read, result));
        return result;
    }

    /**
     * Stops every session and the writer. graceful: neighbours with graceful restart get
     * their TCP closed without a NOTIFICATION, so they keep our routes for the restart time
     * (RFC 4724, the lesson of cilium#31346); others get Cease/Administrative Shutdown.
     */
    public CompletableFuture<Void> stop(boolean graceful) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (stopped) return CompletableFuture.completedFuture(null);
        submit(new Command.Stop(graceful, done));
        return done;
    }

    @Override
    public void close() {
        try {
            stop(false).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "speaker did not stop cleanly", e);
        }
        transport.close();
    }

    void submit(Command c) {
        queue.add(c);
    }

    // ---- the writer ----

    private void run() {
        try {
            while (!stopped) {
                Command c = queue.take();
                handleSafely(c);
                Command more;
                int n = 1;
                while (n++ < BATCH && !stopped && (more = queue.poll()) != null) handleSafely(more);
                publish();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            timers.shutdownNow();
        }
    }

    private void handleSafely(Command c) {
        try {
            handle(c);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "speaker command failed: " + c.getClass().getSimpleName(), e);
            switch (c) {
                case Command.ApplyConfig a -> a.done().completeExceptionally(e);
                case Command.LocalPaths l -> l.done().completeExceptionally(e);
                case Command.Operate o -> o.done().completeExceptionally(e);
                case Command.Query<?> q -> q.result().completeExceptionally(e);
                case Command.SetGlobalPolicy g -> g.done().completeExceptionally(e);
                case Command.Stop s -> s.done().completeExceptionally(e);
                default -> { }
            }
        }
    }

    private void handle(Command c) {
        switch (c) {
            case Command.ApplyConfig a -> {
                applyConfig(a.config());
                a.done().complete(null);
            }
            case Command.Established e -> { if (current(e.neighbor(), e.generation())) established(e.neighbor(), e.negotiated()); }
            case Command.Updates u -> updates(u);
            case Command.Salvaged s -> { if (current(s.neighbor(), s.generation())) salvaged(s.neighbor(), s.result(), s.raw()); }
            case Command.NotificationSeen ns -> notification(ns.neighbor(), ns.notification(), ns.sent());
            case Command.StateChange sc -> {
                // One line per session state change; Established and down carry their own lines.
                if (current(sc.neighbor(), sc.generation())) {
                    Neighbor n = sc.neighbor();
                    LOG.info(() -> "neighbor " + n.config.name() + " " + n.config.address().getHostAddress() + ": " + sc.from() + " -> " + sc.to());
                    if (sc.to() != State.ESTABLISHED) notifyState(n);
                }
            }
            case Command.EndOfRib e -> { if (current(e.neighbor(), e.generation())) endOfRib(e.neighbor(), e.family()); }
            case Command.Refresh r -> { if (current(r.neighbor(), r.generation())) refresh(r.neighbor(), r.refresh()); }
            case Command.Down d -> { if (current(d.neighbor(), d.generation())) down(d.neighbor(), d.reason(), d.retainStale()); }
            // Nothing to do here: publish() after this batch drains every neighbour with pending export.
            case Command.Writable w -> { }
            case Command.StaleTimeout t -> staleTimeout(t.neighbor(), t.epoch());
            case Command.LocalPaths l -> {
                localPaths(l.origin(), l.add(), l.remove());
                l.done().complete(null);
            }
            case Command.Operate o -> {
                applyOperation(o.neighbor(), o.operation());
                o.done().complete(null);
            }
            case Command.SetGlobalPolicy g -> {
                applyGlobalPolicy(g.policy());
                g.done().complete(null);
            }
            case Command.Query<?> q -> answer(q);
            case Command.Stop s -> stopAll(s);
        }
    }

    private static boolean isLocal(Path p) {
        return p != null && p.source().local();
    }

    private boolean current(Neighbor n, long generation) {
        return neighbors.get(n.config.address()) == n && n.generation == generation;
    }

    private <T> void answer(Command.Query<T> q) {
        q.result().complete(q.read().apply(view));
    }

    /** After a run of commands: one decision pass, then export of what changed. */
    private void publish() {
        List<BestChange> changes = locRib.commit();
        if (!changes.isEmpty()) {
            Map<Family, List<Prefix>> byFamily = new HashMap<>();
            // Neighbours that export only local routes (Cilium's model) need only the
            // destinations where a local path won or lost: with a full table learned and
            // nothing re-exported, this skips a million export-policy rejections per peer.
            Map<Family, List<Prefix>> localByFamily = new HashMap<>();
            Map<Family, List<BestChange>> changesByFamily = new HashMap<>();
            for (BestChange ch : changes) {
                Family f = ch.prefix().family();
                byFamily.computeIfAbsent(f, k -> new ArrayList<>()).add(ch.prefix());
                if (isLocal(ch.previous()) || isLocal(ch.best())) localByFamily.computeIfAbsent(f, k -> new ArrayList<>()).add(ch.prefix());
                changesByFamily.computeIfAbsent(f, k -> new ArrayList<>()).add(ch);
            }
            changesByFamily.forEach((f, list) -> listeners.forEach(l -> l.onBestChanges(f, list)));
            for (Neighbor n : neighbors.values()) {
                (n.config.exportLearned() ? byFamily : localByFamily).forEach((f, list) -> outbound.enqueue(n, f, list));
            }
        }
        if (outbound != null) {
            for (Neighbor n : neighbors.values()) {
                if (!n.pendingExport.isEmpty() || !n.endOfRibOwed.isEmpty()) outbound.drain(n);
            }
        }
        // Sets interned in this run that no route took (rejected by policy, say) leave now.
        interner.sweep();
    }

    // ---- configuration ----

    private void applyConfig(InstanceConfig next) {
        boolean instanceChanged = config != null && (config.localAs() != next.localAs() || !config.routerId().equals(next.routerId()));
        if (instanceChanged) {
            for (Neighbor n : List.copyOf(neighbors.values())) removeNeighbor(n, Notification.OTHER_CONFIG_CHANGE);
        }
        if (config == null || instanceChanged) {
            inbound = new Inbound(locRib, interner, next.localAs());
            inbound.rejectAll = globalPolicy.rejectImport();
            outbound = new Outbound(locRib, export, next.localAs(), next.routerId(), this::exportFilter);
        }
        config = next;
        listen(next);
        // Paths first, then neighbours: the first UPDATEs and End-of-RIB a peer gets are complete.
        syncAdvertisedPaths(next);
        Map<InetAddress, NeighborConfig> wanted = new LinkedHashMap<>();
        for (NeighborConfig nc : next.neighbors()) wanted.put(nc.address(), nc);
        for (Neighbor n : List.copyOf(neighbors.values())) {
            if (!wanted.containsKey(n.config.address())) removeNeighbor(n, Notification.PEER_DECONFIGURED);
        }
        for (NeighborConfig nc : wanted.values()) {
            Neighbor n = neighbors.get(nc.address());
            if (n == null) {
                addNeighbor(nc);
            } else if (n.config.needsReset(nc)) {
                LOG.info(() -> "neighbor " + nc.name() + " " + nc.address().getHostAddress() + ": configuration change needs a new session");
                removeNeighbor(n, Notification.OTHER_CONFIG_CHANGE);
                addNeighbor(nc);
            } else if (!n.config.equals(nc)) {
                reconfigure(n, nc);
            }
        }
    }

    private void listen(InstanceConfig next) {
        if (listening || next.listenPort() == 0) return;
        try {
            InetAddress at = next.listenAddress();
            transport.listen(at == null ? new java.net.InetSocketAddress(next.listenPort()) : new java.net.InetSocketAddress(at, next.listenPort()));
            listening = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "cannot listen on port " + next.listenPort(), e);
        }
    }

    /** The union of every neighbour's advertisements, originated once with ORIGIN IGP (Cilium's). */
    private void syncAdvertisedPaths(InstanceConfig next) {
        PathAttributes base = interner.intern(PathAttributes.builder().origin(Attribute.Origin.IGP).build());
        Map<Prefix, PathAttributes> want = new HashMap<>();
        for (NeighborConfig nc : next.neighbors()) {
            for (List<NeighborConfig.Advertisement> list : nc.advertisements().values()) {
                for (NeighborConfig.Advertisement a : list) want.put(a.prefix(), base);
            }
        }
        for (Prefix p : List.copyOf(advertised.keySet())) {
            if (!want.containsKey(p)) {
                advertised.remove(p);
                locRib.withdraw(p, advertSource);
            }
        }
        want.forEach((p, attrs) -> {
            if (advertised.put(p, attrs) != attrs) locRib.update(p, new Path(advertSource, attrs));
        });
    }

    private void addNeighbor(NeighborConfig nc) {
        Source source = Source.peer(nextSourceId++, config.localAs(), nc.peerAs(), nc.address(), 0);
        Neighbor n = new Neighbor(nc, policyOf(nc), source, interner);
        neighbors.put(nc.address(), n);
        n.peer = transport.addPeer(Sessions.settings(config, nc, restartingWindow(nc)), new Relay(this, n, ++n.generation));
        n.peer.start();
        LOG.info(() -> "neighbor " + nc.name() + " " + nc.address().getHostAddress() + " as " + nc.peerAs() + " configured");
        notifyState(n);
    }

    /** The R bit (RFC 4724 3): set while we are within the restart time of our own start. */
    private boolean restartingWindow(NeighborConfig nc) {
        return nc.gracefulRestart().enabled() && clock.millis() - startedAt < nc.gracefulRestart().restartTime() * 1000L;
    }

    private void removeNeighbor(Neighbor n, int ceaseSubcode) {
        neighbors.remove(n.config.address());
        n.generation++;
        n.peer.stop(Event.ManualStop.cease(ceaseSubcode));
        transport.removePeer(n.peer);
        cancelStaleTimer(n);
        for (Family f : Family.supportedFamilies()) inbound.dropAll(n, f);
        // Give back the Adj-RIB-Out's references on its sets (AttributeInterner counts them).
        n.adjRibOut.values().forEach(o -> Family.supportedFamilies().forEach(o::clear));
        LOG.info(() -> "neighbor " + n.config.name() + " " + n.config.address().getHostAddress() + " removed");
    }

    private void reconfigure(Neighbor n, NeighborConfig nc) {
        NeighborConfig old = n.config;
        Map<Family, List<Prefix>> moved = new HashMap<>();
        for (Family f : nc.families()) {
            moved.put(f, movedPrefixes(old.advertisements().getOrDefault(f, List.of()), nc.advertisements().getOrDefault(f, List.of())));
        }
        boolean sameExport = old.exportLearned() == nc.exportLearned() && old.name().equals(nc.name());
        PeerPolicy before = n.policy;
        n.config = nc;
        // A family whose export inputs did not change keeps its policy: a Service change touches one
        // family's advertisements, and rebuilding every family's policy over all of them was most of
        // Speaker.apply's time in a 10,000-Service churn run.
        n.policy = policyOf(nc, f -> sameExport && moved.get(f).isEmpty() ? before.exports().get(f) : null);
        n.lastLoopChecked = null; // allow-own-as may have changed
        for (Family f : nc.families()) {
            if (old.importPolicy() != nc.importPolicy() || old.allowOwnAs() != nc.allowOwnAs()) inbound.reimport(n, f);
            if (old.exportLearned() != nc.exportLearned()) {
                outbound.enqueueAll(n, f);
            } else if (!moved.get(f).isEmpty()) {
                // The export policy decides per prefix: only prefixes whose advertisement moved can export differently.
                // (Re-exporting the whole family here cost a pass over every destination per Service change.)
                outbound.enqueue(n, f, moved.get(f));
            }
        }
        notifyState(n);
    }

    /** Prefixes added, removed or given other attributes between two advertisement lists. */
    static List<Prefix> movedPrefixes(List<NeighborConfig.Advertisement> before, List<NeighborConfig.Advertisement> after) {
        if (before.equals(after)) return List.of();
        Map<Prefix, NeighborConfig.Advertisement> old = new HashMap<>();
        for (NeighborConfig.Advertisement a : before) old.put(a.prefix(), a);
        List<Prefix> out = new ArrayList<>();
        for (NeighborConfig.Advertisement a : after) {
            if (!a.equals(old.remove(a.prefix()))) out.add(a.prefix());
        }
        out.addAll(old.keySet());
        return out;
    }

    private PeerPolicy policyOf(NeighborConfig nc) {
        return policyOf(nc, f -> null);
    }

    /** The neighbour's policies; {@code kept} gives a family's export policy to reuse, or null to build it. */
    private PeerPolicy policyOf(NeighborConfig nc, java.util.function.Function<Family, Policy> kept) {
        Map<Family, Policy> imports = new HashMap<>();
        Map<Family, Policy> exports = new HashMap<>();
        for (Family f : nc.families()) {
            imports.put(f, nc.importPolicy() == NeighborConfig.ImportPolicy.ACCEPT ? Policy.ACCEPT_ALL : Policy.REJECT_ALL);
            Policy keep = kept.apply(f);
            if (keep != null) {
                exports.put(f, keep);
                continue;
            }
            List<Advertisement> adverts = new ArrayList<>();
            for (NeighborConfig.Advertisement a : nc.advertisements().getOrDefault(f, List.of())) {
                adverts.add(new Advertisement(a.prefix(), a.communities(), a.largeCommunities(),
                        a.localPreference() == null ? -1 : a.localPreference()));
            }
            String name = nc.name() + "-" + f;
            exports.put(f, nc.exportLearned() ? Advertisement.transitPolicy(name, adverts) : Advertisement.exportPolicy(name, adverts));
        }
        return new PeerPolicy(imports, exports);
    }

    private void applyGlobalPolicy(GlobalPolicy next) {
        GlobalPolicy old = globalPolicy;
        globalPolicy = next;
        if (inbound == null) return;
        inbound.rejectAll = next.rejectImport();
        LOG.info(() -> "global default actions: import " + (next.rejectImport() ? "REJECT" : "as configured")
                + ", export " + (next.rejectExport() ? "REJECT" : "as configured"));
        for (Neighbor n : neighbors.values()) {
            for (Family f : n.config.families()) {
                if (old.rejectImport() != next.rejectImport()) inbound.reimport(n, f);
                if (old.rejectExport() != next.rejectExport()) outbound.enqueueAll(n, f);
            }
        }
    }

    /**
     * Paths added through the API go to every neighbour, like GoBGP's global RIB; a global
     * export REJECT holds everything.
     */
    private RouteFilter exportFilter(Neighbor n, Family family) {
        if (globalPolicy.rejectExport()) return RouteFilter.REJECT_ALL;
        RouteFilter policy = n.policy.exportFilter(family, interner);
        return (prefix, source, attrs) -> source.id() == apiSource.id() ? attrs : policy.apply(prefix, source, attrs);
    }

    // ---- sessions ----

    private void established(Neighbor n, io.bgplet.session.Negotiated neg) {
        n.negotiated = neg;
        n.state = State.ESTABLISHED;
        n.establishedAt = clock.instant();
        n.source = Source.peer(n.source.id(), config.localAs(), neg.peerAs(), n.config.address(), neg.peerRouterId() & 0xFFFFFFFFL);
        LOG.info(() -> "neighbor " + n.config.name() + " " + n.config.address().getHostAddress() + " established, families " + neg.families());
        if (!n.staleFamilies.isEmpty()) {
            // RFC 4724 4.2: families the peer no longer preserves are swept at once; the rest wait for End-of-RIB.
            for (Family f : List.copyOf(n.staleFamilies)) {
                boolean kept = neg.gracefulRestart().map(g -> Boolean.TRUE.equals(g.peerForwarding().get(f))).orElse(false);
                if (!kept) {
                    inbound.sweepStale(n, f);
                    n.staleFamilies.remove(f);
                }
            }
            if (n.staleFamilies.isEmpty()) cancelStaleTimer(n);
            else armStaleTimer(n, Sessions.STALE_BOUND);
        }
        for (Family f : neg.families()) {
            n.endOfRibOwed.add(f);
            outbound.enqueueAll(n, f);
        }
        notifyState(n);
    }

    private void updates(Command.Updates u) {
        Neighbor n = u.neighbor();
        int left = n.pendingBatches.decrementAndGet();
        if (n.readPaused && left < RESUME_BELOW) {
            n.readPaused = false;
            n.peer.setAutoRead(true);
        }
        if (!current(n, u.generation()) || !n.established()) return;
        for (var update : u.updates()) {
            n.updatesIn++;
            inbound.apply(n, update);
        }
    }

    /** One log line per NOTIFICATION, decoded (code and subcode names), and a count. */
    private void notification(Neighbor n, Notification note, boolean sent) {
        if (sent) n.notificationsOut++;
        else n.notificationsIn++;
        LOG.info(() -> "neighbor " + n.config.name() + " " + n.config.address().getHostAddress() + ": NOTIFICATION "
                + (sent ? "sent: " : "received: ") + note.describe());
        listeners.forEach(l -> l.onNotification(n.config.name(), n.config.address(), note, sent));
    }

    private void salvaged(Neighbor n, io.bgplet.wire.DecodeResult.Salvaged s, byte[] raw) {
        n.updatesIn++;
        String what = "RFC 7606 " + s.action() + ": " + String.join("; ", s.problems());
        n.lastError = what;
        listeners.forEach(l -> l.onError(n.config.name(), what));
        Malformed.log(n.config, s, raw);
        switch (s.action()) {
            case TREAT_AS_WITHDRAW -> {
                n.withdrawnByError++;
                inbound.treatAsWithdraw(n, s.update());
            }
            case ATTRIBUTE_DISCARD -> inbound.apply(n, s.update());
            default -> { }
        }
    }

    private void endOfRib(Neighbor n, Family f) {
        LOG.fine(() -> "neighbor " + n.config.name() + ": End-of-RIB for " + f);
        listeners.forEach(l -> l.onEndOfRib(n.config.name(), n.config.address(), f));
        if (n.staleFamilies.remove(f)) {
            int swept = inbound.sweepStale(n, f);
            LOG.info(() -> "neighbor " + n.config.name() + ": End-of-RIB for " + f + ", " + swept + " stale routes removed");
            if (n.staleFamilies.isEmpty()) cancelStaleTimer(n);
        }
    }

    private void refresh(Neighbor n, io.bgplet.wire.RouteRefresh r) {
        n.refreshIn++;
        Family f = r.family();
        if (!n.established() || !n.negotiated.families().contains(f)) return;
        switch (r.subtype()) {
            // RFC 7313 4: BoRR marks the family's routes stale, EoRR removes what was not refreshed.
            case io.bgplet.wire.RouteRefresh.BORR -> n.adjRibIn.markStale(f);
            case io.bgplet.wire.RouteRefresh.EORR -> inbound.sweepStale(n, f);
            default -> {
                boolean enhanced = n.negotiated.enhancedRouteRefresh();
                if (enhanced) n.peer.send(new io.bgplet.wire.RouteRefresh(f, io.bgplet.wire.RouteRefresh.BORR));
                outbound.resend(n, f);
                if (enhanced) n.peer.send(new io.bgplet.wire.RouteRefresh(f, io.bgplet.wire.RouteRefresh.EORR));
            }
        }
    }

    /** Distinct attribute sets the interner holds: for tests, on the writer (inside a query) only. */
    int internedSets() {
        return interner.size();
    }

    private void down(Neighbor n, String reason, boolean retainStale) {
        var neg = n.negotiated;
        n.negotiated = null;
        n.state = State.IDLE;
        n.downAt = clock.instant();
        n.lastError = reason;
        n.pendingExport.clear();
        n.endOfRibOwed.clear();
        n.adjRibOut.values().forEach(o -> Family.supportedFamilies().forEach(o::clear));
        var gr = neg == null ? Optional.<io.bgplet.session.Negotiated.GracefulRestartState>empty() : neg.gracefulRestart();
        if (retainStale && gr.isPresent()) {
            // RFC 4724 4.2: keep the routes, stale, for the peer's restart time.
            for (Family f : neg.families()) {
                if (n.adjRibIn.size(f) == 0) continue;
                n.adjRibIn.markStale(f);
                n.staleFamilies.add(f);
            }
            int restart = gr.get().peerRestartTime();
            armStaleTimer(n, Duration.ofSeconds(restart));
            LOG.info(() -> "neighbor " + n.config.name() + " down (" + reason + "): keeping its routes stale for " + restart + " s");
        } else {
            for (Family f : Family.supportedFamilies()) inbound.dropAll(n, f);
            n.staleFamilies.clear();
            cancelStaleTimer(n);
            LOG.info(() -> "neighbor " + n.config.name() + " down: " + reason);
        }
        notifyState(n);
    }

    private void armStaleTimer(Neighbor n, Duration after) {
        cancelStaleTimer(n);
        long epoch = ++n.staleEpoch;
        n.staleTimer = timers.schedule(() -> submit(new Command.StaleTimeout(n, epoch)), after.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void cancelStaleTimer(Neighbor n) {
        if (n.staleTimer != null) n.staleTimer.cancel(false);
        n.staleTimer = null;
        n.staleEpoch++;
    }

    private void staleTimeout(Neighbor n, long epoch) {
        if (epoch != n.staleEpoch || neighbors.get(n.config.address()) != n) return;
        for (Family f : List.copyOf(n.staleFamilies)) {
            int swept = inbound.sweepStale(n, f);
            LOG.info(() -> "neighbor " + n.config.name() + ": restart time over, " + swept + " stale " + f + " routes removed");
        }
        n.staleFamilies.clear();
        n.staleTimer = null;
    }

    // ---- API paths and operations ----

    private void localPaths(String origin, List<LocalPath> add, List<LocalPath> remove) {
        Map<Prefix, PathAttributes> mine = apiPaths.computeIfAbsent(origin, k -> new HashMap<>());
        for (LocalPath p : remove) {
            if (mine.remove(p.prefix()) != null && !ownedElsewhere(origin, p.prefix())) locRib.withdraw(p.prefix(), apiSource);
        }
        for (LocalPath p : add) {
            PathAttributes attrs = interner.intern(PathAttributes.of(p.attributes(), p.prefix().family()));
            mine.put(p.prefix(), attrs);
            locRib.update(p.prefix(), new Path(apiSource, attrs));
        }
    }

    private boolean ownedElsewhere(String origin, Prefix p) {
        for (var e : apiPaths.entrySet()) if (!e.getKey().equals(origin) && e.getValue().containsKey(p)) return true;
        return false;
    }

    private void applyOperation(InetAddress address, NeighborOperation op) {
        Neighbor n = neighbors.get(address);
        if (n == null) throw new IllegalArgumentException("no neighbor " + address.getHostAddress());
        switch (op) {
            case HARD_RESET -> {
                n.peer.stop(Event.ManualStop.cease(Notification.ADMIN_RESET)).thenRun(() -> n.peer.start());
            }
            case SOFT_RESET_IN -> n.config.families().forEach(f -> inbound.reimport(n, f));
            case SOFT_RESET_OUT -> n.config.families().forEach(f -> outbound.enqueueAll(n, f));
            case SOFT_RESET_BOTH -> n.config.families().forEach(f -> {
                inbound.reimport(n, f);
                outbound.enqueueAll(n, f);
            });
            case DISABLE, SHUTDOWN -> {
                n.adminDown = true;
                n.peer.stop(Event.ManualStop.cease(Notification.ADMIN_SHUTDOWN));
            }
            case ENABLE -> {
                if (n.adminDown) {
                    n.adminDown = false;
                    n.peer.start();
                }
            }
        }
        notifyState(n);
    }

    private void stopAll(Command.Stop s) {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (Neighbor n : neighbors.values()) {
            boolean quiet = s.graceful() && n.config.gracefulRestart().enabled();
            n.generation++;
            stops.add(n.peer.stop(quiet ? Event.ManualStop.silent() : Event.ManualStop.cease(Notification.ADMIN_SHUTDOWN)));
        }
        stopped = true;
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> s.done().complete(null));
    }

    private void notifyState(Neighbor n) {
        if (listeners.isEmpty()) return;
        NeighborStatus st = status(n);
        listeners.forEach(l -> l.onNeighborState(st));
    }

    private NeighborStatus status(Neighbor n) {
        NeighborStatus s = n.status();
        if (!n.established()) {
            State live = n.adminDown ? State.IDLE : n.peer.state();
            s = new NeighborStatus(s.config(), live, s.adminDown(), s.negotiated(), s.establishedAt(), s.downAt(), s.families(), s.counters(), s.lastError(), s.opens());
        }
        return s;
    }

    private final SpeakerView view = new SpeakerView() {
        @Override public InstanceConfig config() { return config; }
        @Override public List<NeighborStatus> neighbors() { return neighbors.values().stream().map(Speaker.this::status).toList(); }
        @Override public LocRib locRib() { return locRib; }
        @Override public GlobalPolicy globalPolicy() { return globalPolicy; }
        @Override public Optional<AdjRibIn> adjRibIn(InetAddress a) { return Optional.ofNullable(neighbors.get(a)).map(n -> n.adjRibIn); }
        @Override public Optional<AdjRibOut> adjRibOut(InetAddress a, Family f) { return Optional.ofNullable(neighbors.get(a)).map(n -> n.out(f)); }
    };
}
