package io.bgplet.interop.support;

import java.util.List;

/**
 * One neighbour in a peer daemon's configuration. Build with {@link #of} and the withers:
 * {@code NeighborSpec.of("198.51.100.100", 65010).passive(true).holdTime(9)}.
 *
 * @param address      the neighbour's address (IPv4 or IPv6)
 * @param remoteAs     its AS
 * @param port         its TCP port (179)
 * @param localAddress source address for this session, or null for the daemon's choice
 * @param password     TCP MD5 key (RFC 2385), or null
 * @param multihopTtl  eBGP multihop TTL, 0 for a directly connected neighbour
 * @param gracefulRestart RFC 4724 capability on, with {@code restartTime} seconds
 * @param fourOctetAs  RFC 6793 capability (not every daemon can turn it off: see each launcher)
 * @param passive      wait for the neighbour to connect (bgplet dials)
 * @param holdTime     seconds; keepalive is a third of it
 * @param families     "ipv4" and/or "ipv6" unicast; empty = the family of {@code address}
 */
public record NeighborSpec(String address, long remoteAs, int port, String localAddress, String password,
                           int multihopTtl, boolean gracefulRestart, int restartTime, boolean fourOctetAs,
                           boolean passive, int holdTime, List<String> families) {

    public NeighborSpec {
        families = List.copyOf(families);
        for (String f : families) {
            if (!f.equals("ipv4") && !f.equals("ipv6")) throw new IllegalArgumentException("family must be ipv4 or ipv6: " + f);
        }
        if (holdTime != 0 && holdTime < 3) throw new IllegalArgumentException("hold time 0 or >= 3 (RFC 4271 4.2)");
    }

    public static NeighborSpec of(String address, long remoteAs) {
        return new NeighborSpec(address, remoteAs, 179, null, null, 0, false, 120, true, false, 9, List.of());
    }

    public NeighborSpec port(int p) {
        return new NeighborSpec(address, remoteAs, p, localAddress, password, multihopTtl, gracefulRestart, restartTime, fourOctetAs, passive, holdTime, families);
    }

    public NeighborSpec localAddress(String a) {
        return new NeighborSpec(address, remoteAs, port, a, password, multihopTtl, gracefulRestart, restartTime, fourOctetAs, passive, holdTime, families);
    }

    public NeighborSpec password(String p) {
        return new NeighborSpec(address, remoteAs, port, localAddress, p, multihopTtl, gracefulRestart, restartTime, fourOctetAs, passive, holdTime, families);
    }

    public NeighborSpec multihop(int ttl) {
        return new NeighborSpec(address, remoteAs, port, localAddress, password, ttl, gracefulRestart, restartTime, fourOctetAs, passive, holdTime, families);
    }

    public NeighborSpec gracefulRestart(int restartSeconds) {
        return new NeighborSpec(address, remoteAs, port, localAddress, password, multihopTtl, true, restartSeconds, fourOctetAs, passive, holdTime, families);
    }

    public NeighborSpec fourOctetAs(boolean on) {
        return new NeighborSpec(address, remoteAs, port, localAddress, password, multihopTtl, gracefulRestart, restartTime, on, passive, holdTime, families);
    }

    public NeighborSpec passive(boolean on) {
        return new NeighborSpec(address, remoteAs, port, localAddress, password, multihopTtl, gracefulRestart, restartTime, fourOctetAs, on, holdTime, families);
    }

    public NeighborSpec holdTime(int seconds) {
        return new NeighborSpec(address, remoteAs, port, localAddress, password, multihopTtl, gracefulRestart, restartTime, fourOctetAs, passive, seconds, families);
    }

    /** "ipv4", "ipv6" or both. */
    public NeighborSpec families(String... fs) {
        return new NeighborSpec(address, remoteAs, port, localAddress, password, multihopTtl, gracefulRestart, restartTime, fourOctetAs, passive, holdTime, List.of(fs));
    }

    public boolean isIpv6() {
        return address.contains(":");
    }

    /** The families to activate: as given, or the address's own family. */
    public List<String> effectiveFamilies() {
        return families.isEmpty() ? List.of(isIpv6() ? "ipv6" : "ipv4") : families;
    }

    public int keepalive() {
        return holdTime / 3;
    }
}
