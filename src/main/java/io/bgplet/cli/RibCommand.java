package io.bgplet.cli;

import apipb.Attribute;
import apipb.Gobgp;
import com.google.protobuf.Any;
import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bgplet rib add|del <prefix> [nexthop A] [community C,..] [large-community G:L1:L2,..]
 * [local-pref N] [med N] [origin igp|egp|incomplete]}: AddPath/DeletePath on the GLOBAL table,
 * built like gobgp's {@code global rib add} (ORIGIN incomplete unless given).
 */
@Command(name = "rib", description = "Add or delete a locally originated path (AddPath/DeletePath on GLOBAL).")
final class RibCommand implements Callable<Integer> {
    @ParentCommand BgpletCli root;
    @Parameters(index = "0", paramLabel = "add|del") String verb;
    @Parameters(index = "1", paramLabel = "PREFIX") String prefix;
    @Parameters(index = "2..*", paramLabel = "KEY VALUE") List<String> rest = new ArrayList<>();

    @Override
    public Integer call() {
        if (!verb.equals("add") && !verb.equals("del")) throw new CliException("rib: expected 'add' or 'del', got '" + verb + "'");
        Gobgp.Path path = path(prefix, rest, Instant.now());
        try (Connection c = root.connect()) {
            try {
                if (verb.equals("add")) {
                    c.blocking().addPath(Gobgp.AddPathRequest.newBuilder().setTableType(Gobgp.TableType.GLOBAL).setPath(path).build());
                } else {
                    c.blocking().deletePath(Gobgp.DeletePathRequest.newBuilder().setTableType(Gobgp.TableType.GLOBAL).setPath(path).build());
                }
            } catch (StatusRuntimeException e) {
                throw c.failure(e);
            }
        }
        return 0;
    }

    static Gobgp.Path path(String prefix, List<String> args, Instant now) {
        int slash = prefix.indexOf('/');
        if (slash < 0) throw new CliException("invalid prefix '" + prefix + "' (expected address/length)");
        InetAddress address = address(prefix.substring(0, slash), "prefix");
        boolean v6 = address.getAddress().length == 16;
        int length;
        try {
            length = Integer.parseInt(prefix.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new CliException("invalid prefix length in '" + prefix + "'");
        }
        if (length < 0 || length > (v6 ? 128 : 32)) throw new CliException("invalid prefix length in '" + prefix + "'");
        Gobgp.Family family = Gobgp.Family.newBuilder().setAfi(v6 ? Gobgp.Family.Afi.AFI_IP6 : Gobgp.Family.Afi.AFI_IP)
                .setSafi(Gobgp.Family.Safi.SAFI_UNICAST).build();
        Any nlri = Any.pack(Attribute.IPAddressPrefix.newBuilder().setPrefixLen(length).setPrefix(prefix.substring(0, slash).toLowerCase()).build());

        int origin = 2;
        String nextHop = v6 ? "::" : "0.0.0.0";
        List<Any> extra = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            String key = args.get(i);
            if (i + 1 >= args.size()) throw new CliException("missing value after '" + key + "'");
            String value = args.get(i + 1);
            switch (key) {
                case "nexthop" -> {
                    address(value, "nexthop"); // validates; the text is sent as typed
                    nextHop = value.toLowerCase();
                }
                case "origin" -> origin = switch (value) {
                    case "igp" -> 0;
                    case "egp" -> 1;
                    case "incomplete" -> 2;
                    default -> throw new CliException("invalid origin '" + value + "' (igp, egp or incomplete)");
                };
                case "med" -> extra.add(Any.pack(Attribute.MultiExitDiscAttribute.newBuilder().setMed(uint32(value, key)).build()));
                case "local-pref" -> extra.add(Any.pack(Attribute.LocalPrefAttribute.newBuilder().setLocalPref(uint32(value, key)).build()));
                case "community" -> {
                    Attribute.CommunitiesAttribute.Builder b = Attribute.CommunitiesAttribute.newBuilder();
                    for (String c : value.split(",")) b.addCommunities(community(c));
                    extra.add(Any.pack(b.build()));
                }
                case "large-community" -> {
                    Attribute.LargeCommunitiesAttribute.Builder b = Attribute.LargeCommunitiesAttribute.newBuilder();
                    for (String c : value.split(",")) {
                        String[] p = c.split(":");
                        if (p.length != 3) throw new CliException("invalid large community '" + c + "' (expected G:L1:L2)");
                        b.addCommunities(Attribute.LargeCommunity.newBuilder().setGlobalAdmin(uint32(p[0], key))
                                .setLocalData1(uint32(p[1], key)).setLocalData2(uint32(p[2], key)));
                    }
                    extra.add(Any.pack(b.build()));
                }
                default -> throw new CliException("unknown rib argument '" + key
                        + "' (nexthop, origin, community, large-community, local-pref, med)");
            }
        }
        boolean v6NextHop = nextHop.contains(":");
        if (v6 != v6NextHop) throw new CliException("next hop " + nextHop + " does not match the family of " + prefix);
        List<Any> attrs = new ArrayList<>();
        attrs.add(Any.pack(Attribute.OriginAttribute.newBuilder().setOrigin(origin).build()));
        // IPv6 next hops travel in MP_REACH_NLRI (RFC 4760 3); IPv4 in NEXT_HOP, as gobgp sends them
        attrs.add(v6 ? Any.pack(Attribute.MpReachNLRIAttribute.newBuilder().setFamily(family).addNextHops(nextHop).addNlris(nlri).build())
                : Any.pack(Attribute.NextHopAttribute.newBuilder().setNextHop(nextHop).build()));
        attrs.addAll(extra);
        return Gobgp.Path.newBuilder().setNlri(nlri).addAllPattrs(attrs).setFamily(family)
                .setAge(Timestamp.newBuilder().setSeconds(now.getEpochSecond())).build();
    }

    /** RFC 1997: a community is AS:value, each 16 bits, or a 32-bit number, or a well-known name. */
    static int community(String c) {
        switch (c) {
            case "no-export": return 0xFFFFFF01;
            case "no-advertise": return 0xFFFFFF02;
            case "no-export-subconfed": return 0xFFFFFF03;
            case "no-peer": return 0xFFFFFF04;
            default: break;
        }
        String[] p = c.split(":");
        try {
            if (p.length == 1) return (int) Long.parseLong(p[0]);
            long hi = Long.parseLong(p[0]), lo = Long.parseLong(p[1]);
            if (p.length == 2 && hi >= 0 && hi <= 0xFFFF && lo >= 0 && lo <= 0xFFFF) return (int) (hi << 16 | lo);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException("invalid community '" + c + "' (expected AS:value)");
    }

    private static int uint32(String value, String what) {
        try {
            long v = Long.parseLong(value);
            if (v >= 0 && v <= 0xFFFFFFFFL) return (int) v;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CliException("invalid " + what + " '" + value + "'");
    }

    private static InetAddress address(String text, String what) {
        // only literal addresses: never a DNS lookup
        if (!text.matches("[0-9a-fA-F:.]+")) throw new CliException("invalid " + what + " address '" + text + "'");
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new CliException("invalid " + what + " address '" + text + "'");
        }
    }
}
