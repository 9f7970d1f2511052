package io.bgplet.cli;

import apipb.Attribute;
import apipb.Gobgp;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a GoBGP {@code apipb.Path}: its prefix, next hop and the attribute list in GoBGP's
 * {@code String()} form ({@code [{Origin: i} {AsPath: 65001} {Communities: 65000:99}]}),
 * which is what cilium prints in the Attrs column.
 */
final class PathText {
    private PathText() {}

    static String prefix(Gobgp.Path path) {
        return nlri(path.getNlri());
    }

    static String nlri(Any nlri) {
        if (nlri.is(Attribute.IPAddressPrefix.class)) {
            Attribute.IPAddressPrefix p = unpack(nlri, Attribute.IPAddressPrefix.class);
            return p.getPrefix() + "/" + p.getPrefixLen();
        }
        return "{" + typeName(nlri) + "}";
    }

    /** NEXT_HOP, else MP_REACH's first next hop, else 0.0.0.0 (locally originated), as cilium does. */
    static String nextHop(Gobgp.Path path) {
        for (Any a : path.getPattrsList()) {
            if (a.is(Attribute.NextHopAttribute.class)) return unpack(a, Attribute.NextHopAttribute.class).getNextHop();
            if (a.is(Attribute.MpReachNLRIAttribute.class)) {
                Attribute.MpReachNLRIAttribute mp = unpack(a, Attribute.MpReachNLRIAttribute.class);
                if (mp.getNextHopsCount() > 0) return mp.getNextHops(0);
            }
        }
        return "0.0.0.0";
    }

    /**
     * All attributes in the order the server sent them, except an empty AS_PATH: Cilium's own
     * paths carry none, so `cilium bgp routes` shows {@code [{Origin: i} {Nexthop: 0.0.0.0}]}
     * for a PodCIDR (seed-lab.md), and bgplet's locally originated paths print the same.
     */
    static String attrs(Gobgp.Path path) {
        return path.getPattrsList().stream().filter(a -> !isEmptyAsPath(a)).map(PathText::attribute)
                .collect(Collectors.joining(" ", "[", "]"));
    }

    private static boolean isEmptyAsPath(Any a) {
        return a.is(Attribute.AsPathAttribute.class) && unpack(a, Attribute.AsPathAttribute.class).getSegmentsList().stream()
                .allMatch(s -> s.getNumbersCount() == 0);
    }

    /** Attributes other than next hop, MP_REACH and AS_PATH, as GoBGP's own CLI lists them. */
    static String otherAttrs(Gobgp.Path path) {
        return path.getPattrsList().stream()
                .filter(a -> !a.is(Attribute.NextHopAttribute.class) && !a.is(Attribute.MpReachNLRIAttribute.class)
                        && !a.is(Attribute.AsPathAttribute.class) && !a.is(Attribute.As4PathAttribute.class))
                .map(PathText::attribute).collect(Collectors.joining(" ", "[", "]"));
    }

