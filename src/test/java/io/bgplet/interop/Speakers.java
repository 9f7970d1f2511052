package io.bgplet.interop;

import io.bgplet.rib.DecisionOptions;
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
}
