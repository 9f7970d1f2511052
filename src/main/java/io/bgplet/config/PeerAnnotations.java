package io.bgplet.config;

import io.bgplet.speaker.NeighborConfig.RouteInstall;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * bgplet's own annotations on a CiliumBGPPeerConfig, for what Cilium cannot express:
 * <ul>
 * <li>{@code bgplet.io/allow-own-as: "N"}: accept paths with the local AS up to N times (0..10);</li>
 * <li>{@code bgplet.io/install-routes}: {@code "true"}, {@code "false"}, or a comma-separated list
 * {@code table=254,metric=20,prefixes=198.18.0.0/16,192.0.2.0/24} (bare prefixes after
 * {@code prefixes=} continue the list). Installing routes needs them accepted, so the import
 * policy becomes ACCEPT for these peers.</li>
 * </ul>
 *
 * @param installRoutes null when off
 */
public record PeerAnnotations(int allowOwnAs, RouteInstall installRoutes) {
    public static final String ALLOW_OWN_AS = "bgplet.io/allow-own-as";
    public static final String INSTALL_ROUTES = "bgplet.io/install-routes";
    public static final int DEFAULT_TABLE = 254;
    public static final int DEFAULT_METRIC = 20;

    public static final PeerAnnotations NONE = new PeerAnnotations(0, null);

    /** The parsed annotations, or the violations (path and message) when they are malformed. */
    public record Parsed(PeerAnnotations value, List<String[]> violations) {}

    public static Parsed parse(Map<String, String> annotations) {
        List<String[]> bad = new ArrayList<>();
        int allowOwnAs = 0;
        String own = annotations.get(ALLOW_OWN_AS);
        if (own != null) {
            try {
                allowOwnAs = Integer.parseInt(own.trim());
                if (allowOwnAs < 0 || allowOwnAs > 10) bad.add(violation(ALLOW_OWN_AS, "must be 0..10, got " + allowOwnAs));
            } catch (NumberFormatException e) {
                bad.add(violation(ALLOW_OWN_AS, "must be an integer 0..10, got \"" + own + "\""));
            }
        }
        RouteInstall install = null;
        String routes = annotations.get(INSTALL_ROUTES);
        if (routes != null) install = parseInstall(routes.trim(), bad);
        return new Parsed(bad.isEmpty() ? new PeerAnnotations(allowOwnAs, install) : null, bad);
    }

    private static RouteInstall parseInstall(String text, List<String[]> bad) {
        if (text.equalsIgnoreCase("false")) return null;
        if (text.equalsIgnoreCase("true")) return new RouteInstall(DEFAULT_TABLE, DEFAULT_METRIC, List.of());
        long table = DEFAULT_TABLE;
        long metric = DEFAULT_METRIC;
        List<Prefix> prefixes = new ArrayList<>();
        boolean inPrefixes = false;
        for (String raw : text.split(",")) {
            String token = raw.trim();
            int eq = token.indexOf('=');
            if (eq < 0 && inPrefixes) {
                if (!addPrefix(token, prefixes, bad)) return null;
                continue;
            }
            if (eq < 0) {
                bad.add(violation(INSTALL_ROUTES, "expected true, false or key=value pairs, got \"" + token + "\""));
                return null;
            }
            String key = token.substring(0, eq).trim();
            String value = token.substring(eq + 1).trim();
            inPrefixes = false;
            switch (key) {
                case "table" -> table = number(value, 1, Integer.MAX_VALUE, "table", bad);
                case "metric" -> metric = number(value, 0, Integer.MAX_VALUE, "metric", bad);
                case "prefixes" -> {
                    inPrefixes = true;
                    if (!addPrefix(value, prefixes, bad)) return null;
                }
                default -> {
                    bad.add(violation(INSTALL_ROUTES, "unknown key \"" + key + "\" (table, metric, prefixes)"));
                    return null;
                }
            }
            if (table < 0 || metric < 0) return null;
        }
        return new RouteInstall((int) table, (int) metric, prefixes);
    }

    private static long number(String value, long min, long max, String what, List<String[]> bad) {
        try {
            long v = Long.parseLong(value);
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        bad.add(violation(INSTALL_ROUTES, what + " must be " + min + ".." + max + ", got \"" + value + "\""));
        return -1;
    }

    private static boolean addPrefix(String text, List<Prefix> prefixes, List<String[]> bad) {
        try {
            prefixes.add(Prefix.parse(text));
            return true;
        } catch (IllegalArgumentException e) {
            bad.add(violation(INSTALL_ROUTES, "bad prefix \"" + text + "\": " + e.getMessage()));
            return false;
        }
    }

    private static String[] violation(String key, String message) {
        return new String[] {"metadata.annotations[" + key + "]", message};
    }
}
