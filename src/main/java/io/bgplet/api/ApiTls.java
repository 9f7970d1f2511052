package io.bgplet.api;

import io.bgplet.api.ListenerSecurity.Plaintext;
import io.bgplet.api.ListenerSecurity.Refused;
import io.bgplet.api.ListenerSecurity.Tls;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * The API listeners' security from {@code bgplet.api.tls.*} (docs/api.md): decided once, the
 * server certificate and client CAs loaded once, and applied to every API server (Quarkus'
 * on 50051 through {@link QuarkusServerTls}, the per-instance ones in {@link ApiServers}).
 * A refused configuration fails startup with one log line naming the property.
 */
@ApplicationScoped
public class ApiTls {
    private static final Logger LOG = Logger.getLogger(ApiTls.class);

    @ConfigProperty(name = ListenerSecurity.HOST, defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = ListenerSecurity.CERT)
    Optional<String> cert;

    @ConfigProperty(name = ListenerSecurity.KEY)
    Optional<String> key;

    @ConfigProperty(name = ListenerSecurity.CLIENT_CA)
    Optional<String> clientCa;

    @ConfigProperty(name = ListenerSecurity.CLIENT_AUTH)
    Optional<String> clientAuth;

    @ConfigProperty(name = ListenerSecurity.QUARKUS_SSL)
    Optional<String> quarkusSsl;

    private ListenerSecurity security;
    private SslContext context;
    private boolean reported;

    /** The decision, with unreadable or invalid PEM files turned into a refusal naming them. */
    public synchronized ListenerSecurity security() {
        if (security != null) return security;
        ListenerSecurity s = ListenerSecurity.decide(new ListenerSecurity.Settings(host, blankless(cert), blankless(key),
                blankless(clientCa), blankless(clientAuth), blankless(quarkusSsl)));
        if (s instanceof Tls tls) {
            try {
                context = serverContext(tls);
            } catch (RuntimeException | java.io.IOException | java.security.cert.CertificateException e) {
                s = new Refused("cannot load the API's TLS files (" + ListenerSecurity.CERT + "=" + tls.cert() + ", "
                        + ListenerSecurity.KEY + "=" + tls.key()
                        + tls.clientCa().map(ca -> ", " + ListenerSecurity.CLIENT_CA + "=" + ca).orElse("") + "): " + e.getMessage());
            }
        }
        security = s;
        return s;
    }

    /** Applies TLS to a grpc-java Netty server, or throws when the agent must not listen at all. */
    void secure(NettyServerBuilder builder) {
        switch (security()) {
            case Plaintext p -> { }
            case Tls t -> builder.sslContext(context);
            case Refused r -> throw new IllegalStateException(r.reason());
        }
    }

    /** One line for the log: how the API on host:port is protected. */
    String describe(int port) {
        return switch (security()) {
            case Plaintext p -> "GoBGP API on " + host + ":" + port + " (plaintext, loopback only)";
            case Tls t -> "GoBGP API on " + host + ":" + port + " (TLS, client certificates "
                    + t.clientAuth().name().toLowerCase(Locale.ROOT) + ")";
            case Refused r -> "GoBGP API not started: " + r.reason();
        };
    }

    /**
     * Quarkus builds its gRPC server before this event: a refusal there kept it from listening;
     * this stops the agent, before the other startup observers (the agent's sessions) run.
     */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent ev) {
        if (security() instanceof Refused r) {
            report(r);
            throw new IllegalStateException("bgplet refuses to start: " + r.reason());
        }
    }

    /** The refusal is logged once, whichever server hits it first. */
    synchronized void report(Refused r) {
        if (!reported) LOG.errorf("bgplet refuses to start: %s", r.reason());
        reported = true;
    }

    private static SslContext serverContext(Tls tls) throws java.io.IOException, java.security.cert.CertificateException {
        SslContextBuilder b = SslContextBuilder.forServer(tls.cert().toFile(), tls.key().toFile());
        if (tls.clientCa().isPresent()) b.trustManager(tls.clientCa().get().toFile());
        b.clientAuth(switch (tls.clientAuth()) {
            case NONE -> ClientAuth.NONE;
            case OPTIONAL -> ClientAuth.OPTIONAL;
            case REQUIRED -> ClientAuth.REQUIRE;
        });
        // ALPN "h2" and gRPC's cipher suites, as grpc-java's own TLS servers use
        return GrpcSslContexts.configure(b).build();
    }

    private static Optional<String> blankless(Optional<String> v) {
        return v.filter(s -> !s.isBlank());
    }
}
