package io.bgplet.app;

import io.bgplet.fib.Fib;
import io.bgplet.fib.FibMetrics;
import io.bgplet.fib.FibOp;
import io.bgplet.fib.FibSettings;
import io.bgplet.fib.KernelFib;
import io.bgplet.fib.KernelRoutes;
import io.bgplet.fib.Netlink;
import io.bgplet.fib.NetlinkException;
import io.bgplet.fib.RouteWatch;
import io.bgplet.fib.Safety;
import io.bgplet.rib.BestChange;
import io.bgplet.rib.Path;
import io.bgplet.session.State;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.NeighborConfig.RouteInstall;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerListener;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Carries one instance's best routes from opted-in peers ({@code bgplet.io/install-routes})
 * into the node's kernel tables. The speaker's writer thread only hands batches over; all
 * netlink work runs in order on this installer's own thread, so a slow kernel never stalls
 * BGP.
 *
 * <p>A destination is installed when its best path comes from a peer with install on and
 * that peer's prefix filter admits it; the multipath set is narrowed to paths from peers
 * installing into the same table. Safety ({@link Safety}: the node's PodCIDRs and
 * addresses) and next-hop resolution are {@link Fib}'s and {@link KernelFib}'s.
 *
 * <p>Restart without traffic loss: on start the installer adopts the routes a previous run
 * left (protocol 181) and replaces them in place as the RIB fills; only once every
 * installing peer is Established and has sent End-of-RIB for each family (or the settle
 * deadline passed) does it remove the leftovers that did not come back. A graceful stop
 * leaves the routes in the kernel; a stop without graceful restart removes them.
 */
