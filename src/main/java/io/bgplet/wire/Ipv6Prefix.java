package io.bgplet.wire;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv6 prefix: the 128 address bits in two longs, host bits cleared. */
public record Ipv6Prefix(long hi, long lo, int length) implements Prefix {

    public Ipv6Prefix {
        if (length < 0 || length > 128) throw new IllegalArgumentException("IPv6 prefix length " + length);
        hi = hi & maskHi(length);
        lo = lo & maskLo(length);
    }

    public static Ipv6Prefix strict(long hi, long lo, int length) {
        if (length < 0 || length > 128) throw new IllegalArgumentException("IPv6 prefix length " + length);
        if ((hi & ~maskHi(length)) != 0 || (lo & ~maskLo(length)) != 0) {
            throw new IllegalArgumentException("host bits set in IPv6 prefix of length " + length);
        }
        return new Ipv6Prefix(hi, lo, length);
    }

    static long maskHi(int length) {
        return length >= 64 ? -1L : length == 0 ? 0 : -1L << (64 - length);
    }

    static long maskLo(int length) {
        return length <= 64 ? 0 : length == 128 ? -1L : -1L << (128 - length);
    }

    @Override
    public Family family() {
        return Family.IPV6_UNICAST;
    }

    @Override
    public Inet6Address address() {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) b[i] = (byte) (hi >>> (56 - 8 * i));
        for (int i = 0; i < 8; i++) b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        try {
            return (Inet6Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return IpText.format(address()) + "/" + length;
    }
}
