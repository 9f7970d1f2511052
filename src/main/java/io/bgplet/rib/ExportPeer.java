package io.bgplet.rib;

import java.net.InetAddress;
import java.util.Objects;

/**
 * What export needs to know about the receiving peer.
 *
 * @param peer the peer's source (split horizon compares ids; its kind picks eBGP or iBGP rules)
 * @param localAs prepended toward eBGP peers (RFC 4271 5.1.2)
 * @param nextHopIpv4 the local address on this session used as next hop self for IPv4
 * @param nextHopIpv6 the local global IPv6 address for IPv6 routes (RFC 2545), or null
 * @param linkLocalIpv6 the local link-local address sent beside it on a shared link, or null
 */
public record ExportPeer(Source peer, long localAs, InetAddress nextHopIpv4, InetAddress nextHopIpv6, InetAddress linkLocalIpv6) {
    public ExportPeer {
        Objects.requireNonNull(peer);
        if (peer.local()) throw new IllegalArgumentException("export goes to a peer, not a local source");
    }
}
