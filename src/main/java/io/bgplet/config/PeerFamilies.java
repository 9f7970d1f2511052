package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.wire.Family;

import java.util.List;

/** The families of a PeerConfig, with Cilium's default (ipv6 and ipv4 unicast, nothing advertised) when none are listed. */
final class PeerFamilies {
    private PeerFamilies() {}

    static final List<CiliumBGPPeerConfig.Family> DEFAULT = List.of(
            new CiliumBGPPeerConfig.Family("ipv6", "unicast", null),
            new CiliumBGPPeerConfig.Family("ipv4", "unicast", null));

    static List<CiliumBGPPeerConfig.Family> of(CiliumBGPPeerConfig.Spec spec) {
        return spec == null || spec.families() == null || spec.families().isEmpty() ? DEFAULT : spec.families();
    }

    /** The wire family, or null for the AFI/SAFI pairs the CRD allows but bgplet (like Cilium) does not carry. */
    static Family toFamily(CiliumBGPPeerConfig.Family f) {
        if (!f.safi().equals("unicast")) return null;
        return switch (f.afi()) {
            case "ipv4" -> Family.IPV4_UNICAST;
            case "ipv6" -> Family.IPV6_UNICAST;
            default -> null;
        };
    }
}
