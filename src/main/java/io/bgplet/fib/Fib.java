package io.bgplet.fib;

import io.bgplet.rib.BestChange;
import io.bgplet.rib.Path;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides what the kernel table should hold, as a pure function of Loc-RIB changes, the
 * install settings and the node's safety set; no I/O, so every rule is a unit test.
 *
 * <p>A destination is installed through the next hops of its multipath set (just the best
 * path's when multipath is off), deduplicated; paths without a next hop (locally
 * originated), with a next hop of the other family, or with one of the node's own addresses
 * contribute none, and a destination left with none is removed. A prefix the safety set or
 * the filters forbid is refused and never touched in the kernel.
 */
public final class Fib {
    private final FibSettings settings;
    private final Safety safety;

    public Fib(FibSettings settings, Safety safety) {
        this.settings = settings;
        this.safety = safety;
    }

    public FibSettings settings() {
        return settings;
    }

    /** The operations for one Loc-RIB batch, in its order. */
    public List<FibOp> decide(List<BestChange> changes) {
        List<FibOp> out = new ArrayList<>(changes.size());
        for (BestChange c : changes) {
            FibOp op = decide(c.prefix(), c.best(), c.multipath());
            if (op != null) out.add(op);
        }
        return out;
    }

    /** The operation for one destination; null when there is nothing to do (a refused withdraw). */
    public FibOp decide(Prefix prefix, Path best, List<Path> multipath) {
        String refusal = refusal(prefix);
        if (refusal != null) return best == null ? null : new FibOp.Refuse(prefix, refusal);
        if (best == null) return new FibOp.Remove(prefix);
        List<InetAddress> hops = nextHops(prefix, best, multipath);
        return hops.isEmpty() ? new FibOp.Remove(prefix) : new FibOp.Install(prefix, hops);
    }

    /**
     * The whole desired table from the current best paths, for a resync: prefix to BGP next
     * hops. {@code best} maps each destination to its multipath set (best first).
     */
    public Map<Prefix, List<InetAddress>> desired(Map<Prefix, List<Path>> best) {
        Map<Prefix, List<InetAddress>> out = new HashMap<>();
        best.forEach((prefix, paths) -> {
            if (paths.isEmpty()) return;
            FibOp op = decide(prefix, paths.getFirst(), paths);
            if (op instanceof FibOp.Install i) out.put(prefix, i.nextHops());
        });
        return out;
    }

    /** Why the prefix is not installed (safety first, then filters), or null. */
    public String refusal(Prefix prefix) {
        String unsafe = safety.refusal(prefix);
        if (unsafe != null) return unsafe;
        for (Prefix d : settings.deny()) {
            if (Safety.covers(d, prefix)) return "denied by filter " + d;
        }
        if (settings.allow().isEmpty()) return null;
        for (Prefix a : settings.allow()) {
            if (Safety.covers(a, prefix)) return null;
        }
        return "not in the allowed prefixes";
    }

    private List<InetAddress> nextHops(Prefix prefix, Path best, List<Path> multipath) {
        Set<InetAddress> out = new LinkedHashSet<>();
        // A locally originated best path means the node itself is the destination's origin.
        if (best.attributes().nextHop() == null) return List.of();
        for (Path p : multipath.isEmpty() ? List.of(best) : multipath) {
            InetAddress h = p.attributes().nextHop();
            if (h == null || safety.isOwnAddress(h)) continue;
            if ((prefix instanceof Ipv4Prefix) != (h instanceof Inet4Address)) continue;
            out.add(h);
        }
        return List.copyOf(out);
    }
}
