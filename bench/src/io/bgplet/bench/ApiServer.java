package io.bgplet.bench;

import io.bgplet.api.GobgpService;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerDirectory;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Optional;

/**
 * bgplet's GoBGP API service ({@link GobgpService}, the class the agent registers with
 * Quarkus) on a plain grpc-netty server, for the bench main: no CDI here, so its injected
 * {@link SpeakerDirectory} is set by hand. The agent serves the same service through
 * Quarkus' gRPC server; what the API scenario times is the service's own work
 * (PathListing reading the RIB and building messages) and the HTTP/2 transport.
 */
final class ApiServer {
    private ApiServer() {}

    static Server start(String hostPort, Speaker speaker) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        GobgpService service = new GobgpService();
        SpeakerDirectory directory = new SpeakerDirectory() {
            @Override
            public Optional<Speaker> first() {
                return Optional.of(speaker);
            }

            @Override
            public Map<String, Speaker> speakers() {
                return Map.of("bench", speaker);
            }
        };
        try {
            Field f = GobgpService.class.getDeclaredField("directory");
            f.setAccessible(true);
            f.set(service, directory);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("GobgpService has no injectable directory field", e);
        }
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))))
                .addService(service).maxInboundMessageSize(64 << 20).build().start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
        return server;
    }
}
