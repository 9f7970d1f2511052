package io.bgplet.api;

import io.bgplet.cli.BgpletCli;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API with TLS on loopback and client certificates REQUIRED (mTLS), for a node in two
 * instances: the first instance's port (Quarkus' server) and the second's (ApiServers) both
 * serve TLS with the same certificate and both refuse clients without a trusted certificate.
 * Driven by the bundled CLI in-process.
 */
@QuarkusTest
@TestProfile(ApiTlsTest.Profile.class)
class ApiTlsTest {
    static TestCerts certs;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (certs == null) certs = TestCerts.create();
                Path dir = Files.createTempDirectory("bgplet-api-tls");
                Files.write(dir.resolve("lab.yaml"), ApiTlsTest.class.getResourceAsStream("/api-ports/lab.yaml").readAllBytes());
                return Map.of("bgplet.source", "directory", "bgplet.directory", dir.toString(), "bgplet.node-name", "ports-node",
                        "quarkus.grpc.server.test-port", Integer.toString(freePortPair()),
                        "bgplet.api.tls.cert", certs.serverCert().toString(),
                        "bgplet.api.tls.key", certs.serverKey().toString(),
                        "bgplet.api.tls.client-ca", certs.ca().toString(),
                        "bgplet.api.tls.client-auth", "required");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** A free port whose successor is free too (the second instance's port); others' tests use 50151. */
    static int freePortPair() throws IOException {
        for (int i = 0; i < 50; i++) {
            try (ServerSocket a = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = a.getLocalPort();
                if (p >= 65535) continue;
                try (ServerSocket b = new ServerSocket(p + 1, 1, InetAddress.getLoopbackAddress())) {
                    return p;
                } catch (IOException busy) {
                    // try another
                }
            }
        }
        throw new IOException("no two consecutive free ports on loopback");
    }

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    record Run(int exit, String out, String err) {}

    static Run cli(int port, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("-p", Integer.toString(port)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = BgpletCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of("NODE_NAME", "ports-node"));
        return new Run(exit, out.toString(), err.toString());
    }

    private Run withClientCert(int port, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--tls-ca", certs.ca().toString(), "--tls-cert", certs.clientCert().toString(),
                "--tls-key", certs.clientKey().toString()));
        return cli(port, all.toArray(String[]::new));
    }

    @Test
    void peersWithTrustedClientCertificateOnBothInstancePorts() {
        Run first = withClientCert(port, "peers");
        assertThat(first.exit()).as(first.err()).isZero();
        assertThat(first.out()).startsWith("Node").contains("ports-node", "65001", "127.0.0.3").doesNotContain("127.0.0.4");

        await().atMost(Duration.ofSeconds(30)).until(() -> withClientCert(port + 1, "peers").exit() == 0);
        Run second = withClientCert(port + 1, "peers");
        assertThat(second.out()).contains("65011", "127.0.0.4").doesNotContain("127.0.0.3");
    }

    @Test
    void withoutClientCertificateTheAgentSaysItRequiresOne() {
        await().atMost(Duration.ofSeconds(30)).until(() -> withClientCert(port + 1, "peers").exit() == 0);
        for (int p : new int[] {port, port + 1}) {
            Run r = cli(p, "peers", "--tls-ca", certs.ca().toString());
            assertThat(r.exit()).as(r.out()).isEqualTo(1);
            assertThat(r.err()).as("port " + p).contains("bgplet: the agent at 127.0.0.1:" + p + " requires a client certificate",
                    "--tls-cert FILE --tls-key FILE");
            assertThat(r.out()).isEmpty();
        }
    }

    @Test
    void aCertificateFromAnotherCaIsRejected() {
        Run r = cli(port, "peers", "--tls-ca", certs.ca().toString(),
                "--tls-cert", certs.strangerCert().toString(), "--tls-key", certs.strangerKey().toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("rejected the client certificate " + certs.strangerCert());
    }

    @Test
    void plaintextClientFailsWithAHintAtTls() {
        Run r = cli(port, "peers");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("bgplet: the agent at 127.0.0.1:" + port + " closed the plaintext connection: it may require TLS");
    }

    @Test
    void serverCertificateIsCheckedAgainstTheCaAndTheName() {
        Run untrusted = cli(port, "peers", "--tls", "--tls-cert", certs.clientCert().toString(), "--tls-key", certs.clientKey().toString());
        assertThat(untrusted.exit()).isEqualTo(1);
        assertThat(untrusted.err()).contains("cannot verify the agent's certificate at 127.0.0.1:" + port, "--tls-ca FILE");

        Run otherCa = cli(port, "peers", "--tls-ca", certs.otherCa().toString());
        assertThat(otherCa.err()).contains("cannot verify the agent's certificate");

        Run wrongName = withClientCert(port, "peers", "--tls-server-name", "agent.example");
        assertThat(wrongName.exit()).isEqualTo(1);
        assertThat(wrongName.err()).contains("does not name", "--tls-server-name");

        Run rightName = withClientCert(port, "peers", "--tls-server-name", "localhost");
        assertThat(rightName.exit()).as(rightName.err()).isZero();
    }

    @Test
    void unreadableFilesAreNamed() {
        Run r = cli(port, "peers", "--tls-ca", "/nonexistent/ca.pem");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("bgplet: cannot read --tls-ca /nonexistent/ca.pem: no such readable file\n");
        Run half = cli(port, "peers", "--tls-cert", certs.clientCert().toString());
        assertThat(half.err()).contains("--tls-cert and --tls-key go together");
        Run notPem = cli(port, "peers", "--tls-ca", certs.ca().toString(), "--tls-cert", certs.clientCert().toString(),
                "--tls-key", certs.clientCert().toString());
        assertThat(notPem.exit()).isEqualTo(1);
        assertThat(notPem.err()).contains("--tls-key");
    }
}
