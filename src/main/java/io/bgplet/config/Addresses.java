package io.bgplet.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Parses IP literals without ever resolving a name. */
final class Addresses {
    /** Compiled once: String.matches compiled them per call, most of the 16 % Addresses.parse took in the k8s bench. */
    private static final Pattern LITERAL_CHARS = Pattern.compile("[0-9a-fA-F:.]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private Addresses() {}

    /** The address, or null when text is not an IPv4/IPv6 literal. A {@code %zone} suffix is dropped. */
    static InetAddress parse(String text) {
        if (text == null) return null;
        String t = text.trim();
        int zone = t.indexOf('%');
        if (zone >= 0) t = t.substring(0, zone);
        if (t.isEmpty() || !LITERAL_CHARS.matcher(t).matches()) return null;
        if (!t.contains(":") && !DOTTED_QUAD.matcher(t).matches()) return null;
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
