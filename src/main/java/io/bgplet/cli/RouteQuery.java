package io.bgplet.cli;

import apipb.Gobgp;

import java.util.List;

/**
 * The arguments of {@code routes [available|advertised] [ipv4|ipv6] [unicast] [vrouter <asn>] [peer|neighbor <addr>]}.
 * Missing table, afi and safi default to {@code available ipv4 unicast}, as in cilium.
 */
record RouteQuery(boolean advertised, Gobgp.Family.Afi afi, String peer, Long vrouter, boolean defaulted) {
    static final String DEFAULT_NOTE = "(Defaulting to `available ipv4 unicast` routes, please see help for more options)";

    static RouteQuery parse(List<String> args) {
        int i = 0, given = 0;
        boolean advertised = false;
        Gobgp.Family.Afi afi = Gobgp.Family.Afi.AFI_IP;
        if (i < args.size() && (args.get(i).equals("available") || args.get(i).equals("advertised"))) {
            advertised = args.get(i++).equals("advertised");
            given++;
        }
        if (i < args.size() && (args.get(i).equals("ipv4") || args.get(i).equals("ipv6"))) {
            afi = args.get(i++).equals("ipv6") ? Gobgp.Family.Afi.AFI_IP6 : Gobgp.Family.Afi.AFI_IP;
            given++;
        }
        if (i < args.size() && args.get(i).equals("unicast")) {
            i++;
            given++;
        }
        String peer = null;
        Long vrouter = null;
        while (i < args.size()) {
            String key = args.get(i++);
            if (i >= args.size()) throw new CliException("missing value after '" + key + "'");
            String value = args.get(i++);
            switch (key) {
                case "peer", "neighbor" -> peer = value;
                case "vrouter" -> {
                    try {
                        vrouter = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new CliException("invalid vrouter ASN '" + value + "'");
                    }
                }
                default -> throw new CliException("unknown routes argument '" + key
                        + "' (expected [available|advertised] [ipv4|ipv6] [unicast] [vrouter <asn>] [peer <address>])");
            }
        }
        return new RouteQuery(advertised, afi, peer, vrouter, given < 3);
    }

    Gobgp.Family family() {
        return Gobgp.Family.newBuilder().setAfi(afi).setSafi(Gobgp.Family.Safi.SAFI_UNICAST).build();
    }
}
