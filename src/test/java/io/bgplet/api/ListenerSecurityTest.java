package io.bgplet.api;

import io.bgplet.api.ListenerSecurity.ClientAuth;
import io.bgplet.api.ListenerSecurity.Plaintext;
import io.bgplet.api.ListenerSecurity.Refused;
import io.bgplet.api.ListenerSecurity.Settings;
import io.bgplet.api.ListenerSecurity.Tls;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The startup decision: plaintext only on loopback, TLS anywhere, refusals that name the property. */
class ListenerSecurityTest {
    private static Settings on(String host) {
        return new Settings(host, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static Settings tls(String host, String clientCa, String clientAuth) {
        return new Settings(host, Optional.of("/etc/bgplet/api.pem"), Optional.of("/etc/bgplet/api.key"),
                Optional.ofNullable(clientCa), Optional.ofNullable(clientAuth), Optional.empty());
    }

    @Test
    void loopbackWithoutCertificateIsPlaintext() {
        for (String host : new String[] {"127.0.0.1", "127.0.0.53", "localhost", "::1", "[::1]", "::ffff:127.0.0.1"}) {
            assertThat(ListenerSecurity.decide(on(host))).as(host).isInstanceOf(Plaintext.class);
        }
    }

    @Test
    void reachableHostWithoutCertificateIsRefusedNamingTheProperties() {
        for (String host : new String[] {"0.0.0.0", "::", "192.0.2.10", "2001:db8::10", "node1.example", "128.0.0.1"}) {
            ListenerSecurity s = ListenerSecurity.decide(on(host));
            assertThat(s).as(host).isInstanceOf(Refused.class);
            assertThat(((Refused) s).reason()).contains(host, "quarkus.grpc.server.host", "bgplet.api.tls.cert", "bgplet.api.tls.key");
        }
    }

    @Test
    void certificateAllowsAnyHostAndClientAuthDefaultsFromTheCa() {
        assertThat(ListenerSecurity.decide(tls("0.0.0.0", null, null)))
                .isEqualTo(new Tls(Path.of("/etc/bgplet/api.pem"), Path.of("/etc/bgplet/api.key"), Optional.empty(), ClientAuth.NONE));
        Tls mtls = (Tls) ListenerSecurity.decide(tls("192.0.2.10", "/etc/bgplet/clients.pem", null));
        assertThat(mtls.clientAuth()).isEqualTo(ClientAuth.REQUIRED);
        assertThat(mtls.clientCa()).contains(Path.of("/etc/bgplet/clients.pem"));
        assertThat(((Tls) ListenerSecurity.decide(tls("127.0.0.1", "/etc/bgplet/clients.pem", "Optional"))).clientAuth())
                .isEqualTo(ClientAuth.OPTIONAL);
        assertThat(((Tls) ListenerSecurity.decide(tls("127.0.0.1", "/etc/bgplet/clients.pem", "none"))).clientAuth())
                .isEqualTo(ClientAuth.NONE);
    }

    @Test
    void incompleteOrContradictorySettingsAreRefused() {
        Settings certOnly = new Settings("127.0.0.1", Optional.of("a.pem"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        assertThat(reason(certOnly)).contains("bgplet.api.tls.cert and bgplet.api.tls.key go together");
        assertThat(reason(tls("127.0.0.1", null, "required"))).contains("bgplet.api.tls.client-auth=required needs bgplet.api.tls.client-ca");
        assertThat(reason(tls("127.0.0.1", "ca.pem", "sometimes"))).contains("bgplet.api.tls.client-auth=sometimes", "none, optional or required");
        Settings caWithoutCert = new Settings("127.0.0.1", Optional.empty(), Optional.empty(), Optional.of("ca.pem"), Optional.empty(), Optional.empty());
        assertThat(reason(caWithoutCert)).contains("need TLS: set bgplet.api.tls.cert");
        Settings quarkusKeys = new Settings("127.0.0.1", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.of("x.pem"));
        assertThat(reason(quarkusKeys)).contains("quarkus.grpc.server.ssl.certificate is set", "bgplet.api.tls.cert");
    }

    private static String reason(Settings s) {
        ListenerSecurity d = ListenerSecurity.decide(s);
        assertThat(d).isInstanceOf(Refused.class);
        return ((Refused) d).reason();
    }
}
