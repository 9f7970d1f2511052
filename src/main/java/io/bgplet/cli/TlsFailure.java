package io.bgplet.cli;

import io.grpc.StatusRuntimeException;

import java.util.Locale;
import java.util.Optional;

/**
 * Turns a failed connection's gRPC status into what went wrong with TLS, from the exception
 * chain and the TLS alert names of RFC 8446 section 6.2 (certificate_required when the
 * server wants a client certificate, bad_certificate / unknown_ca when it rejects ours).
 * Empty when the failure is not about TLS (the agent is simply not there).
 */
final class TlsFailure {
    private TlsFailure() {}

    static Optional<String> explain(StatusRuntimeException e, String target, Connection.Tls tls) {
        String chain = chain(e);
        String lower = chain.toLowerCase(Locale.ROOT);
        boolean haveCert = tls.cert() != null;
        // Our own check of the agent's certificate comes first: its alert text may also name certificate_unknown.
        if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
            return Optional.of("the agent's certificate does not name " + target + " (" + last(chain)
                    + "): connect by a name it has, or set --tls-server-name");
        }
        if (lower.contains("pkix") || lower.contains("certification path") || lower.contains("certificateexception")) {
            return Optional.of("cannot verify the agent's certificate at " + target + " (" + last(chain)
                    + "): trust its CA with --tls-ca FILE");
        }
        if (lower.contains("certificate_required") || lower.contains("bad_certificate") || lower.contains("unknown_ca")
                || lower.contains("certificate_unknown") || lower.contains("access_denied")) {
            // The JDK sends only a certificate whose issuer the server listed as acceptable, so a
            // certificate from another CA arrives as no certificate at all (certificate_required).
            return Optional.of(haveCert
                    ? "the agent at " + target + " rejected the client certificate " + tls.cert()
                            + ": it is not signed by a CA the agent trusts (its bgplet.api.tls.client-ca)"
                    : "the agent at " + target + " requires a client certificate: pass --tls-cert FILE --tls-key FILE");
        }
        if (lower.contains("notsslrecordexception") || lower.contains("not an ssl/tls record")) {
            return Optional.of("the agent at " + target + " does not speak TLS: drop --tls and the --tls-* flags");
        }
        if (tls.on() && (lower.contains("sslexception") || lower.contains("sslhandshakeexception"))) {
            return Optional.of("TLS handshake with the agent at " + target + " failed: " + last(chain));
        }
        if (!tls.on() && (lower.contains("http/2 client preface") || lower.contains("network closed for unknown reason")
                || lower.contains("connection closed") || lower.contains("first received frame was not settings"))) {
            return Optional.of("the agent at " + target + " closed the plaintext connection: it may require TLS (--tls --tls-ca FILE)");
        }
        return Optional.empty();
    }

    /** The status description and every cause, class names included, one per line. */
    private static String chain(StatusRuntimeException e) {
        StringBuilder b = new StringBuilder(String.valueOf(e.getStatus().getDescription()));
        for (Throwable t = e.getStatus().getCause() != null ? e.getStatus().getCause() : e.getCause(); t != null; t = t.getCause()) {
            b.append('\n').append(t.getClass().getName()).append(": ").append(t.getMessage());
            if (t.getCause() == t) break;
        }
        return b.toString();
    }

    private static String last(String chain) {
        String line = chain.substring(chain.lastIndexOf('\n') + 1);
        int colon = line.indexOf(": ");
        return colon > 0 && line.substring(0, colon).contains(".") ? line.substring(colon + 2) : line;
    }
}
