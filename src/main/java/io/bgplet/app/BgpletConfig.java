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
}
