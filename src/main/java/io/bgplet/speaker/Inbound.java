package io.bgplet.speaker;

import io.bgplet.rib.AsLoop;
import io.bgplet.rib.AttributeInterner;
import io.bgplet.rib.LocRib;
import io.bgplet.rib.Path;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.RouteFilter;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import io.bgplet.wire.Update;

import java.util.List;

/**
 * The receive side of the decision process (RFC 4271 9.1.1): UPDATEs into a neighbour's
 * Adj-RIB-In, then import policy and the AS loop check into the Loc-RIB. Withdrawals and
 * graceful-restart sweeps go the same way. Runs on the writer only.
 */
final class Inbound {
    private final LocRib locRib;
    private final AttributeInterner interner;
    private final long localAs;

    Inbound(LocRib locRib, AttributeInterner interner, long localAs) {
        this.locRib = locRib;
        this.interner = interner;
        this.localAs = localAs;
    }

    void apply(Neighbor n, Update update) {
        for (Prefix p : update.withdrawn()) withdraw(n, p);
        Attribute.MpUnreach unreach = null;
        Attribute.MpReach reach = null;
        for (Attribute a : update.attributes()) {
            if (a instanceof Attribute.MpUnreach u) unreach = u;
            else if (a instanceof Attribute.MpReach r) reach = r;
        }
        if (unreach != null && carried(n, unreach.family())) {
            for (Prefix p : unreach.withdrawn()) withdraw(n, p);
        }
        if (!update.nlri().isEmpty() && carried(n, Family.IPV4_UNICAST)) {
            PathAttributes attrs = interner.intern(PathAttributes.of(update.attributes(), Family.IPV4_UNICAST));
            for (Prefix p : update.nlri()) announce(n, p, attrs);
        }
        if (reach != null && !reach.nlri().isEmpty() && carried(n, reach.family())) {
            PathAttributes attrs = interner.intern(PathAttributes.of(update.attributes(), reach.family()));
            for (Prefix p : reach.nlri()) announce(n, p, attrs);
        }
    }

    /** RFC 7606 treat-as-withdraw: every prefix the UPDATE names leaves the Adj-RIB-In. */
    void treatAsWithdraw(Neighbor n, Update update) {
        for (Prefix p : update.treatAsWithdraw()) {
            if (carried(n, p.family())) withdraw(n, p);
        }
    }

    private static boolean carried(Neighbor n, Family f) {
        return n.negotiated != null && n.negotiated.families().contains(f);
    }

    void announce(Neighbor n, Prefix prefix, PathAttributes attrs) {
        n.adjRibIn.put(prefix, attrs);
        considerForLocRib(n, prefix, attrs);
    }

    /** Puts the Adj-RIB-In route of prefix through loop check and import policy again. */
    void considerForLocRib(Neighbor n, Prefix prefix, PathAttributes attrs) {
        PathAttributes imported = looped(n, attrs) ? null : importFilter(n, prefix.family()).apply(prefix, n.source, attrs);
        if (imported != null) {
            if (!locRib.update(prefix, path(n, imported))) n.addAccepted(prefix.family(), 1);
        } else if (locRib.withdraw(prefix, n.source)) {
            n.addAccepted(prefix.family(), -1);
        }
    }

    /** The AS loop check, remembered for the last set: the prefixes of one UPDATE share it. */
    private boolean looped(Neighbor n, PathAttributes attrs) {
        if (attrs != n.lastLoopChecked) {
            n.lastLoopChecked = attrs;
            n.lastLooped = AsLoop.isLoop(attrs, localAs, n.config.allowOwnAs());
        }
        return n.lastLooped;
    }

    /**
     * The Loc-RIB path for imported attributes from n, shared by consecutive routes with the
     * same set (one UPDATE's prefixes): a Path per route was 1.05M objects kept alive by the
     * Loc-RIB of a full table, about 4x the number of distinct sets.
     */
    private static Path path(Neighbor n, PathAttributes imported) {
        Path p = n.lastPath;
        if (p == null || p.attributes() != imported || p.source() != n.source) {
            p = new Path(n.source, imported);
            n.lastPath = p;
        }
        return p;
    }

    void withdraw(Neighbor n, Prefix prefix) {
        if (n.adjRibIn.withdraw(prefix) == null) return;
        if (locRib.withdraw(prefix, n.source)) n.addAccepted(prefix.family(), -1);
    }

    /** Removes every route of the family learned from n (session down without GR, or a sweep). */
    void dropAll(Neighbor n, Family family) {
        for (Prefix p : n.adjRibIn.clear(family)) locRib.withdraw(p, n.source);
        n.clearAccepted(family);
    }

    /** Removes the routes still stale after the peer's End-of-RIB or restart time (RFC 4724 4.2). */
    int sweepStale(Neighbor n, Family family) {
        List<Prefix> gone = n.adjRibIn.sweepStale(family);
        for (Prefix p : gone) {
            if (locRib.withdraw(p, n.source)) n.addAccepted(family, -1);
        }
        return gone.size();
    }

    /** Runs import again over the whole Adj-RIB-In of the family: after an import policy change. */
    void reimport(Neighbor n, Family family) {
        n.adjRibIn.forEach(family, (prefix, attrs) -> considerForLocRib(n, prefix, attrs));
    }

    /** The global import default REJECT (GlobalPolicy): every learned path is refused. */
    boolean rejectAll;

    private RouteFilter importFilter(Neighbor n, Family family) {
        if (rejectAll) return RouteFilter.REJECT_ALL;
        return n.policy.importFilter(family, interner);
    }
}
