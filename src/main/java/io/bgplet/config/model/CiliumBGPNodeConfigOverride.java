package io.bgplet.config.model;

import io.bgplet.config.schema.Crd;
import io.bgplet.config.schema.Field;
import io.bgplet.config.schema.Patterns;

import java.util.List;

/** Per-node changes to the instances a ClusterConfig gives that node; its name is the node's name. */
@Crd(kind = "CiliumBGPNodeConfigOverride", plural = "ciliumbgpnodeconfigoverrides", singular = "ciliumbgpnodeconfigoverride",
        shortName = "cbgpnodeoverride", status = false)
public record CiliumBGPNodeConfigOverride(ObjectMeta metadata,
                                          @Field(description = "Spec is the specification of the desired behavior of the CiliumBGPNodeConfigOverride.", required = true)
                                          Spec spec) implements CiliumKind {

    @Override
    public String kind() {
        return "CiliumBGPNodeConfigOverride";
    }

    public record Spec(
            @Field(description = "BGPInstances is a list of BGP instances to override.", required = true, minItems = 1, listMapKeys = "name")
            List<Instance> bgpInstances) {
    }

    public record Instance(
            @Field(description = "Name is the name of the BGP instance for which the configuration is overridden.", required = true,
                    minLength = 1, maxLength = 255)
            String name,
            @Field(description = "RouterID is BGP router id to use for this instance. It must be unique across all BGP instances.", format = "ipv4")
            String routerID,
            @Field(description = "LocalPort is port to use for this BGP instance.", format = "int32", min = 1, max = 65535)
            Integer localPort,
            @Field(description = "LocalASN is the ASN to use for this BGP instance.", min = 1, max = 4294967295L, format = "int64")
            Long localASN,
            @Field(description = "Peers is a list of peer configurations to override.", listMapKeys = "name")
            List<Peer> peers) {
    }

    public record Peer(
            @Field(description = "Name is the name of the peer for which the configuration is overridden.", required = true,
                    minLength = 1, maxLength = 255)
            String name,
            @Field(description = "LocalAddress is the IP address to use for connecting to this peer.", pattern = Patterns.IP)
            String localAddress,
            @Field(description = "Deprecated: LocalPort has no effect.", min = 1, max = 65535, format = "int32", deprecated = true)
            Integer localPort) {
    }
}
