package io.bgplet.api;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What the API listeners may do, decided once from the settings: plaintext (loopback only,
 * like gobgpd, so the stock gobgp CLI needs no flags), TLS with the configured certificate
 * (any host), or refuse to start. A plaintext API on a reachable address would let anyone who
 * can reach the node add routes, so a non-loopback host without a certificate is a startup
 * error, never a warning.
 */
public sealed interface ListenerSecurity {
    String HOST = "quarkus.grpc.server.host";
    String CERT = "bgplet.api.tls.cert";
    String KEY = "bgplet.api.tls.key";
    String CLIENT_CA = "bgplet.api.tls.client-ca";
    String CLIENT_AUTH = "bgplet.api.tls.client-auth";
    /** Quarkus' own server TLS keys: ignored by the extra per-instance ports, so refused. */
    String QUARKUS_SSL = "quarkus.grpc.server.ssl.certificate";

    /** Client certificates: none asked, asked but optional, or required (mTLS). */
    enum ClientAuth { NONE, OPTIONAL, REQUIRED }

    record Plaintext() implements ListenerSecurity {}

    record Tls(Path cert, Path key, Optional<Path> clientCa, ClientAuth clientAuth) implements ListenerSecurity {}

    /** Why the agent must not start; names the property to set. */
    record Refused(String reason) implements ListenerSecurity {}

    /** The raw settings, as strings, so the decision is testable without a config source. */
    record Settings(String host, Optional<String> cert, Optional<String> key, Optional<String> clientCa,
                    Optional<String> clientAuth, Optional<String> quarkusSsl) {}

    static ListenerSecurity decide(Settings s) {
        if (s.quarkusSsl().isPresent()) {
            return new Refused(QUARKUS_SSL + " is set: configure the API's TLS with " + CERT + " and " + KEY
                    + " instead (they also cover the per-instance ports and accept a PEM " + CLIENT_CA + ")");
        }
        if (s.cert().isPresent() != s.key().isPresent()) {
            return new Refused(CERT + " and " + KEY + " go together: set both (PEM certificate chain, PEM PKCS#8 key)");
        }
        ClientAuth auth;
        try {
            auth = s.clientAuth().map(a -> ClientAuth.valueOf(a.trim().toUpperCase(Locale.ROOT)))
                    .orElse(s.clientCa().isPresent() ? ClientAuth.REQUIRED : ClientAuth.NONE);
        } catch (IllegalArgumentException e) {
            return new Refused(CLIENT_AUTH + "=" + s.clientAuth().get() + ": expected none, optional or required");
        }
        if (s.cert().isEmpty()) {
            if (s.clientCa().isPresent() || auth != ClientAuth.NONE) {
                return new Refused(CLIENT_CA + " and " + CLIENT_AUTH + " need TLS: set " + CERT + " and " + KEY);
            }
            if (!isLoopback(s.host())) {
                return new Refused("the API would listen on " + s.host() + " (" + HOST + "), which is not loopback, without TLS: set "
                        + CERT + " and " + KEY + " (PEM files), or listen on 127.0.0.1");
            }
            return new Plaintext();
        }
        if (auth != ClientAuth.NONE && s.clientCa().isEmpty()) {
            return new Refused(CLIENT_AUTH + "=" + auth.name().toLowerCase(Locale.ROOT) + " needs " + CLIENT_CA
                    + " (PEM bundle of the CAs that sign client certificates)");
        }
        return new Tls(Path.of(s.cert().get()), Path.of(s.key().get()), s.clientCa().map(Path::of), auth);
    }

    /**
     * Loopback without a DNS lookup: "localhost", 127.0.0.0/8 and ::1. Any other name counts as
     * reachable (it may resolve to anything), as do the wildcards 0.0.0.0 and ::.
     */
    static boolean isLoopback(String host) {
        String h = host.trim();
        if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
        if (h.equalsIgnoreCase("localhost")) return true;
        if (h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) return true;
        if (!h.contains(":")) return false;
        try {
            // an IPv6 literal: parsed, never resolved
            return java.net.InetAddress.ofLiteral(h).isLoopbackAddress();
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
