package io.bgplet.wire;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IP prefix as carried in NLRI. IPv4 and IPv6 keep their bits in primitives. */
public sealed interface Prefix extends Comparable<Prefix> permits Ipv4Prefix, Ipv6Prefix {

    int length();

    Family family();

    InetAddress address();

    /** Parses {@code 198.51.100.0/24} or {@code 2001:db8::/32}; host bits must be zero. */
    static Prefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) throw new IllegalArgumentException("prefix without length: " + text);
        String addr = text.substring(0, slash);
        int len;
        try {
            len = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length: " + text);
        }
        if (!addr.matches("[0-9a-fA-F:.]+")) throw new IllegalArgumentException("bad address: " + text);
        InetAddress a;
        try {
            a = InetAddress.getByName(addr);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad address: " + text);
        }
        return of(a, len);
    }

    static Prefix of(InetAddress address, int length) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return Ipv4Prefix.strict(((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF), length);
        }
        long hi = 0, lo = 0;
        for (int i = 0; i < 8; i++) hi = (hi << 8) | (b[i] & 0xFF);
        for (int i = 8; i < 16; i++) lo = (lo << 8) | (b[i] & 0xFF);
        return Ipv6Prefix.strict(hi, lo, length);
    }

    @Override
    default int compareTo(Prefix o) {
        if (this instanceof Ipv4Prefix a && o instanceof Ipv4Prefix b) {
            int c = Integer.compareUnsigned(a.address32(), b.address32());
            return c != 0 ? c : Integer.compare(a.length(), b.length());
        }
        if (this instanceof Ipv6Prefix a && o instanceof Ipv6Prefix b) {
            int c = Long.compareUnsigned(a.hi(), b.hi());
            if (c == 0) c = Long.compareUnsigned(a.lo(), b.lo());
            return c != 0 ? c : Integer.compare(a.length(), b.length());
        }
        return this instanceof Ipv4Prefix ? -1 : 1;
    }
}
