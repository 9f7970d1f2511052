package io.bgplet.api;

import io.bgplet.api.ListenerSecurity.Refused;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.quarkus.runtime.LaunchMode;
import io.vertx.grpc.VertxServerBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * TLS for Quarkus' own gRPC server (50051). With {@code use-separate-server=true} Quarkus builds
 * it with Vert.x' {@link VertxServerBuilder}, which only installs its own SSL context when
 * {@code quarkus.grpc.server.ssl.*} is set (bgplet refuses those), so the context set here on
 * the underlying Netty builder is the one that serves. Quarkus' own "TLS enabled: false" line
 * then reflects only its own settings; bgplet logs the real state.
 */
@ApplicationScoped
public class QuarkusServerTls implements ServerBuilderCustomizer<VertxServerBuilder> {
    private static final Logger LOG = Logger.getLogger(QuarkusServerTls.class);

    @Inject
    ApiTls tls;

    @Override
    public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
        if (tls.security() instanceof Refused r) {
            // Throwing keeps this server from binding; ApiTls' startup check then stops the agent.
            tls.report(r);
            throw new IllegalStateException("bgplet refuses to start: " + r.reason());
        }
        tls.secure(builder.nettyBuilder());
        LOG.info(tls.describe(LaunchMode.current() == LaunchMode.TEST ? config.testPort() : config.port()));
    }
}
