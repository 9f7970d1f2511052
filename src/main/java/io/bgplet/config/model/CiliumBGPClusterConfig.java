package io.bgplet.config.model;

import io.bgplet.config.schema.Crd;
import io.bgplet.config.schema.Field;
import io.bgplet.config.schema.Patterns;

import java.util.List;

/** Instances and peers for the nodes its nodeSelector picks; the operator turns it into one NodeConfig per node. */
@Crd(kind = "CiliumBGPClusterConfig", plural = "ciliumbgpclusterconfigs", singular = "ciliumbgpclusterconfig",
        shortName = "cbgpcluster", status = true,
        description = "CiliumBGPClusterConfig is the Schema for the CiliumBGPClusterConfig API")
public record CiliumBGPClusterConfig(ObjectMeta metadata,
                                     @Field(description = "Spec defines the desired cluster configuration of the BGP control plane.", required = true) Spec spec,
                                     @Field(description = "Status is a running status of the cluster configuration") Status status) implements CiliumKind {

    @Override
    public String kind() {
        return "CiliumBGPClusterConfig";
    }

    public record Spec(
            @Field(description = "NodeSelector selects a group of nodes where this BGP Cluster config applies. If empty / nil this config applies to all nodes.")
            LabelSelector nodeSelector,
            @Field(description = "A list of CiliumBGPInstance(s) which instructs the BGP control plane how to instantiate virtual BGP routers.",
                    required = true, minItems = 1, maxItems = 16, listMapKeys = "name")
            List<Instance> bgpInstances) {
    }

    public record Instance(
            @Field(description = "Name is the name of the BGP instance. It is a unique identifier for the BGP instance within the cluster configuration.",
                    required = true, minLength = 1, maxLength = 255)
            String name,
            @Field(description = "LocalASN is the ASN of this BGP instance. Supports extended 32bit ASNs.", min = 1, max = 4294967295L, format = "int64")
            Long localASN,
            @Field(description = "LocalPort is the port on which the BGP daemon listens for incoming connections. If not specified, BGP instance will not listen for incoming connections.",
                    min = 1, max = 65535, format = "int32")
            Integer localPort,
            @Field(description = "Peers is a list of neighboring BGP peers for this virtual router", listMapKeys = "name")
            List<Peer> peers) {
    }

    public record Peer(
            @Field(description = "Name is the name of the BGP peer. It is a unique identifier for the peer within the BGP instance.",
                    required = true, minLength = 1, maxLength = 255)
            String name,
            @Field(description = "PeerAddress is the IP address of the neighbor. Supports IPv4 and IPv6 addresses.", pattern = Patterns.IP)
            String peerAddress,
            @Field(description = "PeerASN is the ASN of the peer BGP router. Supports extended 32bit ASNs. If peerASN is 0, the BGP OPEN message validation of ASN will be disabled and ASN will be determined based on peer's OPEN message.",
                    min = 0, max = 4294967295L, format = "int64", defaultValue = "0")
            Long peerASN,
            @Field(description = "AutoDiscovery is the configuration for auto-discovery of the peer address.")
            AutoDiscovery autoDiscovery,
            @Field(description = "PeerConfigRef is a reference to a peer configuration resource. If not specified, the default BGP configuration is used for this peer.")
            PeerConfigRef peerConfigRef) {
    }

    public record AutoDiscovery(
            @Field(description = "mode is the mode of the auto-discovery.", required = true, enumValues = "DefaultGateway") String mode,
            @Field(description = "defaultGateway is the configuration for auto-discovery of the default gateway.") DefaultGateway defaultGateway) {
    }

    public record DefaultGateway(
            @Field(description = "addressFamily is the address family of the default gateway.", required = true, enumValues = {"ipv4", "ipv6"})
            String addressFamily) {
    }

    /** Reference to a CiliumBGPPeerConfig; group and kind exist only in v2alpha1 and are ignored. */
    public record PeerConfigRef(
            @Field(description = "Name is the name of the peer config resource. Name refers to the name of a Kubernetes object (typically a CiliumBGPPeerConfig).",
                    required = true)
            String name,
            @Field(description = "Group is the group of the peer config resource. If not specified, the default of \"cilium.io\" is used.",
                    defaultValue = "cilium.io", versions = "v2alpha1")
            String group,
            @Field(description = "Kind is the kind of the peer config resource. If not specified, the default of \"CiliumBGPPeerConfig\" is used.",
                    defaultValue = "CiliumBGPPeerConfig", versions = "v2alpha1")
            String kind) {
        public static PeerConfigRef named(String name) {
            return new PeerConfigRef(name, null, null);
        }
    }

    public record Status(
            @Field(description = "The current conditions of the CiliumBGPClusterConfig", listMapKeys = "type") List<Condition> conditions) {
    }
}
