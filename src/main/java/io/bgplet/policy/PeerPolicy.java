package io.bgplet.policy;

import io.bgplet.rib.AttributeInterner;
import io.bgplet.rib.RouteFilter;
import io.bgplet.wire.Family;

import java.util.Map;

/**
 * The import and export policy of one peer, per family. Import runs between the Adj-RIB-In
 * and the Loc-RIB, export between the Loc-RIB and the Adj-RIB-Out (RFC 4271 9.1.1, 9.1.3).
 * A family without an import policy accepts everything; a family without an export policy
 * exports nothing (the safe default of RFC 8212, and Cilium's: nothing is advertised until
 * an advertisement selects it).
 */
public record PeerPolicy(Map<Family, Policy> imports, Map<Family, Policy> exports) {
    public static final PeerPolicy NONE = new PeerPolicy(Map.of(), Map.of());

    public PeerPolicy {
        imports = Map.copyOf(imports);
        exports = Map.copyOf(exports);
    }

    public Policy importPolicy(Family family) {
        return imports.getOrDefault(family, Policy.ACCEPT_ALL);
    }

    public Policy exportPolicy(Family family) {
        return exports.getOrDefault(family, Policy.REJECT_ALL);
    }

    public RouteFilter importFilter(Family family, AttributeInterner interner) {
        return importPolicy(family).filter(interner);
    }

    public RouteFilter exportFilter(Family family, AttributeInterner interner) {
        Policy p = exportPolicy(family);
        return p.equals(Policy.REJECT_ALL) ? RouteFilter.REJECT_ALL : p.filter(interner);
    }
}
