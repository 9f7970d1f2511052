package io.bgplet.k8s;

import io.bgplet.config.Problem;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.Condition;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.wire.Family;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The status Cilium's agent writes into its node's CiliumBGPNodeConfig (cilium-bgp.md 1.5),
 * computed from what the node runs: one entry per instance with its peers' session state,
 * applied timers, established time and route counts, and the {@code cilium.io/BGPReconcileError}
 * condition listing this node's problems. Pure: the same observation gives the same status,
 * so the writer can skip writes that would change nothing.
 */
public final class NodeConfigStatus {
    public static final String RECONCILE_ERROR = "cilium.io/BGPReconcileError";
    static final String REASON = "BGPReconcileError";
    /** Cilium caps the condition message at 32 KiB. */
    static final int MESSAGE_CAP = 32 * 1024;
    /** Conditions the operator sets on other objects; they say nothing about this node. */
    private static final String NO_MATCHING_NODE = "cilium.io/NoMatchingNode";

    private NodeConfigStatus() {}

    /**
     * @param previous the conditions currently in the object's status, to keep lastTransitionTime
     *                 when the condition's status did not change and to keep other writers' conditions
     * @param now      the time of a transition
     */
    public static CiliumBGPNodeConfig.Status build(Observed observed, List<Condition> previous, Instant now) {
        List<CiliumBGPNodeConfig.InstanceStatus> instances = new ArrayList<>();
        for (InstanceConfig ic : observed.result().instances()) {
            List<PeerSession> sessions = new ArrayList<>(observed.sessions().getOrDefault(ic.name(), List.of()));
            sessions.sort(Comparator.comparing(PeerSession::name));
            List<CiliumBGPNodeConfig.PeerStatus> peers = new ArrayList<>();
            for (PeerSession s : sessions) peers.add(peer(s));
            instances.add(new CiliumBGPNodeConfig.InstanceStatus(ic.name(), ic.localAs(), peers));
        }
        List<Condition> conditions = new ArrayList<>();
        for (Condition c : previous) if (!c.type().equals(RECONCILE_ERROR)) conditions.add(c);
        conditions.add(reconcileError(observed.result().problems(), previous, now));
        conditions.sort(Comparator.comparing(Condition::type));
        return new CiliumBGPNodeConfig.Status(instances, conditions);
    }

    private static CiliumBGPNodeConfig.PeerStatus peer(PeerSession s) {
        // peerASN: the configured one, or what the peer's OPEN said when configured as 0 (Cilium does the same).
        Long asn = s.configuredAs() != 0 ? Long.valueOf(s.configuredAs()) : s.negotiatedAs() != 0 ? Long.valueOf(s.negotiatedAs()) : null;
        CiliumBGPNodeConfig.PeerTimers timers = s.holdTime() == null ? null
                : new CiliumBGPNodeConfig.PeerTimers(s.holdTime(), s.keepalive());
        List<CiliumBGPNodeConfig.RouteCount> counts = new ArrayList<>();
        s.routes().entrySet().stream()
                .sorted(Map.Entry.comparingByKey(Comparator.comparingInt(Family::afi).thenComparingInt(Family::safi)))
                .forEach(e -> counts.add(new CiliumBGPNodeConfig.RouteCount(afi(e.getKey()), safi(e.getKey()),
                        e.getValue().received(), e.getValue().advertised())));
        return new CiliumBGPNodeConfig.PeerStatus(s.name(), s.peerAddress(), asn, s.state(), timers,
                s.establishedAt() == null ? null : rfc3339(s.establishedAt()), counts.isEmpty() ? null : counts);
    }

    private static Condition reconcileError(List<Problem> problems, List<Condition> previous, Instant now) {
        StringBuilder message = new StringBuilder();
        for (Problem p : problems) {
            if (NO_MATCHING_NODE.equals(p.condition())) continue;
            String line = p.toString();
            if (message.length() + line.length() + 1 > MESSAGE_CAP) break;
            if (!message.isEmpty()) message.append('\n');
            message.append(line);
        }
        String status = message.isEmpty() ? "False" : "True";
        String since = previous.stream().filter(c -> c.type().equals(RECONCILE_ERROR) && c.status().equals(status))
                .map(Condition::lastTransitionTime).findFirst().orElse(rfc3339(now));
        return new Condition(RECONCILE_ERROR, status, null, since, REASON, message.toString());
    }

    static String afi(Family f) {
        return switch (f.afi()) {
            case Family.AFI_IPV4 -> "ipv4";
            case Family.AFI_IPV6 -> "ipv6";
            default -> "afi" + f.afi();
        };
    }

    static String safi(Family f) {
        return f.safi() == Family.SAFI_UNICAST ? "unicast" : "safi" + f.safi();
    }

    /** metav1.Time: RFC 3339 in UTC, whole seconds. */
    public static String rfc3339(Instant t) {
        return DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }
}
