package io.bgplet.api;

import io.bgplet.speaker.SpeakerDirectory;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.quarkus.grpc.GrpcService;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * One API port per BGP instance. The first instance (desired-state order) is served by
 * Quarkus' gRPC server on 50051; the n-th on 50051 + n - 1 (50052, 50053, ...), each a small
 * grpc-java server bound to that instance only, with the same GobgpApi and reflection. The
 * gobgp CLI has no notion of instances, so a port per instance is how one points it at one.
 * Extra listeners are secured like the first ({@link ApiTls}): TLS with the same certificate
 * and client authentication when configured (then on any host), else plaintext on loopback.
 */
@ApplicationScoped
public class ApiServers {
    private static final Logger LOG = Logger.getLogger(ApiServers.class);

    @Inject
    SpeakerDirectory directory;

    @Inject
    ApiTls tls;

    @Inject
    @GrpcService
    ReflectionV1 v1;

    @Inject
    @GrpcService
    ReflectionV1alpha v1alpha;

    @ConfigProperty(name = "quarkus.grpc.server.host", defaultValue = "127.0.0.1")
    String host;

    @ConfigProperty(name = "quarkus.grpc.server.port", defaultValue = "50051")
    int port;

    @ConfigProperty(name = "quarkus.grpc.server.test-port", defaultValue = "9001")
    int testPort;

    /** Port -> the instance it serves and its server. */
    private final Map<Integer, Listener> listeners = new TreeMap<>();
    private boolean warned;

    private record Listener(String instance, Server server) {}

    /** The first instance's port; the others follow it. */
    int basePort() {
        return LaunchMode.current() == LaunchMode.TEST ? testPort : port;
    }

    /** Which instance each extra port serves, for status and tests. */
    synchronized Map<Integer, String> ports() {
        Map<Integer, String> out = new TreeMap<>();
        listeners.forEach((p, l) -> out.put(p, l.instance()));
        return out;
    }

    /** Instances come and go with the configuration: follow them. */
    @Scheduled(every = "1s", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void reconcile() {
        List<String> names = directory.instanceNames();
        if (names.size() > 1 && tls.security() instanceof ListenerSecurity.Refused) {
            // the agent is stopping (ApiTls' startup check): never open a port it refused
            if (!warned) LOG.warnf("%d BGP instances, but the API configuration is refused: no extra instance ports", names.size());
            warned = true;
            return;
        }
        for (int i = 1; i < names.size(); i++) {
            int p = basePort() + i;
            Listener l = listeners.get(p);
            if (l != null && l.instance().equals(names.get(i))) continue;
            if (l != null) stop(p, l);
            start(p, names.get(i));
        }
        for (Integer p : List.copyOf(listeners.keySet())) {
            if (p - basePort() >= names.size()) stop(p, listeners.get(p));
        }
    }

    private void start(int p, String instance) {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(host, p))
                .addService(GobgpService.forInstance(directory, instance))
                .addService(v1).addService(v1alpha);
        tls.secure(builder);
        Server server = builder.build();
        try {
            server.start();
        } catch (IOException e) {
            LOG.errorf("instance %s: cannot listen on %s:%d: %s", instance, host, p, e.getMessage());
            return;
        }
        listeners.put(p, new Listener(instance, server));
        LOG.infof("instance %s: %s", instance, tls.describe(p));
    }

    private void stop(int p, Listener l) {
        listeners.remove(p);
        l.server().shutdown();
        try {
            if (!l.server().awaitTermination(2, TimeUnit.SECONDS)) l.server().shutdownNow();
        } catch (InterruptedException e) {
            l.server().shutdownNow();
            Thread.currentThread().interrupt();
        }
        LOG.infof("instance %s: API port %d closed", l.instance(), p);
    }

    synchronized void onStop(@Observes ShutdownEvent ev) {
        for (Integer p : List.copyOf(listeners.keySet())) stop(p, listeners.get(p));
    }
}
