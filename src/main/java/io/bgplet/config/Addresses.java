package io.bgplet.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Parses IP literals without ever resolving a name. */
final class Addresses {
    private Addresses() {}

    /** The address, or null when text is not an IPv4/IPv6 literal. A {@code %zone} suffix is dropped. */
    static InetAddress parse(String text) {
        if (text == null) return null;
        String t = text.trim();
        int zone = t.indexOf('%');
        if (zone >= 0) t = t.substring(0, zone);
        if (t.isEmpty() || !t.matches("[0-9a-fA-F:.]+")) return null;
        if (!t.contains(":") && !t.matches("\\d{1,3}(\\.\\d{1,3}){3}")) return null;
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
