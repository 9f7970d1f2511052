package io.bgplet.fib;

import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * bgplet's routes in one kernel routing table, over rtnetlink. Every route it writes carries
 * {@link #PROTOCOL} (rtm_protocol), every delete matches on it, and {@link #list} and
 * {@link #resync} see only routes with it, so routes of FRR, BIRD, the CNI or an
 * administrator are never changed, even for the same destination.
 *
 * <p>A kernel error on one route is counted (by errno) and, in {@link #resync}, reported in the
 * result while the other routes go on. Methods are synchronized: one request at a time on
 * the socket.
 */
public final class KernelRoutes implements AutoCloseable {
    /**
     * bgplet's rtm_protocol: 0xB5. Free in iproute2's rt_protos (0-18, 42, 99, 186-192),
     * FRR's rt_protos.d/frr.conf (186-197) and BIRD (12); name it in
     * /etc/iproute2/rt_protos.d/bgplet.conf ({@code 181 bgplet}) to see it in {@code ip route}.
     */
    public static final int PROTOCOL = 181;

    private static final System.Logger LOG = System.getLogger(KernelRoutes.class.getName());

    private final Netlink netlink;
    private final int protocol;
    private final FibMetrics metrics;
    private final OwnedRoutes owned = new OwnedRoutes();

    public KernelRoutes(Netlink netlink, FibMetrics metrics) {
        this(netlink, PROTOCOL, metrics);
    }

    public KernelRoutes(Netlink netlink, int protocol, FibMetrics metrics) {
        if (protocol <= 4 || protocol > 255) throw new IllegalArgumentException("protocol must be 5-255 (0-4 mean kernel/boot/static): " + protocol);
        this.netlink = netlink;
        this.protocol = protocol;
        this.metrics = metrics;
    }

    public int protocol() {
        return protocol;
    }

    public FibMetrics metrics() {
        return metrics;
    }

    /**
     * Adds the route, or replaces bgplet's own route for the same destination, table and
     * metric. One next hop goes as RTA_GATEWAY (+ RTA_OIF), several as one RTA_MULTIPATH route.
     *
     * <p>The kernel's NLM_F_REPLACE matches destination and metric whatever the protocol, so it
     * is used only for a route bgplet knows it installed (since start, or found by
     * {@link #list} or {@link #resync}, which the app runs first); any other install is
     * NLM_F_CREATE | NLM_F_EXCL, and a route of another protocol in the way is reported as
     * EEXIST and left alone.
     */
    public synchronized void install(Prefix prefix, List<NextHop> nextHops, int table, int metric) throws NetlinkException {
        var body = RouteMessage.newRoute(prefix, nextHops, table, protocol, metric);
        boolean ours = owned.contains(prefix, table, metric);
        int flags = Netlink.NLM_F_ACK | Netlink.NLM_F_CREATE | (ours ? Netlink.NLM_F_REPLACE : Netlink.NLM_F_EXCL);
        try {
            netlink.request(RouteMessage.RTM_NEWROUTE, flags, body, "install " + prefix + " " + nextHops);
        } catch (NetlinkException e) {
            metrics.kernelError(e.errno());
            if (!ours && e.errno().value() == Errno.EEXIST) {
                throw new NetlinkException("install " + prefix, e.errno(),
                        "another protocol's route has this destination, table and metric; bgplet leaves it alone");
            }
            throw e;
        }
        owned.add(prefix, table, metric);
        metrics.installed(owned.count());
    }

    /** Deletes bgplet's route; false when there was none (ESRCH), which is not an error. */
    public synchronized boolean remove(Prefix prefix, int table, int metric) throws NetlinkException {
        boolean existed = true;
        try {
            netlink.request(RouteMessage.RTM_DELROUTE, Netlink.NLM_F_ACK, RouteMessage.delRoute(prefix, table, protocol, metric),
                    "remove " + prefix);
        } catch (NetlinkException e) {
            if (e.errno().value() != Errno.ESRCH) {
                metrics.kernelError(e.errno());
                throw e;
            }
            existed = false;
        }
        owned.remove(prefix, table, metric);
        metrics.installed(owned.count());
        return existed;
    }

    /** bgplet's routes in the table, IPv4 then IPv6; a table that does not exist is empty. */
    public synchronized List<KernelRoute> list(int table) throws NetlinkException {
        List<KernelRoute> out = new ArrayList<>();
        for (int family : new int[] {RouteMessage.AF_INET, RouteMessage.AF_INET6}) {
            List<Netlink.Message> replies;
            try {
                replies = netlink.request(RouteMessage.RTM_GETROUTE, Netlink.NLM_F_DUMP, RouteMessage.dump(family, table, protocol),
                        "list table " + table);
            } catch (NetlinkException e) {
                if (e.errno().value() == Errno.ENOENT) continue;
                throw e;
            }
            for (Netlink.Message m : replies) {
                if (m.type() != RouteMessage.RTM_NEWROUTE) continue;
                KernelRoute r = RouteMessage.decode(m.payload());
                // The kernel filters too (strict checking), but older kernels ignore the filter.
                if (r != null && r.protocol() == protocol && r.table() == table) out.add(r);
            }
        }
        owned.clear(table);
        for (KernelRoute r : out) owned.add(r.prefix(), table, r.metric());
        metrics.installed(owned.count());
        return out;
    }

    /** What {@link #resync} did; failed routes are left as the kernel had them. */
    public record ResyncResult(int added, int replaced, int removed, int unchanged, List<RouteError> errors) {
    }

    /** One route the kernel refused. */
    public record RouteError(Prefix prefix, String operation, Errno errno, String message) {
    }

    /**
     * Makes bgplet's routes in the table exactly {@code desired} at {@code metric}: adds missing
     * ones, replaces those whose next hops differ, removes bgplet routes not desired (also
     * bgplet routes at another metric). Other protocols' routes are not read, let alone touched.
     */
    public synchronized ResyncResult resync(Map<Prefix, List<NextHop>> desired, int table, int metric) throws NetlinkException {
        Map<Prefix, KernelRoute> existing = new HashMap<>();
        List<KernelRoute> stale = new ArrayList<>();
        for (KernelRoute r : list(table)) {
            if (r.metric() == metric && desired.containsKey(r.prefix())) existing.put(r.prefix(), r);
            else stale.add(r);
        }
        int added = 0, replaced = 0, removed = 0, unchanged = 0;
        List<RouteError> errors = new ArrayList<>();
        for (KernelRoute r : stale) {
            try {
                if (remove(r.prefix(), table, r.metric())) removed++;
            } catch (NetlinkException e) {
                errors.add(error(r.prefix(), "remove", e));
            }
        }
        for (Map.Entry<Prefix, List<NextHop>> d : desired.entrySet()) {
            KernelRoute have = existing.get(d.getKey());
            if (have != null && same(d.getValue(), have.nextHops())) {
                unchanged++;
                continue;
            }
            try {
                install(d.getKey(), d.getValue(), table, metric);
                if (have == null) added++;
                else replaced++;
            } catch (NetlinkException | IllegalArgumentException e) {
                errors.add(e instanceof NetlinkException n ? error(d.getKey(), "install", n)
                        : new RouteError(d.getKey(), "install", new Errno(Errno.EINVAL), e.getMessage()));
            }
        }
        return new ResyncResult(added, replaced, removed, unchanged, List.copyOf(errors));
    }

    private static RouteError error(Prefix prefix, String operation, NetlinkException e) {
        LOG.log(System.Logger.Level.WARNING, "kernel refused to {0} {1}: {2}", operation, prefix, e.getMessage());
        return new RouteError(prefix, operation, e.errno(), e.getMessage());
    }

    /** Same next hops, order aside; an interface left to the kernel matches whichever it chose. */
    static boolean same(List<NextHop> wanted, List<NextHop> have) {
        if (wanted.size() != have.size()) return false;
        List<NextHop> left = new ArrayList<>(have);
        for (NextHop w : wanted) {
            boolean found = false;
            for (int i = 0; i < left.size(); i++) {
                if (w.satisfiedBy(left.get(i))) {
                    left.remove(i);
                    found = true;
                    break;
                }
            }
            if (!found) return false;
        }
        return true;
    }

    /**
     * Where the kernel would send packets for {@code address}, as next hops to install a route
     * through: the address itself on its interface when it is on a connected network, else the
     * gateway(s) of the route that covers it (recursive resolution; a multipath route gives
     * several). Empty when nothing usable covers it: no route, a blackhole or unreachable
     * route, a local address, or only one of bgplet's own routes (resolving through those
     * could loop).
     */
    public synchronized List<NextHop> resolve(InetAddress address) throws NetlinkException {
        List<Netlink.Message> replies;
        try {
            replies = netlink.request(RouteMessage.RTM_GETROUTE, 0, RouteMessage.lookup(address), "resolve " + address.getHostAddress());
        } catch (NetlinkException e) {
            int v = e.errno().value();
            if (v == Errno.ENETUNREACH || v == Errno.EHOSTUNREACH || v == Errno.ESRCH || v == Errno.EINVAL) return List.of();
            throw e;
        }
        for (Netlink.Message m : replies) {
            if (m.type() != RouteMessage.RTM_NEWROUTE) continue;
            KernelRoute r = RouteMessage.decode(m.payload());
            if (r == null || r.type() != KernelRoute.RTN_UNICAST || r.protocol() == protocol) return List.of();
            List<NextHop> out = new ArrayList<>();
            for (NextHop h : r.nextHops()) {
                if (h.ifindex() == 0) continue;
                out.add(new NextHop(h.gateway() != null ? h.gateway() : address, h.ifindex(), h.weight()));
            }
            return out;
        }
        return List.of();
    }

    @Override
    public void close() {
        netlink.close();
    }
}
