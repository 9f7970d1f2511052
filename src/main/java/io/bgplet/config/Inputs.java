package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPAdvertisement;
import io.bgplet.config.model.CiliumBGPClusterConfig;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.CiliumBGPNodeConfigOverride;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.model.CiliumNode;
import io.bgplet.config.model.CiliumPodIPPool;
import io.bgplet.config.model.EndpointSlice;
import io.bgplet.config.model.Node;
import io.bgplet.config.model.Secret;
import io.bgplet.config.model.Service;

import java.util.ArrayList;
import java.util.List;

/**
 * An immutable snapshot of everything the desired state depends on. Objects that failed
 * validation are not in the lists; their problems are.
 *
 * @param secretsNamespace namespace of authSecretRef Secrets (Cilium's bgp-secrets-namespace, default kube-system)
 * @param problems         problems found while reading the objects (invalid objects, unreadable files)
 */
public record Inputs(List<CiliumBGPClusterConfig> clusterConfigs, List<CiliumBGPPeerConfig> peerConfigs,
                     List<CiliumBGPAdvertisement> advertisements, List<CiliumBGPNodeConfigOverride> overrides,
                     List<CiliumBGPNodeConfig> nodeConfigs, List<Node> nodes, List<Service> services,
                     List<EndpointSlice> endpointSlices, List<Secret> secrets, List<CiliumPodIPPool> podIPPools,
                     List<CiliumNode> ciliumNodes, HostNetwork host, String secretsNamespace, List<Problem> problems) {

    public static final String DEFAULT_SECRETS_NAMESPACE = "kube-system";

    public Inputs {
        clusterConfigs = List.copyOf(clusterConfigs);
        peerConfigs = List.copyOf(peerConfigs);
        advertisements = List.copyOf(advertisements);
        overrides = List.copyOf(overrides);
        nodeConfigs = List.copyOf(nodeConfigs);
        nodes = List.copyOf(nodes);
        services = List.copyOf(services);
        endpointSlices = List.copyOf(endpointSlices);
        secrets = List.copyOf(secrets);
        podIPPools = List.copyOf(podIPPools);
        ciliumNodes = List.copyOf(ciliumNodes);
        host = host == null ? HostNetwork.EMPTY : host;
        secretsNamespace = secretsNamespace == null ? DEFAULT_SECRETS_NAMESPACE : secretsNamespace;
        problems = List.copyOf(problems);
    }

    public Inputs withHost(HostNetwork newHost) {
        return new Inputs(clusterConfigs, peerConfigs, advertisements, overrides, nodeConfigs, nodes, services, endpointSlices,
                secrets, podIPPools, ciliumNodes, newHost, secretsNamespace, problems);
    }

    public Inputs withServices(List<Service> newServices) {
        return new Inputs(clusterConfigs, peerConfigs, advertisements, overrides, nodeConfigs, nodes, newServices, endpointSlices,
                secrets, podIPPools, ciliumNodes, host, secretsNamespace, problems);
    }

    public Inputs withSecretsNamespace(String namespace) {
        return new Inputs(clusterConfigs, peerConfigs, advertisements, overrides, nodeConfigs, nodes, services, endpointSlices,
                secrets, podIPPools, ciliumNodes, host, namespace, problems);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects decoded objects of any supported type, then builds the snapshot. */
    public static final class Builder {
        private final List<CiliumBGPClusterConfig> clusterConfigs = new ArrayList<>();
        private final List<CiliumBGPPeerConfig> peerConfigs = new ArrayList<>();
        private final List<CiliumBGPAdvertisement> advertisements = new ArrayList<>();
        private final List<CiliumBGPNodeConfigOverride> overrides = new ArrayList<>();
        private final List<CiliumBGPNodeConfig> nodeConfigs = new ArrayList<>();
        private final List<Node> nodes = new ArrayList<>();
        private final List<Service> services = new ArrayList<>();
        private final List<EndpointSlice> endpointSlices = new ArrayList<>();
        private final List<Secret> secrets = new ArrayList<>();
        private final List<CiliumPodIPPool> podIPPools = new ArrayList<>();
        private final List<CiliumNode> ciliumNodes = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();
        private HostNetwork host = HostNetwork.EMPTY;
        private String secretsNamespace = DEFAULT_SECRETS_NAMESPACE;

        public Builder add(Object o) {
            switch (o) {
                case CiliumBGPClusterConfig c -> clusterConfigs.add(c);
                case CiliumBGPPeerConfig c -> peerConfigs.add(c);
                case CiliumBGPAdvertisement c -> advertisements.add(c);
                case CiliumBGPNodeConfigOverride c -> overrides.add(c);
                case CiliumBGPNodeConfig c -> nodeConfigs.add(c);
                case Node n -> nodes.add(n);
                case Service s -> services.add(s);
                case EndpointSlice e -> endpointSlices.add(e);
                case Secret s -> secrets.add(s);
                case CiliumPodIPPool p -> podIPPools.add(p);
                case CiliumNode n -> ciliumNodes.add(n);
                case Problem p -> problems.add(p);
                default -> throw new IllegalArgumentException("not an input object: " + o.getClass().getName());
            }
            return this;
        }

        public Builder addAll(Iterable<?> objects) {
            for (Object o : objects) add(o);
            return this;
        }

        public Builder host(HostNetwork h) {
            host = h;
            return this;
        }

        public Builder secretsNamespace(String ns) {
            secretsNamespace = ns;
            return this;
        }

        public Inputs build() {
            return new Inputs(clusterConfigs, peerConfigs, advertisements, overrides, nodeConfigs, nodes, services, endpointSlices,
                    secrets, podIPPools, ciliumNodes, host, secretsNamespace, problems);
        }
    }
}