final class RouteInstaller implements SpeakerListener, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RouteInstaller.class);
    /** Quiet time after the kernel's other routes change before next hops are resolved again. */
    private static final long RERESOLVE_DEBOUNCE_MS = 200;
    /** Settle no later than this after start even when no peer has graceful restart. */
    static final Duration MIN_SETTLE = Duration.ofSeconds(30);

    /** One kernel table: its metric (the first installing peer's) and the routes bgplet keeps there. */
    private record Table(Fib fib, KernelFib kernel) {
        int id() {
            return fib.settings().table();
        }

        int metric() {
            return fib.settings().metric();
        }
    }

    /** A destination's best and multipath set as the Loc-RIB has them. */
    private record Destination(Prefix prefix, Path best, List<Path> multipath) {}

    private final String instance;
    private final Speaker speaker;
    private final KernelRoutes kernel;
    private final RouteWatch watch;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean reresolvePending = new AtomicBoolean();
    private final long startedNanos = System.nanoTime();

    /** Peers with install on; read by the writer thread to skip work, replaced as a whole. */
    private volatile Map<InetAddress, RouteInstall> installing = Map.of();

    // Installer thread only.
    private Safety safety = Safety.none();
    private Duration settleAfter = MIN_SETTLE;
    private final Map<Integer, Table> tables = new LinkedHashMap<>();
    private final Map<Prefix, Integer> placed = new HashMap<>();
    private final Map<InetAddress, Set<Family>> endOfRib = new HashMap<>();
    private final Map<InetAddress, NeighborStatus> neighbors = new HashMap<>();
    private boolean settled;
    /** Routes of a previous run found when the tables opened. */
    private int adopted;
    private final java.util.concurrent.ScheduledFuture<?> settleCheck;

    private RouteInstaller(String instance, Speaker speaker, KernelRoutes kernel, Netlink watchSocket) {
        this.instance = instance;
        this.speaker = speaker;
        this.kernel = kernel;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("fib-" + instance).unstarted(r));
        this.watch = RouteWatch.start(watchSocket, kernel.protocol(), this::scheduleReresolve);
        settleCheck = thread.scheduleWithFixedDelay(this::checkSettled, 5, 5, TimeUnit.SECONDS);
    }

    /** Opens the netlink sockets (route programming and change notifications) and attaches to the speaker. */
    static RouteInstaller start(String instance, Speaker speaker) throws NetlinkException {
        FibMetrics m = new FibMetrics();
        KernelRoutes kernel = new KernelRoutes(Netlink.open(), m);
        Netlink watch;
        try {
            watch = Netlink.subscribe(RouteWatch.groups());
        } catch (NetlinkException e) {
            kernel.close();
            throw e;
        }
        RouteInstaller r = new RouteInstaller(instance, speaker, kernel, watch);
        speaker.addListener(r);
        return r;
    }

    FibMetrics metrics() {
        return kernel.metrics();
    }

    /**
     * The instance's neighbours (their install settings) and the node's safety set. A change
     * rebuilds the kernel state from a Loc-RIB snapshot taken on the writer thread, so it is
     * ordered with the batches before and after it.
     */
    void configure(List<NeighborConfig> neighbors, Safety nodeSafety) {
        Map<InetAddress, RouteInstall> next = new HashMap<>();
        int restart = 0;
        for (NeighborConfig n : neighbors) {
            if (n.installRoutes() == null) continue;
            next.put(n.address(), n.installRoutes());
            if (n.gracefulRestart().enabled()) restart = Math.max(restart, n.gracefulRestart().restartTime());
        }
        Duration settle = Duration.ofSeconds(Math.max(restart, MIN_SETTLE.toSeconds()));
        boolean changed = !next.equals(installing);
        installing = Map.copyOf(next);
        thread.execute(() -> {
            boolean safetyChanged = !safety.equals(nodeSafety);
            safety = nodeSafety;
            settleAfter = settle;
            if (safetyChanged) tables.replaceAll((id, t) -> new Table(new Fib(t.fib().settings(), nodeSafety), t.kernel()));
            // Tables open at once, so routes a previous run left are adopted before any install.
            for (RouteInstall ri : next.values()) table(ri);
            checkSettled();
            if (changed || safetyChanged) rebuild();
        });
    }

    private void rebuild() {
        rebuild(() -> {});
    }

    /** What an on-demand resync did, summed over the instance's tables. */
    record ResyncReport(String instance, int installed, int added, int replaced, int removed, int unchanged, List<String> errors) {}

    /**
     * On demand: rebuilds from a Loc-RIB snapshot, then makes each table exactly what the
     * installer holds (routes deleted by hand come back, stray protocol-181 routes go).
     * Counts as settling: leftovers of a previous run are removed too.
     */
    java.util.concurrent.CompletableFuture<ResyncReport> resync() {
        var out = new java.util.concurrent.CompletableFuture<ResyncReport>();
        rebuild(() -> {
            int added = 0, replaced = 0, removed = 0, unchanged = 0;
            List<String> errors = new ArrayList<>();
            for (Table t : tables.values()) {
                try {
                    KernelRoutes.ResyncResult r = t.kernel().resync();
                    added += r.added();
                    replaced += r.replaced();
                    removed += r.removed();
                    unchanged += r.unchanged();
                    r.errors().forEach(e -> errors.add(e.operation() + " " + e.prefix() + ": " + e.message()));
                } catch (NetlinkException e) {
                    errors.add("table " + t.id() + ": " + e.getMessage());
                }
            }
            if (!settled) {
                settled = true;
                settleCheck.cancel(false);
            }
            LOG.infof("instance %s: kernel routes resynced on demand: %d added, %d replaced, %d removed, %d unchanged, %d errors",
                    instance, added, replaced, removed, unchanged, errors.size());
            out.complete(new ResyncReport(instance, placed.size(), added, replaced, removed, unchanged, List.copyOf(errors)));
        });
        return out;
    }

    private void rebuild(Runnable then) {
        speaker.query(view -> {
            // On the writer thread: the snapshot sits between the batches already handed over and the next.
            List<Destination> snapshot = new ArrayList<>();
            Map<InetAddress, RouteInstall> now = installing;
            for (Family f : Family.supportedFamilies()) {
                view.locRib().forEachSelection(f, (prefix, sel) -> {
                    InetAddress from = sel.best() == null ? null : sel.best().source().peerAddress();
                    if (from != null && now.containsKey(from)) {
                        snapshot.add(new Destination(prefix, sel.best(), sel.multipath()));
                    }
                });
            }
            thread.execute(() -> {
                replaceAll(snapshot);
                then.run();
            });
            return null;
        });
    }

    private void replaceAll(List<Destination> snapshot) {
        Set<Prefix> keep = new HashSet<>();
        for (Destination d : snapshot) keep.add(d.prefix());
        List<Destination> batch = new ArrayList<>(snapshot);
        for (Prefix p : List.copyOf(placed.keySet())) {
            if (!keep.contains(p)) batch.add(new Destination(p, null, List.of()));
        }
        apply(batch);
        LOG.infof("instance %s: kernel routes rebuilt, %d destinations installed", instance, placed.size());
    }

    @Override
    public void onBestChanges(Family family, List<BestChange> changes) {
        if (installing.isEmpty() && placedEmpty) return;
        List<Destination> batch = new ArrayList<>(changes.size());
        for (BestChange c : changes) batch.add(new Destination(c.prefix(), c.best(), c.multipath()));
        thread.execute(() -> apply(batch));
    }

    /** Written on the installer thread; a stale read on the writer only costs a hand-over. */
    private volatile boolean placedEmpty = true;

    @Override
    public void onNeighborState(NeighborStatus status) {
        thread.execute(() -> {
            InetAddress a = status.config().address();
            neighbors.put(a, status);
            if (status.state() != State.ESTABLISHED) endOfRib.remove(a);
        });
    }

    @Override
    public void onEndOfRib(String neighbor, InetAddress address, Family family) {
        // Later: the UPDATEs read with the marker reach the Loc-RIB in the same batch, and
        // their changes must be applied before leftovers are swept.
        thread.schedule(() -> {
            endOfRib.computeIfAbsent(address, k -> new HashSet<>()).add(family);
            checkSettled();
        }, 500, TimeUnit.MILLISECONDS);
    }

    private void checkSettled() {
        if (settled) return;
        boolean deadline = System.nanoTime() - startedNanos >= settleAfter.toNanos();
        // Nothing adopted from a previous run means nothing can be left over to sweep.
        if (!deadline && adopted > 0 && !allEndOfRib()) return;
        settled = true;
        settleCheck.cancel(false);
        int removed = 0;
        for (Table t : tables.values()) {
            try {
                removed += t.kernel().sweep();
            } catch (NetlinkException e) {
                LOG.warnf("instance %s: cannot list table %d to remove leftovers: %s", instance, t.id(), e.getMessage());
            }
        }
        LOG.infof("instance %s: kernel routes settled (%s), %d installed, %d left over from before removed", instance,
                adopted == 0 ? "no routes of a previous run" : deadline ? "deadline" : "every installing peer sent End-of-RIB",
                placed.size(), removed);
    }

    /** Every installing peer is Established and has sent End-of-RIB for each family it negotiated. */
    private boolean allEndOfRib() {
        Map<InetAddress, RouteInstall> now = installing;
        if (now.isEmpty()) return false;
        for (InetAddress a : now.keySet()) {
            NeighborStatus s = neighbors.get(a);
            if (s == null || s.state() != State.ESTABLISHED || s.negotiated().isEmpty()) return false;
            Set<Family> seen = endOfRib.getOrDefault(a, Set.of());
            if (!seen.containsAll(s.negotiated().get().families())) return false;
        }
        return true;
    }

    private void apply(List<Destination> batch) {
        Map<InetAddress, RouteInstall> now = installing;
        Map<Table, List<FibOp>> ops = new LinkedHashMap<>();
        for (Destination d : batch) {
            RouteInstall install = d.best() == null ? null : installFor(now, d.best(), d.prefix());
            Integer before = placed.get(d.prefix());
            Table target = install == null ? null : table(install);
            if (before != null && (target == null || target.id() != before)) {
                ops.computeIfAbsent(tables.get(before), k -> new ArrayList<>()).add(new FibOp.Remove(d.prefix()));
                placed.remove(d.prefix());
            }
            if (target == null) continue;
            List<Path> multipath = new ArrayList<>();
            for (Path p : d.multipath()) {
                RouteInstall other = installFor(now, p, d.prefix());
                if (other != null && other.table() == target.id()) multipath.add(p);
            }
            FibOp op = target.fib().decide(d.prefix(), d.best(), multipath);
            if (op == null) continue;
            List<FibOp> list = ops.computeIfAbsent(target, k -> new ArrayList<>());
            if (op instanceof FibOp.Refuse && placed.remove(d.prefix()) != null) list.add(new FibOp.Remove(d.prefix()));
            list.add(op);
            if (op instanceof FibOp.Install) placed.put(d.prefix(), target.id());
            else placed.remove(d.prefix());
        }
        ops.forEach((t, list) -> t.kernel().apply(list));
        placedEmpty = placed.isEmpty();
    }

    /** The install settings that apply to a path, or null: its peer does not install, or its filter excludes the prefix. */
    private static RouteInstall installFor(Map<InetAddress, RouteInstall> now, Path p, Prefix prefix) {
        InetAddress peer = p.source().peerAddress();
        RouteInstall ri = peer == null ? null : now.get(peer);
        if (ri == null) return null;
        if (ri.filters().isEmpty()) return ri;
        for (Prefix f : ri.filters()) {
            if (Safety.covers(f, prefix)) return ri;
        }
        return null;
    }

    private Table table(RouteInstall install) {
        Table t = tables.get(install.table());
        if (t != null) {
            if (t.metric() != install.metric()) {
                LOG.warnf("instance %s: peers install into table %d with metrics %d and %d; using %d", instance, t.id(), t.metric(),
                        install.metric(), t.metric());
            }
            return t;
        }
        FibSettings settings = new FibSettings(install.table(), install.metric(), List.of(), List.of());
        KernelFib k = new KernelFib(kernel, settings);
        try {
            int found = k.adopt();
            adopted += found;
            if (found > 0) LOG.infof("instance %s: %d routes of a previous run found in table %d, kept until the RIB is complete",
                    instance, found, install.table());
        } catch (NetlinkException e) {
            LOG.warnf("instance %s: cannot list table %d: %s", instance, install.table(), e.getMessage());
        }
        t = new Table(new Fib(settings, safety), k);
        tables.put(t.id(), t);
        return t;
    }

    private void scheduleReresolve() {
        if (!reresolvePending.compareAndSet(false, true)) return;
        thread.schedule(() -> {
            reresolvePending.set(false);
            int changed = 0;
            for (Table t : tables.values()) changed += t.kernel().reresolve();
            if (changed > 0) LOG.infof("instance %s: %d kernel routes follow a next-hop change", instance, changed);
        }, RERESOLVE_DEBOUNCE_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Stops; {@code keepRoutes} leaves bgplet's routes in the kernel (a graceful restart: the
     * next run adopts them), otherwise they are removed first.
     */
    void stop(boolean keepRoutes) {
        speaker.removeListener(this);
        if (!keepRoutes) {
            try {
                thread.submit(() -> {
                    int n = 0;
                    for (Table t : tables.values()) n += t.kernel().removeAll();
                    placed.clear();
                    LOG.infof("instance %s: %d kernel routes removed", instance, n);
                }).get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warnf("instance %s: removing kernel routes failed: %s", instance, e.toString());
            }
        }
        close();
    }

    @Override
    public void close() {
        thread.shutdownNow();
        watch.close();
        kernel.close();
    }

    @Override
    public String toString() {
        return "RouteInstaller[" + instance + ", peers " + Objects.toString(installing.keySet()) + "]";
    }
}
