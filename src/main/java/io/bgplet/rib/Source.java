package io.bgplet.rib;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Where paths come from: one BGP peer, or a local origin (routes the speaker advertises
 * itself, like Cilium's PodCIDR and Service routes). Holds what best path needs about the
 * peer: its kind (RFC 4271 9.1.2.2 d), BGP Identifier (f) and address (g). One per peer,
 * shared by all of its paths.
 *
 * @param id unique per speaker; the last tie-breaker, so selection never depends on order
 * @param peerAddress null for a local source
 * @param routerId the peer's BGP Identifier as an unsigned 32-bit value
 */
public record Source(int id, Kind kind, long peerAs, InetAddress peerAddress, long routerId) {

    public enum Kind { LOCAL, EBGP, IBGP }

    public Source {
        Objects.requireNonNull(kind);
        if (kind != Kind.LOCAL) Objects.requireNonNull(peerAddress, "peerAddress");
    }

    public static Source local(int id) {
        return new Source(id, Kind.LOCAL, 0, null, 0);
    }

    public static Source peer(int id, long localAs, long peerAs, InetAddress peerAddress, long routerId) {
        return new Source(id, localAs == peerAs ? Kind.IBGP : Kind.EBGP, peerAs, peerAddress, routerId);
    }

    public boolean local() { return kind == Kind.LOCAL; }
    public boolean ebgp() { return kind == Kind.EBGP; }
    public boolean ibgp() { return kind == Kind.IBGP; }
}
