package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Attribute.Communities;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Update-Send (RFC 4271 9.1.3 and 9.2) for one peer: for each destination, decide what the
 * peer should now have, diff it against the peer's {@link AdjRibOut}, record the change there,
 * and return it grouped by attribute set.
 *
 * <p>Per route: split horizon and the RFC 1997 well-known communities on the Loc-RIB route,
 * then the RFC's stripping (MED and LOCAL_PREF do not leave the AS unless set locally;
 * non-transitive unrecognised attributes are dropped, RFC 4271 5), then export policy, then
 * the eBGP changes (prepend the local AS, next hop self). Results are cached per attribute
 * set within a run, so a table sharing 260k sets does 260k transformations, not 1M.
 */
public final class Export {
    /** Cache marker for a set the peer may not receive at all (well-known communities). */
    private static final PathAttributes NOT_ADVERTISABLE = PathAttributes.builder().build();

    private final AttributeInterner interner;

    public Export(AttributeInterner interner) {
        this.interner = interner;
    }

    /** Exports the given destinations of the family (typically a commit's changes). */
    public ExportResult run(Family family, ExportPeer peer, LocRib rib, Iterable<Prefix> destinations,
                            AdjRibOut out, RouteFilter policy) {
        Run run = new Run(family, peer, policy);
        Map<PathAttributes, List<Prefix>> groups = new LinkedHashMap<>();
        List<Prefix> withdrawals = new ArrayList<>();
        PathAttributes lastKey = null;
        List<Prefix> lastGroup = null;
        for (Prefix prefix : destinations) {
            if (!prefix.family().equals(family)) continue;
            Path best = rib.best(prefix);
            PathAttributes send = best == null ? null : run.outbound(prefix, best);
            // One Adj-RIB-Out lookup per destination: put and remove return what was sent.
            if (send == null) {
                if (out.remove(prefix) != null) withdrawals.add(prefix);
            } else if (changed(out.put(prefix, send), send)) {
                // Destinations sharing a set usually come together (one UPDATE's prefixes).
                if (send != lastKey) {
                    lastKey = send;
                    lastGroup = groups.computeIfAbsent(send, k -> new ArrayList<>());
                }
                lastGroup.add(prefix);
            }
        }
        return result(groups, withdrawals);
    }

    /**
     * Whether the peer must hear send after having had previous: by identity in the common
     * case; equal sets count as unchanged too, since a set cached by this run may have left the
     * interner (its last route replaced) and come back as another instance.
     */
    private static boolean changed(PathAttributes previous, PathAttributes send) {
        return previous != send && (previous == null || !previous.equals(send));
    }

    public ExportResult run(Family family, ExportPeer peer, LocRib rib, List<BestChange> changes,
                            AdjRibOut out, RouteFilter policy) {
        List<Prefix> prefixes = new ArrayList<>(changes.size());
        for (BestChange c : changes) prefixes.add(c.prefix());
        return run(family, peer, rib, prefixes, out, policy);
    }

    /**
     * Exports the whole Loc-RIB of the family: at session start, or after the export policy
     * changed (only the difference to what was sent goes out).
     */
    public ExportResult runAll(Family family, ExportPeer peer, LocRib rib, AdjRibOut out, RouteFilter policy) {
        // Every destination of the Loc-RIB, then what was sent for destinations it no longer has.
        List<Prefix> all = rib.prefixes(family);
        for (Prefix p : out.prefixes(family)) if (rib.best(p) == null) all.add(p);
        return run(family, peer, rib, all, out, policy);
    }

    /** Everything in the Adj-RIB-Out again, for a ROUTE-REFRESH from the peer (RFC 2918 3). */
    public static ExportResult resend(Family family, AdjRibOut out) {
        Map<PathAttributes, List<Prefix>> groups = new LinkedHashMap<>();
        out.forEach(family, (prefix, attrs) -> groups.computeIfAbsent(attrs, k -> new ArrayList<>()).add(prefix));
        return result(groups, List.of());
    }

    private static ExportResult result(Map<PathAttributes, List<Prefix>> groups, List<Prefix> withdrawals) {
        List<ExportResult.Group> list = new ArrayList<>(groups.size());
        groups.forEach((attrs, prefixes) -> list.add(new ExportResult.Group(attrs, prefixes)));
        return new ExportResult(list, withdrawals);
    }

    /** One export pass, with its per-set caches. */
    private final class Run {
        private final ExportPeer peer;
        private final RouteFilter policy;
        private final InetAddress nextHopSelf;
        private final InetAddress linkLocalSelf;
        private final Map<PathAttributes, PathAttributes> strippedLearned = new IdentityHashMap<>();
        private final Map<PathAttributes, PathAttributes> strippedLocal = new IdentityHashMap<>();
        private final Map<PathAttributes, PathAttributes> finished = new IdentityHashMap<>();
        // One-entry caches in front of the maps: routes sharing a set arrive together.
        private PathAttributes lastIn, lastStripped, lastFiltered, lastFinished;
        private boolean lastInLocal;

