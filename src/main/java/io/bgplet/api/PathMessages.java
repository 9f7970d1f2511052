package io.bgplet.api;

import apipb.Gobgp;
import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The rows of one ListPath call turned into responses, one Destination per prefix. What
 * repeats from path to path is built once per listing: a source's fields, the age stamp,
 * and the pattrs of an attribute set, which in IPv4 do not depend on the prefix and are
 * shared by every prefix that set covers. Shared Any values also keep protobuf's memoised
 * size, so each is measured once when the responses are serialised.
 */
final class PathMessages {
    /** One path read on the writer; Source and PathAttributes are immutable, so safe to keep. */
    record Row(Prefix prefix, Source source, PathAttributes attributes, boolean best, boolean stale) {}

    /**
     * Direct-mapped, compared by identity: a bounded cache that never grows with the table (a full
     * table has about a quarter million sets) and costs one array read on a hit.
     */
    private static final int SLOTS = 1 << 14;

    private final BiFunction<Source, Prefix, Instant> age;
    private final PathAttributes[] sets = new PathAttributes[SLOTS];
    @SuppressWarnings("unchecked")
    private final List<Any>[] pattrs = new List[SLOTS];
    private final Map<Source, ApiPaths.From> sources = new HashMap<>();
    private Instant lastAge;
    private Timestamp lastStamp;

    PathMessages(BiFunction<Source, Prefix, Instant> age) {
        this.age = age;
    }

    /** Rows come grouped by prefix (the listing reads them so). */
    List<Gobgp.ListPathResponse> of(List<Row> rows) {
        List<Gobgp.ListPathResponse> out = new ArrayList<>();
        Prefix current = null;
        List<Gobgp.Path> paths = new ArrayList<>();
        for (Row r : rows) {
            if (current != null && !r.prefix().equals(current)) {
                out.add(Gobgp.ListPathResponse.newBuilder().setDestination(ApiPaths.destination(current, paths)).build());
                paths = new ArrayList<>();
            }
            current = r.prefix();
            ApiPaths.From from = sources.computeIfAbsent(r.source(), ApiPaths.From::of); // a null source (Adj-RIB-Out) maps to LOCAL
            paths.add(ApiPaths.path(r.prefix(), from, pattrs(r.prefix(), r.attributes()), r.best(), r.stale(), stamp(age.apply(r.source(), r.prefix()))));
        }
        if (current != null) out.add(Gobgp.ListPathResponse.newBuilder().setDestination(ApiPaths.destination(current, paths)).build());
        return out;
    }

    private List<Any> pattrs(Prefix prefix, PathAttributes attrs) {
        // IPv6 (and IPv4 over an IPv6 next hop) carries the prefix inside MP_REACH_NLRI.
        boolean prefixFree = prefix.family().equals(Family.IPV4_UNICAST) && (attrs.nextHop() == null || attrs.nextHop() instanceof Inet4Address);
        if (!prefixFree) return ApiAttributes.toApi(prefix, attrs);
        // The set's own cached hash: System.identityHashCode would install a header hash in
        // every set on first use (5 % of a listing's CPU samples in a JFR recording).
        int h = attrs.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        if (sets[slot] != attrs) {
            sets[slot] = attrs;
            pattrs[slot] = List.copyOf(ApiAttributes.toApi(prefix, attrs));
        }
        return pattrs[slot];
    }

    private Timestamp stamp(Instant at) {
        if (!at.equals(lastAge)) {
            lastAge = at;
            lastStamp = ApiPaths.timestamp(at);
        }
        return lastStamp;
    }
}
