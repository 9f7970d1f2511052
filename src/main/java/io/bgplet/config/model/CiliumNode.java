package io.bgplet.config.model;

import java.util.List;

/**
 * The CIDRs a node was allocated from each multi-pool IPAM pool
 * ({@code spec.ipam.pools.allocated[]}), for CiliumPodIPPool advertisements.
 */
public record CiliumNode(ObjectMeta metadata, List<PoolAllocation> allocated) {
    public CiliumNode {
        allocated = List.copyOf(allocated);
    }

    public record PoolAllocation(String pool, List<String> cidrs) {
        public PoolAllocation {
            cidrs = List.copyOf(cidrs);
        }
    }
}