        Run(Family family, ExportPeer peer, RouteFilter policy) {
            this.peer = peer;
            this.policy = policy;
            boolean v4 = family.equals(Family.IPV4_UNICAST);
            this.nextHopSelf = v4 && peer.nextHopIpv4() != null ? peer.nextHopIpv4() : peer.nextHopIpv6();
            this.linkLocalSelf = v4 ? null : peer.linkLocalIpv6();
        }

        PathAttributes outbound(Prefix prefix, Path path) {
            Source from = path.source();
            Source to = peer.peer();
            // Never send a route back to the peer it came from.
            if (from.id() == to.id()) return null;
            // RFC 4271 9.2: routes learned from an iBGP peer are not passed to other iBGP peers.
            if (from.ibgp() && to.ibgp()) return null;
            PathAttributes a = path.attributes();
            Map<PathAttributes, PathAttributes> cache = from.local() ? strippedLocal : strippedLearned;
            PathAttributes stripped = a == lastIn && from.local() == lastInLocal ? lastStripped : cache.get(a);
            if (stripped == null) {
                // Not interned: it only lives as this run's cache key; the policy's output is.
                stripped = advertisable(a, to) ? strip(a, from.local(), to.ebgp()) : NOT_ADVERTISABLE;
                cache.put(a, stripped);
            }
            lastIn = a;
            lastInLocal = from.local();
            lastStripped = stripped;
            if (stripped == NOT_ADVERTISABLE) return null;
            PathAttributes filtered = policy.apply(prefix, from, stripped);
            if (filtered == null) return null;
            if (filtered == lastFiltered) return lastFinished;
            PathAttributes done = finished.get(filtered);
            if (done == null) {
                done = interner.intern(finish(filtered, to.ebgp()));
                finished.put(filtered, done);
            }
            lastFiltered = filtered;
            lastFinished = done;
            return done;
        }

        /**
         * RFC 1997: NO_ADVERTISE goes to no peer; NO_EXPORT (and, without confederations,
         * NO_EXPORT_SUBCONFED) stays inside the AS.
         */
        private static boolean advertisable(PathAttributes a, Source to) {
            if (a.hasCommunity(Communities.NO_ADVERTISE)) return false;
            return !(to.ebgp() && (a.hasCommunity(Communities.NO_EXPORT) || a.hasCommunity(Communities.NO_EXPORT_SUBCONFED)));
        }

        private static PathAttributes strip(PathAttributes a, boolean local, boolean ebgp) {
            boolean unknownToDrop = false;
            for (Attribute x : a.others()) if (x instanceof Attribute.Unknown u && !u.transitive()) unknownToDrop = true;
            boolean ebgpToDrop = ebgp && ((!local && a.hasMed()) || a.hasOriginatorId() || a.clusterListLength() > 0);
            if (!unknownToDrop && !ebgpToDrop) return a;
            PathAttributes.Builder b = a.toBuilder();
            // RFC 4271 5: unrecognised non-transitive optional attributes are not passed on;
            // transitive ones are, and the codec sets their Partial bit.
            b.retainOthers(x -> !(x instanceof Attribute.Unknown u) || u.transitive());
            if (ebgp) {
                // RFC 4271 5.1.4: a MED received from a neighbouring AS is not propagated to
                // other ASes; only one set here (local origination or export policy) leaves.
                if (!local) b.clearMed();
                // RFC 4456 8: ORIGINATOR_ID and CLUSTER_LIST are for iBGP route reflection only.
                b.clearOriginatorId().clusterList(PathAttributes.NO_INTS);
            }
            return b.build();
        }

        private PathAttributes finish(PathAttributes a, boolean ebgp) {
            PathAttributes.Builder b = a.toBuilder();
            if (ebgp) {
                // RFC 4271 5.1.5: LOCAL_PREF is sent only to internal peers.
                b.clearLocalPref();
                // RFC 4271 5.1.2 b: prepend the local AS toward an external peer.
                b.asPath(a.asPath().prepend(peer.localAs(), 1));
                // RFC 4271 5.1.3: next hop self toward an external peer.
                b.nextHop(nextHopSelf).linkLocal(linkLocalSelf);
            } else {
                // RFC 4271 5.1.5: a speaker includes LOCAL_PREF in updates to internal peers.
                if (!a.hasLocalPref()) b.localPref(PathAttributes.DEFAULT_LOCAL_PREF);
                // RFC 4271 5.1.3: a learned next hop is kept inside the AS; local routes carry ours.
                if (a.nextHop() == null) b.nextHop(nextHopSelf).linkLocal(linkLocalSelf);
            }
            return b.build();
        }
    }
}
