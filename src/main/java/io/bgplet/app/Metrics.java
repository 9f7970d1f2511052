package io.bgplet.app;

import io.bgplet.session.State;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerListener;
import io.bgplet.wire.Family;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prometheus metrics under Cilium's names and labels, so existing dashboards work
 * ({@code cilium_bgp_control_plane_*}), plus bgplet's own ({@code bgplet_*}). Gauges are
 * refreshed from the speakers' neighbour snapshots on every state change and on a timer.
 */
@ApplicationScoped
public class Metrics {
    static final String PREFIX = "cilium_bgp_control_plane_";

    @Inject
    MeterRegistry registry;

    private final Map<String, AtomicLong> gauges = new ConcurrentHashMap<>();

    /** The listener to attach to an instance's speaker. */
    SpeakerListener listenerFor(String instance, long localAs) {
        String vrouter = Long.toString(localAs);
        return new SpeakerListener() {
            @Override
            public void onNeighborState(NeighborStatus s) {
                record(vrouter, s);
            }

            @Override
            public void onNotification(String name, java.net.InetAddress address, io.bgplet.wire.Notification n, boolean sent) {
                Counter.builder("bgplet_notifications").description("BGP NOTIFICATION messages sent and received")
                        .tags("vrouter", vrouter, "neighbor", address.getHostAddress(), "direction", sent ? "sent" : "received",
                                "code", Integer.toString(n.code()), "subcode", Integer.toString(n.subcode()))
                        .register(registry).increment();
            }

            @Override
            public void onError(String neighbor, String what) {
                String action = what.contains("TREAT_AS_WITHDRAW") ? "treat-as-withdraw"
                        : what.contains("ATTRIBUTE_DISCARD") ? "attribute-discard" : "other";
                Counter.builder("bgplet_rfc7606_actions").description("RFC 7606 actions taken on malformed UPDATEs")
                        .tags("vrouter", vrouter, "neighbor", neighbor, "action", action).register(registry).increment();
            }
        };
    }

    /** Refreshes every gauge of one speaker from a snapshot of its neighbours. */
    void refresh(long localAs, Speaker speaker) {
        String vrouter = Long.toString(localAs);
        speaker.query(v -> v.neighbors()).thenAccept((List<NeighborStatus> all) -> all.forEach(s -> record(vrouter, s)));
    }

    void reconcile(String instance, long nanos, boolean failed) {
        Timer.builder(PREFIX + "reconcile_run_duration_seconds").description("Duration of one reconcile run")
                .tags("vrouter", instance).register(registry).record(java.time.Duration.ofNanos(nanos));
        if (failed) {
            Counter.builder(PREFIX + "reconcile_errors").description("Reconcile runs that reported an error")
                    .tags("vrouter", instance).register(registry).increment();
        }
    }

    private void record(String vrouter, NeighborStatus s) {
        String neighbor = s.config().address().getHostAddress();
        long asn = s.negotiated().map(n -> n.peerAs()).orElse(s.config().peerAs());
        Tags peer = Tags.of("vrouter", vrouter, "neighbor", neighbor, "neighbor_asn", Long.toString(asn));
        gauge(PREFIX + "session_state", "1 when the session is established", peer, s.state() == State.ESTABLISHED ? 1 : 0);
        for (Map.Entry<Family, NeighborStatus.RouteCounts> e : s.families().entrySet()) {
            Tags fam = peer.and("afi", afi(e.getKey()), "safi", "unicast");
            gauge(PREFIX + "advertised_routes", "Routes advertised to the peer", fam, e.getValue().advertised());
            gauge(PREFIX + "received_routes", "Routes received from the peer", fam, e.getValue().received());
        }
        Tags n = Tags.of("vrouter", vrouter, "neighbor", neighbor);
        gauge("bgplet_updates_received", "UPDATE messages received", n, s.counters().updatesIn());
        gauge("bgplet_updates_sent", "UPDATE messages sent", n, s.counters().updatesOut());
        gauge("bgplet_route_refresh_received", "ROUTE-REFRESH messages received", n, s.counters().refreshIn());
        gauge("bgplet_withdrawn_by_error", "UPDATEs treated as withdraw (RFC 7606)", n, s.counters().withdrawnByError());
    }

    /** Kernel route installation of one instance (bgplet.io/install-routes). */
    void refreshFib(String vrouter, io.bgplet.fib.FibMetrics m) {
        Tags t = Tags.of("vrouter", vrouter);
        gauge("bgplet_fib_routes_installed", "Routes bgplet has in the kernel (protocol 181)", t, m.installed());
        gauge("bgplet_fib_refused", "Learned routes not installed because of the safety rules or prefix filters", t, m.refused());
        gauge("bgplet_fib_unresolved", "Learned routes left out of the kernel because no next hop resolved", t, m.unresolved());
        gauge("bgplet_fib_kernel_errors", "Kernel errors while programming routes, all errnos", t, m.kernelErrorTotal());
        m.kernelErrors().forEach((errno, n) -> gauge("bgplet_fib_kernel_errors_by_errno", "Kernel errors while programming routes",
                t.and("errno", errno), n));
    }

    private static String afi(Family f) {
        return f.afi() == Family.AFI_IPV4 ? "ipv4" : f.afi() == Family.AFI_IPV6 ? "ipv6" : Integer.toString(f.afi());
    }

    private void gauge(String name, String help, Tags tags, long value) {
        String key = name + tags;
        gauges.computeIfAbsent(key, k -> {
            AtomicLong v = new AtomicLong();
            registry.gauge(name, tags, v);
            return v;
        }).set(value);
    }
}
