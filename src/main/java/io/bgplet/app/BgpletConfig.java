package io.bgplet.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** bgplet's settings ({@code bgplet.*} in application.properties, or env BGPLET_*). */
@ConfigMapping(prefix = "bgplet")
public interface BgpletConfig {

    /** kubernetes, directory, or auto: kubernetes inside a cluster, directory outside one. */
    @WithDefault("auto")
    String source();

    /** The manifest folder of the directory source. */
    @WithDefault("examples/seed-lab")
    String directory();

    /** This node's name (the downward API's NODE_NAME); defaults to the lab's first node. */
    Optional<String> nodeName();

    /** Where authSecretRef Secrets live. */
    @WithDefault("kube-system")
    String secretsNamespace();

    /** How often the directory source re-reads the folder besides watching it. */
    @WithDefault("2s")
    Duration pollInterval();

    /**
     * Write this node's CiliumBGPNodeConfig status (Cilium's
     * {@code enable-bgp-control-plane-status-report}); false clears it and stops writing it.
     */
    @WithDefault("true")
    boolean statusReport();

    /** Close sessions without NOTIFICATION on shutdown so GR peers keep our routes. */
    @WithDefault("true")
    boolean gracefulShutdown();

    /** The API listeners' settings. */
    Api api();

    interface Api {
        /**
         * TLS of the API listeners (docs/api.md). io.bgplet.api.ApiTls reads and enforces these
         * (api may not import app); they are declared here so the {@code bgplet.*} mapping knows them.
         */
        Tls tls();

        interface Tls {
            /** PEM certificate chain of the API server. */
            Optional<String> cert();

            /** PEM (PKCS#8) private key of {@link #cert()}. */
            Optional<String> key();

            /** PEM bundle of the CAs whose client certificates are accepted. */
            Optional<String> clientCa();

            /** none, optional or required; required when client-ca is set, else none. */
            Optional<String> clientAuth();
        }
    }
}
