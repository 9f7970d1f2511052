package io.bgplet.fib;

import java.util.List;

/**
 * Watches the kernel's IPv4 and IPv6 route notifications (RTNLGRP_IPV4_ROUTE,
 * RTNLGRP_IPV6_ROUTE) on a subscribed {@link Netlink} socket and calls {@code onChange} when
 * a route of another protocol changed (bgplet's own changes are ignored), or when the kernel
 * dropped notifications (ENOBUFS). The callback runs on the watch thread and should only
 * schedule {@link KernelFib#reresolve()}, debounced, on the app's own executor.
 */
public final class RouteWatch implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RouteWatch.class.getName());

    private final Netlink socket;
    private final Thread thread;
    private volatile boolean running = true;

    private RouteWatch(Netlink socket, int ownProtocol, Runnable onChange) {
        this.socket = socket;
        this.thread = Thread.ofPlatform().daemon().name("fib-route-watch").unstarted(() -> loop(ownProtocol, onChange));
    }

    /** Starts watching on {@code subscribed} (from {@link Netlink#subscribe} with both route groups). */
    public static RouteWatch start(Netlink subscribed, int ownProtocol, Runnable onChange) {
        RouteWatch w = new RouteWatch(subscribed, ownProtocol, onChange);
        w.thread.start();
        return w;
    }

    /** The groups to subscribe to. */
    public static int[] groups() {
        return new int[] {Netlink.RTNLGRP_IPV4_ROUTE, Netlink.RTNLGRP_IPV6_ROUTE};
    }

    private void loop(int ownProtocol, Runnable onChange) {
        while (running) {
            boolean changed = false;
            try {
                List<Netlink.Message> batch = socket.receive();
                for (Netlink.Message m : batch) {
                    if (m.type() != RouteMessage.RTM_NEWROUTE && m.type() != RouteMessage.RTM_DELROUTE) continue;
                    if (m.payload().remaining() >= RouteMessage.RTMSG_LEN && (m.payload().get(5) & 0xFF) != ownProtocol) changed = true;
                }
            } catch (NetlinkException e) {
                if (!running) return;
                if (e.errno().value() != Errno.ENOBUFS) {
                    LOG.log(System.Logger.Level.WARNING, "route watch stopped: {0}", e.getMessage());
                    return;
                }
                changed = true; // notifications were lost: assume anything changed
            }
            if (changed && running) {
                try {
                    onChange.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "route change callback failed", e);
                }
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(3000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        socket.close();
    }
}
