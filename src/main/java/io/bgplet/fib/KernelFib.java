package io.bgplet.fib;

import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Carries {@link Fib} decisions into the kernel: resolves each BGP next hop through the
 * kernel's table ({@link KernelRoutes#resolve}), installs through the resolved gateways,
 * remembers the BGP next hops of every destination, and on {@link #reresolve()} (called when
 * {@link RouteWatch} sees the kernel's other routes change) reinstalls what now resolves
 * differently, installs what newly resolves and removes what no longer does.
 *
 * <p>A kernel error on one destination is logged and counted (by KernelRoutes) and the rest
 * go on; the destination is retried on the next re-resolution.
 */
public final class KernelFib {
    private static final System.Logger LOG = System.getLogger(KernelFib.class.getName());

    /** A destination's BGP next hops and what they resolved to when last installed (empty: not installed). */
    private record Tracked(List<InetAddress> bgpNextHops, List<NextHop> installed) {
    }

    private final KernelRoutes kernel;
    private final FibSettings settings;
    private final Map<Prefix, Tracked> tracked = new HashMap<>();

    public KernelFib(KernelRoutes kernel, FibSettings settings) {
        this.kernel = kernel;
        this.settings = settings;
    }

    /** Applies one batch of decisions. */
    public synchronized void apply(List<FibOp> ops) {
        Map<InetAddress, List<NextHop>> cache = new HashMap<>();
        for (FibOp op : ops) {
            switch (op) {
                case FibOp.Install i -> program(i.prefix(), i.nextHops(), cache);
                case FibOp.Remove r -> {
                    Tracked t = tracked.remove(r.prefix());
                    if (t != null && !t.installed().isEmpty()) remove(r.prefix());
                }
                case FibOp.Refuse r -> {
                    kernel.metrics().refused(1);
                    LOG.log(System.Logger.Level.DEBUG, "not installing {0}: {1}", r.prefix(), r.reason());
                }
            }
        }
    }

    /**
     * Makes the kernel table exactly the desired destinations (from {@link Fib#desired}): at
     * start, and on demand. bgplet routes not desired are removed; other protocols' untouched.
     */
    public synchronized KernelRoutes.ResyncResult resync(Map<Prefix, List<InetAddress>> desired) throws NetlinkException {
        Map<InetAddress, List<NextHop>> cache = new HashMap<>();
        Map<Prefix, List<NextHop>> resolved = new LinkedHashMap<>();
        tracked.clear();
        int unresolved = 0;
        for (Map.Entry<Prefix, List<InetAddress>> e : desired.entrySet()) {
            List<NextHop> hops = resolve(e.getValue(), cache);
            tracked.put(e.getKey(), new Tracked(e.getValue(), hops));
            if (hops.isEmpty()) unresolved++;
            else resolved.put(e.getKey(), hops);
        }
        kernel.metrics().unresolved(unresolved);
        KernelRoutes.ResyncResult result = kernel.resync(resolved, settings.table(), settings.metric());
        for (KernelRoutes.RouteError err : result.errors()) {
            Tracked t = tracked.get(err.prefix());
            if (t != null) tracked.put(err.prefix(), new Tracked(t.bgpNextHops(), List.of()));
        }
        return result;
    }

    /**
     * Takes over bgplet's routes already in the table (left by a previous run) without
     * changing them, so later installs replace them in place instead of failing: the first
     * step after a restart, before the RIB is complete. Returns how many there were.
     */
    public synchronized int adopt() throws NetlinkException {
        return kernel.list(settings.table()).size();
    }

    /**
     * Removes bgplet's routes in the table that this instance does not hold installed (and
     * ours at another metric): after a restart, once the RIB is complete, this removes just
     * the leftovers whose destinations did not come back. Returns how many it removed.
     */
    public synchronized int sweep() throws NetlinkException {
        int removed = 0;
        for (KernelRoute r : kernel.list(settings.table())) {
            Tracked t = tracked.get(r.prefix());
            boolean held = t != null && !t.installed().isEmpty() && r.metric() == settings.metric();
            if (held) continue;
            try {
                if (kernel.remove(r.prefix(), settings.table(), r.metric())) removed++;
            } catch (NetlinkException e) {
                LOG.log(System.Logger.Level.WARNING, "kernel refused to remove {0}: {1}", r.prefix(), e.getMessage());
            }
        }
        return removed;
    }

    /** Removes every route this instance installed (a stop without graceful restart). */
    public synchronized int removeAll() {
        int removed = 0;
        for (Map.Entry<Prefix, Tracked> e : tracked.entrySet()) {
            if (e.getValue().installed().isEmpty()) continue;
            remove(e.getKey());
            removed++;
        }
        tracked.clear();
        return removed;
    }

    /**
     * {@link #resync} against what this instance already tracks: puts back bgplet routes
     * someone deleted, fixes changed ones, removes protocol-181 routes it does not hold.
     */
    public synchronized KernelRoutes.ResyncResult resync() throws NetlinkException {
        Map<Prefix, List<InetAddress>> desired = new LinkedHashMap<>();
        tracked.forEach((p, t) -> desired.put(p, t.bgpNextHops()));
        return resync(desired);
    }

    /** Resolves every destination again and fixes those that changed; returns how many changed. */
    public synchronized int reresolve() {
        Map<InetAddress, List<NextHop>> cache = new HashMap<>();
        int changed = 0;
        for (Map.Entry<Prefix, Tracked> e : new ArrayList<>(tracked.entrySet())) {
            List<NextHop> now = resolve(e.getValue().bgpNextHops(), cache);
            if (KernelRoutes.same(now, e.getValue().installed())) continue;
            changed++;
            program(e.getKey(), e.getValue().bgpNextHops(), cache);
        }
        return changed;
    }

    /** Destinations bgplet is tracking (installed or waiting for a next hop to resolve). */
    public synchronized int size() {
        return tracked.size();
    }

    private void program(Prefix prefix, List<InetAddress> bgpNextHops, Map<InetAddress, List<NextHop>> cache) {
        Tracked before = tracked.get(prefix);
        List<NextHop> hops = resolve(bgpNextHops, cache);
        if (hops.isEmpty()) {
            kernel.metrics().unresolved(1);
            if (before != null && !before.installed().isEmpty()) remove(prefix);
            tracked.put(prefix, new Tracked(bgpNextHops, List.of()));
            return;
        }
        // Same BGP next hops resolving the same way: the kernel already has it (an attribute
        // change other than the next hop, or a rebuild) and needs no request.
        if (before != null && before.bgpNextHops().equals(bgpNextHops) && !before.installed().isEmpty()
                && KernelRoutes.same(hops, before.installed())) return;
        try {
            kernel.install(prefix, hops, settings.table(), settings.metric());
            tracked.put(prefix, new Tracked(bgpNextHops, hops));
        } catch (NetlinkException e) {
            LOG.log(System.Logger.Level.WARNING, "kernel refused {0}: {1}", prefix, e.getMessage());
            tracked.put(prefix, new Tracked(bgpNextHops, List.of()));
        }
    }

    private void remove(Prefix prefix) {
        try {
            kernel.remove(prefix, settings.table(), settings.metric());
        } catch (NetlinkException e) {
            LOG.log(System.Logger.Level.WARNING, "kernel refused to remove {0}: {1}", prefix, e.getMessage());
        }
    }

    /**
     * Kernel next hops for the BGP next hops: each resolved (a lookup per distinct address per
     * batch), duplicates merged into one next hop whose weight counts the paths through it.
     */
    private List<NextHop> resolve(List<InetAddress> bgpNextHops, Map<InetAddress, List<NextHop>> cache) {
        Map<NextHop, Integer> weights = new LinkedHashMap<>();
        for (InetAddress a : bgpNextHops) {
            List<NextHop> r = cache.computeIfAbsent(a, this::lookup);
            for (NextHop h : r) weights.merge(h.withWeight(1), h.weight(), Integer::sum);
        }
        List<NextHop> out = new ArrayList<>(weights.size());
        boolean equal = weights.values().stream().distinct().count() <= 1;
        weights.forEach((h, w) -> out.add(equal ? h : h.withWeight(Math.min(w, 256))));
        return out;
    }

    private List<NextHop> lookup(InetAddress a) {
        try {
            return kernel.resolve(a);
        } catch (NetlinkException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot resolve next hop {0}: {1}", a.getHostAddress(), e.getMessage());
            return List.of();
        }
    }
}
