package io.bgplet.interop;

import io.bgplet.rib.DecisionOptions;
import io.bgplet.rib.Path;
import io.bgplet.rib.PathAttributes;
import io.bgplet.session.State;
import io.bgplet.speaker.LocalPath;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.wire.AsPathSegment;
import io.bgplet.wire.Attribute;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Builds bgplet speakers and their configs for interop tests, with short timers. */
final class Speakers {
    private Speakers() {}

    static Speaker start() {
        return new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);
    }

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    /** A neighbour with 3 s connect retry, 9/3 s hold/keepalive, both families, import accept. */
    static NeighborConfig neighbor(String name, String address, long peerAs) {
        return new NeighborConfig(name, ip(address), 179, peerAs, null, new NeighborConfig.Timers(3, 9, 3), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, 0, false,
                NeighborConfig.ImportPolicy.ACCEPT, false, Map.of(), null);
    }

    /** {@link #neighbor} with other timers, multihop TTL, graceful restart and TCP MD5 key (null: none). */
    static NeighborConfig neighbor(String name, String address, long peerAs, NeighborConfig.Timers timers, int ebgpMultihop,
                                   NeighborConfig.GracefulRestartConfig gr, String md5) {
        return new NeighborConfig(name, ip(address), 179, peerAs, null, timers, ebgpMultihop, gr,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), md5, 0, false, NeighborConfig.ImportPolicy.ACCEPT, false, Map.of(), null);
    }

    /** A passive neighbour (bgplet waits for it to connect; the instance must listen). */
    static NeighborConfig passive(String name, String address, long peerAs) {
        return new NeighborConfig(name, ip(address), 179, peerAs, null, new NeighborConfig.Timers(3, 9, 3), 1,
                NeighborConfig.GracefulRestartConfig.DISABLED, Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, 0, true,
                NeighborConfig.ImportPolicy.ACCEPT, false, Map.of(), null);
    }

    static Map<Family, List<NeighborConfig.Advertisement>> adverts(NeighborConfig.Advertisement... as) {
        Map<Family, List<NeighborConfig.Advertisement>> m = new HashMap<>();
        for (NeighborConfig.Advertisement a : as) m.computeIfAbsent(a.prefix().family(), f -> new ArrayList<>()).add(a);
        return m;
    }

    static NeighborConfig.Advertisement advert(String prefix, int[] communities, int[] large, Long localPref) {
        return new NeighborConfig.Advertisement(Prefix.parse(prefix), communities, large, localPref);
    }

    static InstanceConfig instance(long localAs, String routerId, NeighborConfig... neighbors) {
        return new InstanceConfig("test", localAs, (Inet4Address) ip(routerId), null, 0, List.of(neighbors));
    }

    /** An instance that also listens on {@code listenAddress}:179 (for passive neighbours). */
    static InstanceConfig listening(long localAs, String routerId, String listenAddress, NeighborConfig... neighbors) {
        return new InstanceConfig("test", localAs, (Inet4Address) ip(routerId), ip(listenAddress), 179, List.of(neighbors));
    }

    /** The neighbour's status, taken on the writer. */
    static NeighborStatus status(Speaker s, String address) {
        return get(s.query(v -> v.neighbors().stream().filter(n -> n.config().address().equals(ip(address))).findFirst().orElseThrow()));
    }

    static State state(Speaker s, String address) {
        return status(s, address).state();
    }

    /** The Loc-RIB best path of the prefix, or null. */
    static Path best(Speaker s, String prefix) {
        return get(s.query(v -> v.locRib().best(Prefix.parse(prefix))));
    }

    /** The prefix's attributes in the neighbour's Adj-RIB-In, or null. */
    static PathAttributes adjIn(Speaker s, String neighbor, String prefix) {
        return get(s.query(v -> v.adjRibIn(ip(neighbor)).map(r -> r.get(Prefix.parse(prefix))).orElse(null)));
    }

    /** Whether the prefix is in the neighbour's Adj-RIB-In and marked stale (RFC 4724). */
    static boolean isStale(Speaker s, String neighbor, String prefix) {
        return get(s.query(v -> v.adjRibIn(ip(neighbor)).map(r -> r.get(Prefix.parse(prefix)) != null && r.isStale(Prefix.parse(prefix)))
                .orElse(false)));
    }

    /** The ASNs of the path's AS_PATH, segments flattened. */
    static List<Long> asns(PathAttributes a) {
        List<Long> out = new ArrayList<>();
        for (AsPathSegment seg : a.asPath().segments()) for (long as : seg.asns()) out.add(as);
        return out;
    }

    /** A path the speaker originates through its API, with MED, communities, large communities and an AS path. */
    static LocalPath localPath(String prefix, long med, String[] communities, String[] large, long... asPath) {
        List<Attribute> attrs = new ArrayList<>();
        attrs.add(new Attribute.Origin(Attribute.Origin.IGP));
        attrs.add(new Attribute.AsPath(asPath.length == 0 ? List.of() : List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, asPath))));
        attrs.add(new Attribute.Med(med));
        int[] cs = new int[communities.length];
        for (int i = 0; i < cs.length; i++) cs[i] = Attribute.Communities.parse(communities[i]);
        if (cs.length > 0) attrs.add(new Attribute.Communities(cs));
        int[] ls = new int[large.length * 3];
        for (int i = 0; i < large.length; i++) System.arraycopy(Attribute.LargeCommunities.parse(large[i]), 0, ls, i * 3, 3);
        if (ls.length > 0) attrs.add(new Attribute.LargeCommunities(ls));
        return new LocalPath(Prefix.parse(prefix), attrs);
    }

    static <T> T get(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
