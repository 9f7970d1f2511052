package io.bgplet.api;

import io.bgplet.interop.support.Interop;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TLS on loopback with client certificates OPTIONAL: the stock gobgp 3.10 CLI, which has
 * {@code --tls --tls-ca-file} but no client-certificate flags, works over TLS; a plaintext gobgp
 * does not; the bundled CLI works with or without its client certificate.
 */
@QuarkusTest
@TestProfile(ApiTlsGobgpTest.Profile.class)
class ApiTlsGobgpTest {
    static TestCerts certs;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (certs == null) certs = TestCerts.create();
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return Map.of("quarkus.grpc.server.test-port", Integer.toString(s.getLocalPort()),
                        "bgplet.api.tls.cert", certs.serverCert().toString(),
                        "bgplet.api.tls.key", certs.serverKey().toString(),
                        "bgplet.api.tls.client-ca", certs.ca().toString(),
                        "bgplet.api.tls.client-auth", "optional");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    /**
     * gobgp 3.10 gives up dialling after a fixed second; the agent's first TLS handshakes
     * (cipher classes loading, cold JIT) can take longer on a loaded machine. One warm-up
     * handshake first, and a retry only for that dial timeout, never for any other failure.
     */
    GobgpCommand gobgp(String... args) throws Exception {
        Interop.requireBinaries(GobgpCommand.GOBGP);
        ApiTlsTest.cli(port, "peers", "--tls-ca", certs.ca().toString());
        GobgpCommand out = gobgpOnce(args);
        for (int i = 0; i < 2 && out.exit() != 0 && out.output().contains("context deadline exceeded"); i++) out = gobgpOnce(args);
        return out;
    }

    private GobgpCommand gobgpOnce(String... args) throws Exception {
        return GobgpCommand.run(port, args);
    }

    @Test
    void stockGobgpCliWorksWithItsTlsFlags() throws Exception {
        GobgpCommand global = gobgp("--tls", "--tls-ca-file", certs.ca().toString(), "global");
        assertThat(global.exit()).as(global.output()).isZero();
        assertThat(global.output()).startsWith("AS:        65001\n");
        GobgpCommand neighbor = gobgp("--tls", "--tls-ca-file", certs.ca().toString(), "neighbor");
        assertThat(neighbor.exit()).as(neighbor.output()).isZero();
        assertThat(neighbor.output()).contains("198.51.100.200");
    }

    @Test
    void plaintextGobgpFails() throws Exception {
        GobgpCommand plain = gobgp("global");
        assertThat(plain.exit()).isNotZero();
        assertThat(plain.output()).doesNotContain("AS:");
    }

    @Test
    void bundledCliWithAndWithoutClientCertificate() {
        ApiTlsTest.Run anonymous = ApiTlsTest.cli(port, "peers", "--tls-ca", certs.ca().toString());
        assertThat(anonymous.exit()).as(anonymous.err()).isZero();
        assertThat(anonymous.out()).contains("198.51.100.200");
        ApiTlsTest.Run withCert = ApiTlsTest.cli(port, "peers", "--tls-ca", certs.ca().toString(),
                "--tls-cert", certs.clientCert().toString(), "--tls-key", certs.clientKey().toString());
        assertThat(withCert.exit()).as(withCert.err()).isZero();
    }
}
