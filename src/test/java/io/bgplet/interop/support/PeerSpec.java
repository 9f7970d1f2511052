package io.bgplet.interop.support;

import java.util.ArrayList;
import java.util.List;

/**
 * A peer daemon's configuration, shared by every launcher.
 *
 * @param localAs       the daemon's AS
 * @param routerId      BGP identifier (an IPv4 address)
 * @param listenAddress address to listen on, or null for all
 * @param listenPort    TCP port to listen on (179; 0 = do not listen, where supported)
 * @param neighbors     sessions
 * @param routes        routes originated from the start
 */
public record PeerSpec(long localAs, String routerId, String listenAddress, int listenPort,
                       List<NeighborSpec> neighbors, List<RouteSpec> routes) {

    public PeerSpec {
        neighbors = List.copyOf(neighbors);
        routes = List.copyOf(routes);
    }

    public static PeerSpec of(long localAs, String routerId) {
        return new PeerSpec(localAs, routerId, null, 179, List.of(), List.of());
    }

    public PeerSpec listen(String address, int port) {
        return new PeerSpec(localAs, routerId, address, port, neighbors, routes);
    }

    public PeerSpec neighbor(NeighborSpec n) {
        List<NeighborSpec> ns = new ArrayList<>(neighbors);
        ns.add(n);
        return new PeerSpec(localAs, routerId, listenAddress, listenPort, ns, routes);
    }

    public PeerSpec route(RouteSpec r) {
        List<RouteSpec> rs = new ArrayList<>(routes);
        rs.add(r);
        return new PeerSpec(localAs, routerId, listenAddress, listenPort, neighbors, rs);
    }
}
