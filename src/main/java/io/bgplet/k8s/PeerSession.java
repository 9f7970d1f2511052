package io.bgplet.k8s;

import io.bgplet.wire.Family;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One BGP session as the status writer needs it, filled in by the app layer from the
 * speaker's neighbour snapshot (this package does not see the session layer's types).
 *
 * @param name            the peer's name (NodeConfig spec peers[].name)
 * @param peerAddress     the neighbour's address
 * @param configuredAs    the peer AS from the config; 0 accepts any
 * @param negotiatedAs    the AS in the peer's OPEN while a session is up, else 0
 * @param state           the FSM state in Cilium's spelling: idle, connect, active, open_sent, open_confirm, established
 * @param holdTime        the negotiated hold time while up, else null
 * @param keepalive       the negotiated keepalive time while up, else null
 * @param establishedAt   when the running session reached Established, else null
 * @param routes          route counts per family
 */
public record PeerSession(String name, String peerAddress, long configuredAs, long negotiatedAs, String state, Integer holdTime,
                          Integer keepalive, Instant establishedAt, Map<Family, Routes> routes) {

    public record Routes(int received, int advertised) {}

    public PeerSession {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(state, "state");
        routes = Map.copyOf(routes);
    }
}
