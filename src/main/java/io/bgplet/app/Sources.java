package io.bgplet.app;

import io.bgplet.config.Inputs;
import io.bgplet.k8s.KubernetesSource;
import io.bgplet.k8s.directory.ManifestDirectory;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Chooses and runs the config source: the manifest directory outside a cluster (or when
 * asked), the Kubernetes API inside one.
 */
@ApplicationScoped
public class Sources {
    @Inject
    BgpletConfig config;

    /** Resolved only for the kubernetes source, so the directory source never builds a client. */
    @Inject
    Instance<KubernetesClient> kubernetes;

    @Inject
    StatusReport status;

    private ManifestDirectory directory;
    private KubernetesSource cluster;

    String kind() {
        String s = config.source();
        if (!s.equals("auto")) return s;
        return System.getenv("KUBERNETES_SERVICE_HOST") != null ? "kubernetes" : "directory";
    }

    String describe() {
        return kind().equals("directory") ? "directory " + Path.of(config.directory()).toAbsolutePath().normalize() : kind();
    }

    void start(Consumer<Inputs> listener) {
        switch (kind()) {
            case "directory" -> {
                directory = new ManifestDirectory(Path.of(config.directory()),
                        inputs -> listener.accept(inputs.withSecretsNamespace(config.secretsNamespace())), config.pollInterval());
                try {
                    directory.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the manifest directory " + config.directory(), e);
                }
            }
            case "kubernetes" -> {
                KubernetesClient client = kubernetes.get();
                cluster = new KubernetesSource(client, config.secretsNamespace(), inputs -> {
                    listener.accept(inputs);
                    status.applied();
                }, KubernetesSource.DEFAULT_RESYNC);
                status.start(client, cluster);
                cluster.start();
            }
            default -> throw new IllegalArgumentException("bgplet.source must be kubernetes, directory or auto, got " + config.source());
        }
    }

    @jakarta.annotation.PreDestroy
    void stop() {
        if (directory != null) directory.close();
        if (cluster != null) cluster.close();
    }

    /** The kubernetes source, or null when another source runs. */
    public KubernetesSource kubernetesSource() {
        return cluster;
    }
}
