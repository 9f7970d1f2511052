package io.bgplet.wire;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 prefix. {@link #key()} packs address and length into one {@code long}, the form
 * the RIB stores, so a full table costs no object per prefix there.
 */
public record Ipv4Prefix(int address32, int length) implements Prefix {

    public Ipv4Prefix {
        if (length < 0 || length > 32) throw new IllegalArgumentException("IPv4 prefix length " + length);
        address32 = address32 & mask(length);
    }

    /** Like the constructor but refuses host bits instead of clearing them. */
    public static Ipv4Prefix strict(int address32, int length) {
        if (length < 0 || length > 32) throw new IllegalArgumentException("IPv4 prefix length " + length);
        if ((address32 & ~mask(length)) != 0) {
            throw new IllegalArgumentException("host bits set in " + new Ipv4Prefix(address32, 32).address().getHostAddress() + "/" + length);
        }
        return new Ipv4Prefix(address32, length);
    }

    public static int mask(int length) {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    /** address in the high 32 bits of the low 40, length in the low 8: sorts like the prefix. */
    public long key() {
        return ((address32 & 0xFFFFFFFFL) << 8) | length;
    }

    public static Ipv4Prefix ofKey(long key) {
        return new Ipv4Prefix((int) (key >>> 8), (int) (key & 0xFF));
    }

    /**
     * Records hash an int address and a length poorly for tables of /24s (consecutive
     * addresses collide in HashMap's low bits and buckets turn into trees); mix the key.
     */
    @Override
    public int hashCode() {
        long h = key() * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Ipv4Prefix p && p.address32 == address32 && p.length == length;
    }

    @Override
    public Family family() {
        return Family.IPV4_UNICAST;
    }

    @Override
    public Inet4Address address() {
        byte[] b = {(byte) (address32 >>> 24), (byte) (address32 >>> 16), (byte) (address32 >>> 8), (byte) address32};
        try {
            return (Inet4Address) InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public String toString() {
        return ((address32 >>> 24) & 0xFF) + "." + ((address32 >>> 16) & 0xFF) + "." + ((address32 >>> 8) & 0xFF) + "." + (address32 & 0xFF) + "/" + length;
    }
}
