package io.bgplet.rib;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The decision process of RFC 4271 9.1.2 run as the RFC words it: each step removes from
 * consideration the candidates that are worse on one attribute, until one is left. The step
 * that left one is the deciding step. Elimination over the whole candidate set (rather than
 * pairwise comparison) keeps the MED rule, which compares only paths from the same
 * neighbouring AS and so is not transitive, independent of the order paths arrived in.
 */
final class BestPath {
    private BestPath() {}

    /** Ties after router id, cluster list and peer address; also orders the multipath set. */
    private static final Comparator<Path> TIE_BREAK = Comparator
            .comparingLong(BestPath::routerId)
            .thenComparingInt(p -> p.attributes().clusterListLength())
            .thenComparing(p -> p.source().peerAddress(), BestPath::compareAddresses)
            .thenComparingInt(p -> p.source().id());

    static Selection select(Path[] candidates, int n, DecisionOptions options) {
        if (n == 1) return Selection.only(candidates[0]);
        if (n == 0) throw new IllegalArgumentException("no candidates");
        Path[] alive = Arrays.copyOf(candidates, n);
        int count = n;
        DecidingStep step = null;

        // Locally originated routes first, as GoBGP (and so Cilium) rank them.
        count = keepMin(alive, count, p -> p.source().local() ? 0 : 1);
        if (count == 1) step = DecidingStep.LOCAL_ORIGIN;
        // RFC 4271 9.1.2.1: highest LOCAL_PREF (absent counts as the default 100).
        if (step == null && (count = keepMin(alive, count, p -> -p.attributes().localPref())) == 1) step = DecidingStep.LOCAL_PREF;
        // RFC 4271 9.1.2.2 a: fewest ASes in AS_PATH (an AS_SET counts one).
        if (step == null && (count = keepMin(alive, count, p -> p.attributes().asPathLength())) == 1) step = DecidingStep.AS_PATH_LENGTH;
        // RFC 4271 9.1.2.2 b: lowest ORIGIN (IGP < EGP < INCOMPLETE).
        if (step == null && (count = keepMin(alive, count, p -> p.attributes().origin())) == 1) step = DecidingStep.ORIGIN;
        // RFC 4271 9.1.2.2 c: lowest MED, compared only within each neighbouring AS unless configured.
        if (step == null && (count = keepLowestMed(alive, count, options.alwaysCompareMed())) == 1) step = DecidingStep.MED;
        // RFC 4271 9.1.2.2 d: prefer paths learned by eBGP over those learned by iBGP.
        if (step == null && (count = keepMin(alive, count, p -> p.source().ibgp() ? 1 : 0)) == 1) step = DecidingStep.EBGP_OVER_IBGP;
        // RFC 4271 9.1.2.2 e: IGP cost to the next hop. No IGP here: all equal, nothing removed.
        Path[] equalCost = Arrays.copyOf(alive, count);
        // RFC 4271 9.1.2.2 f, with ORIGINATOR_ID in place of the BGP Identifier (RFC 4456 9).
        if (step == null && (count = keepMin(alive, count, BestPath::routerId)) == 1) step = DecidingStep.ROUTER_ID;
        // RFC 4456 9: shortest CLUSTER_LIST.
        if (step == null && (count = keepMin(alive, count, p -> p.attributes().clusterListLength())) == 1) step = DecidingStep.CLUSTER_LIST_LENGTH;
        // RFC 4271 9.1.2.2 g: lowest peer address; source id settles equal ones (local sources).
        if (step == null) {
            Arrays.sort(alive, 0, count, TIE_BREAK);
            step = DecidingStep.PEER_ADDRESS;
        }
        Path best = alive[0];
        return new Selection(best, step, multipath(best, equalCost, options));
    }

    /** Paths equal to best down to (not including) the router-id step, best first. */
    private static List<Path> multipath(Path best, Path[] equalCost, DecisionOptions options) {
        if (options.maxPaths() == 1 || equalCost.length == 1) return List.of(best);
        List<Path> out = new ArrayList<>(equalCost.length);
        for (Path p : equalCost) {
            // Without relax, load sharing needs the identical AS_PATH; with it, equal length
            // (already guaranteed by step a) is enough.
            if (options.multipathRelax() || p.attributes().asPath().equals(best.attributes().asPath())) out.add(p);
        }
        out.sort(TIE_BREAK);
        return out.size() > options.maxPaths() ? out.subList(0, options.maxPaths()) : out;
    }

    private static int keepMin(Path[] alive, int count, ToLongFunction<Path> key) {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < count; i++) min = Math.min(min, key.applyAsLong(alive[i]));
        int kept = 0;
        for (int i = 0; i < count; i++) if (key.applyAsLong(alive[i]) == min) alive[kept++] = alive[i];
        return kept;
    }

    private static int keepLowestMed(Path[] alive, int count, boolean always) {
        if (always) return keepMin(alive, count, p -> p.attributes().med());
        boolean[] drop = new boolean[count];
        for (int i = 0; i < count; i++) {
            PathAttributes a = alive[i].attributes();
            for (int j = 0; j < count; j++) {
                PathAttributes b = alive[j].attributes();
                if (a.neighborAs() == b.neighborAs() && b.med() < a.med()) {
                    drop[i] = true;
                    break;
                }
            }
        }
        int kept = 0;
        for (int i = 0; i < count; i++) if (!drop[i]) alive[kept++] = alive[i];
        return kept;
    }

    private static long routerId(Path p) {
        return p.attributes().hasOriginatorId() ? p.attributes().originatorId() : p.source().routerId();
    }

    /** IPv4 before IPv6, then by unsigned bytes; a local source (no address) first. */
    static int compareAddresses(InetAddress a, InetAddress b) {
        if (a == b) return 0;
        if (a == null) return -1;
        if (b == null) return 1;
        byte[] x = a.getAddress(), y = b.getAddress();
        if (x.length != y.length) return Integer.compare(x.length, y.length);
        return Arrays.compareUnsigned(x, y);
    }
}
