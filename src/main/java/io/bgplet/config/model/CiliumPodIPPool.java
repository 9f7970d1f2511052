package io.bgplet.config.model;

/** A multi-pool IPAM pool (cilium.io/v2alpha1): only its name and labels matter for selection. */
public record CiliumPodIPPool(ObjectMeta metadata) {
    public String name() {
        return metadata.name();
    }
}
