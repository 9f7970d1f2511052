package io.bgplet.wire;

/**
 * An address family: AFI and SAFI (RFC 4760). An open type: unknown code points are
 * representable so they can be reported and round-tripped.
 */
public record Family(int afi, int safi) {
    public static final int AFI_IPV4 = 1;
    public static final int AFI_IPV6 = 2;
    public static final int SAFI_UNICAST = 1;

    public static final Family IPV4_UNICAST = new Family(AFI_IPV4, SAFI_UNICAST);
    public static final Family IPV6_UNICAST = new Family(AFI_IPV6, SAFI_UNICAST);

    public Family {
        if (afi < 0 || afi > 0xFFFF) throw new IllegalArgumentException("AFI out of range: " + afi);
        if (safi < 0 || safi > 0xFF) throw new IllegalArgumentException("SAFI out of range: " + safi);
    }

    public static Family of(int afi, int safi) {
        if (safi == SAFI_UNICAST) {
            if (afi == AFI_IPV4) return IPV4_UNICAST;
            if (afi == AFI_IPV6) return IPV6_UNICAST;
        }
        return new Family(afi, safi);
    }

    private static final java.util.List<Family> SUPPORTED = java.util.List.of(IPV4_UNICAST, IPV6_UNICAST);

    /** The families bgplet carries routes for, IPv4 first. */
    public static java.util.List<Family> supportedFamilies() {
        return SUPPORTED;
    }

    /** True for the families bgplet carries routes for. */
    public boolean supported() {
        return equals(IPV4_UNICAST) || equals(IPV6_UNICAST);
    }

    /** Parses Cilium's and GoBGP's spelling: {@code ipv4-unicast}, {@code ipv6/unicast}. */
    public static Family parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT).replace('/', '-').replace('_', '-');
        return switch (t) {
            case "ipv4-unicast", "ipv4" -> IPV4_UNICAST;
            case "ipv6-unicast", "ipv6" -> IPV6_UNICAST;
            default -> throw new IllegalArgumentException("unsupported address family: " + text);
        };
    }

    @Override
    public String toString() {
        String a = switch (afi) { case AFI_IPV4 -> "ipv4"; case AFI_IPV6 -> "ipv6"; default -> "afi" + afi; };
        String s = safi == SAFI_UNICAST ? "unicast" : "safi" + safi;
        return a + "-" + s;
    }
}
