package io.bgplet.rib;

import io.bgplet.wire.Attribute.AsPath;
import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Small builders for RIB tests; documentation addresses only (RFC 5737, RFC 3849). */
final class Fixtures {
    private Fixtures() {}

    static final long LOCAL_AS = 65000;

    static InetAddress ip(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static Prefix prefix(String text) {
        return Prefix.parse(text);
    }

    static long rid(String dotted) {
        byte[] b = ip(dotted).getAddress();
        return ((b[0] & 0xFFL) << 24) | ((b[1] & 0xFFL) << 16) | ((b[2] & 0xFFL) << 8) | (b[3] & 0xFFL);
    }

    /** An eBGP or iBGP peer at 192.0.2.id with router id 198.51.100.id unless given. */
    static Source peer(int id, long peerAs) {
        return peer(id, peerAs, "192.0.2." + id, "198.51.100." + id);
    }

    static Source peer(int id, long peerAs, String address, String routerId) {
        return Source.peer(id, LOCAL_AS, peerAs, ip(address), rid(routerId));
    }

    static PathAttributes.Builder attrs(long... asPath) {
        return PathAttributes.builder().asPath(AsPath.sequence(asPath)).nextHop(ip("203.0.113.1"));
    }
}
