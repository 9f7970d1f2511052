package io.bgplet.api;

import io.bgplet.interop.support.Interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Throw-away PKI made with openssl at test time in a temp folder (never checked in): a CA, the
 * agent's certificate for IP 127.0.0.1 and localhost, a client certificate from the same CA,
 * and a second CA with its own client certificate that the agent does not trust. P-256 keys,
 * PKCS#8 PEM (openssl 3's default), valid for two days.
 */
record TestCerts(Path dir) {
    Path ca() { return dir.resolve("ca.pem"); }
    Path serverCert() { return dir.resolve("server.pem"); }
    Path serverKey() { return dir.resolve("server.key"); }
    Path clientCert() { return dir.resolve("client.pem"); }
    Path clientKey() { return dir.resolve("client.key"); }
    Path otherCa() { return dir.resolve("other-ca.pem"); }
    Path strangerCert() { return dir.resolve("stranger.pem"); }
    Path strangerKey() { return dir.resolve("stranger.key"); }

    static final String OPENSSL = "openssl";

    /** Skips, or fails under BGPLET_REQUIRE_INTEROP=1, without openssl. */
    static TestCerts create() {
        Interop.requireBinaries(OPENSSL);
        try {
            Path dir = Files.createTempDirectory("bgplet-tls");
            dir.toFile().deleteOnExit();
            TestCerts c = new TestCerts(dir);
            c.ca("ca", "bgplet test CA");
            c.ca("other-ca", "bgplet untrusted CA");
            c.leaf("server", "ca", "bgplet test agent", "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
            c.leaf("client", "ca", "bgplet test operator", "extendedKeyUsage=clientAuth\n");
            c.leaf("stranger", "other-ca", "bgplet stranger", "extendedKeyUsage=clientAuth\n");
            for (String name : List.of("ca", "other-ca")) Files.deleteIfExists(dir.resolve(name + ".key"));
            try (var files = Files.list(dir)) {
                files.forEach(f -> f.toFile().deleteOnExit());
            }
            return c;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void ca(String name, String cn) throws IOException {
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
                "-keyout", name + ".key", "-out", name + ".pem", "-subj", "/CN=" + cn);
    }

    private void leaf(String name, String ca, String cn, String extensions) throws IOException {
        Files.writeString(dir.resolve(name + ".ext"), extensions);
        openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + cn);
        openssl("x509", "-req", "-in", name + ".csr", "-CA", ca + ".pem", "-CAkey", ca + ".key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
    }

    private void openssl(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(OPENSSL));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            boolean done = p.waitFor(30, TimeUnit.SECONDS);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!done || p.exitValue() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            p.destroyForcibly();
        }
    }
}