    static String attribute(Any a) {
        if (a.is(Attribute.OriginAttribute.class)) return "{Origin: " + origin(unpack(a, Attribute.OriginAttribute.class).getOrigin()) + "}";
        if (a.is(Attribute.AsPathAttribute.class)) return "{AsPath: " + asPath(unpack(a, Attribute.AsPathAttribute.class).getSegmentsList()) + "}";
        if (a.is(Attribute.As4PathAttribute.class)) return "{As4Path: " + asPath(unpack(a, Attribute.As4PathAttribute.class).getSegmentsList()) + "}";
        if (a.is(Attribute.NextHopAttribute.class)) return "{Nexthop: " + unpack(a, Attribute.NextHopAttribute.class).getNextHop() + "}";
        if (a.is(Attribute.MultiExitDiscAttribute.class)) return "{Med: " + Integer.toUnsignedString(unpack(a, Attribute.MultiExitDiscAttribute.class).getMed()) + "}";
        if (a.is(Attribute.LocalPrefAttribute.class)) return "{LocalPref: " + Integer.toUnsignedString(unpack(a, Attribute.LocalPrefAttribute.class).getLocalPref()) + "}";
        if (a.is(Attribute.AtomicAggregateAttribute.class)) return "{AtomicAggregate}";
        if (a.is(Attribute.AggregatorAttribute.class)) {
            Attribute.AggregatorAttribute g = unpack(a, Attribute.AggregatorAttribute.class);
            return "{Aggregate: {AS: " + Integer.toUnsignedString(g.getAsn()) + ", Address: " + g.getAddress() + "}}";
        }
        if (a.is(Attribute.CommunitiesAttribute.class)) {
            return "{Communities: " + unpack(a, Attribute.CommunitiesAttribute.class).getCommunitiesList().stream()
                    .map(PathText::community).collect(Collectors.joining(", ")) + "}";
        }
        if (a.is(Attribute.OriginatorIdAttribute.class)) return "{Originator: " + unpack(a, Attribute.OriginatorIdAttribute.class).getId() + "}";
        if (a.is(Attribute.ClusterListAttribute.class)) return "{ClusterList: " + unpack(a, Attribute.ClusterListAttribute.class).getIdsList() + "}";
        if (a.is(Attribute.MpReachNLRIAttribute.class)) {
            Attribute.MpReachNLRIAttribute mp = unpack(a, Attribute.MpReachNLRIAttribute.class);
            return "{MpReach(" + family(mp.getFamily()) + "): {Nexthop: " + String.join(", ", mp.getNextHopsList())
                    + ", NLRIs: " + nlris(mp.getNlrisList()) + "}}";
        }
        if (a.is(Attribute.MpUnreachNLRIAttribute.class)) {
            Attribute.MpUnreachNLRIAttribute mp = unpack(a, Attribute.MpUnreachNLRIAttribute.class);
            return "{MpUnreach(" + family(mp.getFamily()) + "): {NLRIs: " + nlris(mp.getNlrisList()) + "}}";
        }
        if (a.is(Attribute.LargeCommunitiesAttribute.class)) {
            return "{LargeCommunity: [ " + unpack(a, Attribute.LargeCommunitiesAttribute.class).getCommunitiesList().stream()
                    .map(c -> Integer.toUnsignedString(c.getGlobalAdmin()) + ":" + Integer.toUnsignedString(c.getLocalData1())
                            + ":" + Integer.toUnsignedString(c.getLocalData2()))
                    .collect(Collectors.joining(", ")) + "]}";
        }
        return "{" + typeName(a) + "}";
    }

    static String origin(int origin) {
        return switch (origin) {
            case 0 -> "i";
            case 1 -> "e";
            case 2 -> "?";
            default -> Integer.toString(origin);
        };
    }

    static String asPath(List<Attribute.AsSegment> segments) {
        List<String> parts = new ArrayList<>();
        for (Attribute.AsSegment s : segments) {
            List<String> asns = s.getNumbersList().stream().map(Integer::toUnsignedString).toList();
            // GoBGP's notation: AS_SET {a,b}, CONFED_SEQUENCE (a b), CONFED_SET [a,b]
            parts.add(switch (s.getTypeValue()) {
                case 1 -> "{" + String.join(",", asns) + "}";
                case 3 -> "(" + String.join(" ", asns) + ")";
                case 4 -> "[" + String.join(",", asns) + "]";
                default -> String.join(" ", asns);
            });
        }
        return String.join(" ", parts);
    }

    /** RFC 1997 well-known communities by name, others as high:low. */
    static String community(int value) {
        return switch (value) {
            case 0xFFFFFF01 -> "no-export";
            case 0xFFFFFF02 -> "no-advertise";
            case 0xFFFFFF03 -> "no-export-subconfed";
            case 0xFFFFFF04 -> "no-peer";
            case 0xFFFF0000 -> "graceful-shutdown";
            default -> (value >>> 16) + ":" + (value & 0xFFFF);
        };
    }

    static String family(Gobgp.Family f) {
        return afi(f) + "-" + safi(f);
    }

    static String afi(Gobgp.Family f) {
        return switch (f.getAfi()) {
            case AFI_IP -> "ipv4";
            case AFI_IP6 -> "ipv6";
            default -> f.getAfi().name().toLowerCase().replace("afi_", "");
        };
    }

    static String safi(Gobgp.Family f) {
        return f.getSafi().name().toLowerCase().replace("safi_", "").replace('_', '-');
    }

    private static String nlris(List<Any> nlris) {
        return nlris.stream().map(PathText::nlri).collect(Collectors.joining(" ", "[", "]"));
    }

    private static String typeName(Any a) {
        String url = a.getTypeUrl();
        return url.substring(url.lastIndexOf('/') + 1);
    }

    static <T extends com.google.protobuf.Message> T unpack(Any a, Class<T> type) {
        try {
            return a.unpack(type);
        } catch (InvalidProtocolBufferException e) {
            throw new CliException("malformed " + typeName(a) + " from the server: " + e.getMessage());
        }
    }
}
