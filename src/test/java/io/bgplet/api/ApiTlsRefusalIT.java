package io.bgplet.api;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged agent ({@code target/quarkus-app/quarkus-run.jar}, built by {@code mvn package})
 * told to serve the API on a non-loopback address (192.0.2.1, TEST-NET-1, on no interface)
 * without a certificate: it exits non-zero before listening, with one error line that names
 * the properties to set. Stopped by PID if it does not exit.
 */
class ApiTlsRefusalIT {
    @Test
    void nonLoopbackWithoutCertificateRefusesToStart() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        // failsafe runs after package; a -Dtest pattern can pick this class up in surefire before any package
        Assumptions.assumeTrue(Files.isRegularFile(jar), jar + " is missing: run `mvn package -DskipTests` first");
        Path empty = Files.createTempDirectory("bgplet-refusal");
        Path log = Files.createTempFile("bgplet-refusal", ".log");
        int grpcPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            grpcPort = s.getLocalPort();
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                "-Dquarkus.grpc.server.host=192.0.2.1", "-Dquarkus.grpc.server.port=" + grpcPort,
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=0",
                "-Dbgplet.source=directory", "-Dbgplet.directory=" + empty, "-Dbgplet.node-name=refusal-node",
                "-jar", jar.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("the agent exits by itself").isTrue();
            String out = Files.readString(log);
            assertThat(p.exitValue()).as(out).isNotZero();
            List<String> refusals = out.lines().filter(l -> l.contains("ERROR [io.bg.ap.ApiTls] bgplet refuses to start:")).toList();
            assertThat(refusals).as(out).hasSize(1);
            assertThat(refusals.getFirst()).contains("the API would listen on 192.0.2.1 (quarkus.grpc.server.host), which is not loopback,"
                    + " without TLS: set bgplet.api.tls.cert and bgplet.api.tls.key");
            assertThat(out).doesNotContain("GoBGP API on 192.0.2.1");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            Files.deleteIfExists(log);
            Files.deleteIfExists(empty);
        }
    }
}
