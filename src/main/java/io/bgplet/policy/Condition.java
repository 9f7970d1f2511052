package io.bgplet.policy;

import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.util.Objects;

/** A test on a route; a statement applies when all of its conditions hold. */
public sealed interface Condition {

    /** The route's prefix is in the set (with its ge/le ranges). */
    record PrefixIn(PrefixSet set) implements Condition {
        public PrefixIn { Objects.requireNonNull(set); }
    }

    /** The route was originated by this speaker (Cilium's advertisements), not learned. */
    record LocallyOriginated() implements Condition {}

    /** The route carries this RFC 1997 community. */
    record CommunityPresent(int community) implements Condition {}

    /** The route carries this RFC 8092 large community. */
    record LargeCommunityPresent(int global, int local1, int local2) implements Condition {}

    /** The AS_PATH contains asn anywhere. */
    record AsPathContains(long asn) implements Condition {}

    /** The route is of this address family. */
    record FamilyIs(Family family) implements Condition {
        public FamilyIs { Objects.requireNonNull(family); }
    }

    /** The inner condition does not hold. */
    record Not(Condition condition) implements Condition {
        public Not { Objects.requireNonNull(condition); }
    }

    default boolean test(Prefix prefix, Source source, PathAttributes a) {
        return switch (this) {
            case PrefixIn c -> c.set().contains(prefix);
            case LocallyOriginated c -> source.local();
            case CommunityPresent c -> a.hasCommunity(c.community());
            case LargeCommunityPresent c -> a.hasLargeCommunity(c.global(), c.local1(), c.local2());
            case AsPathContains c -> a.asPath().occurrences(c.asn()) > 0;
            case FamilyIs c -> prefix.family().equals(c.family());
            case Not c -> !c.condition().test(prefix, source, a);
        };
    }
}
