package io.bgplet.config.model;

/** One of the five cilium.io BGP kinds: metadata plus a spec bound from the CRD schema. */
public sealed interface CiliumKind permits CiliumBGPClusterConfig, CiliumBGPPeerConfig, CiliumBGPAdvertisement,
        CiliumBGPNodeConfigOverride, CiliumBGPNodeConfig {
    ObjectMeta metadata();

    String kind();

    default String name() {
        return metadata().name();
    }
}
