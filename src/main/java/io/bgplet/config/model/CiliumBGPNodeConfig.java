package io.bgplet.config.model;

import io.bgplet.config.schema.Crd;
import io.bgplet.config.schema.Field;
import io.bgplet.config.schema.Patterns;

import java.util.List;

/** One node's instances, written by the operator (owner: the ClusterConfig); status written by the agent. */
@Crd(kind = "CiliumBGPNodeConfig", plural = "ciliumbgpnodeconfigs", singular = "ciliumbgpnodeconfig", shortName = "cbgpnode", status = true)
public record CiliumBGPNodeConfig(ObjectMeta metadata,
                                  @Field(description = "Spec is the specification of the desired behavior of the CiliumBGPNodeConfig.", required = true) Spec spec,
                                  @Field(description = "Status is the most recently observed status of the CiliumBGPNodeConfig.") Status status) implements CiliumKind {

    @Override
    public String kind() {
        return "CiliumBGPNodeConfig";
    }

    public record Spec(
            @Field(description = "BGPInstances is a list of BGP router instances on the node.", required = true, minItems = 1, maxItems = 16,
                    listMapKeys = "name")
            List<Instance> bgpInstances) {
    }

    public record Instance(
            @Field(description = "Name is the name of the BGP instance.", required = true, minLength = 1, maxLength = 255) String name,
            @Field(description = "LocalASN is the ASN of this virtual router.", min = 1, max = 4294967295L, format = "int64") Long localASN,
            @Field(description = "RouterID is the BGP router ID of this virtual router. If not set, it is derived from the node.", format = "ipv4")
            String routerID,
            @Field(description = "LocalPort is the port on which the BGP daemon listens for incoming connections.", min = 1, max = 65535, format = "int32")
            Integer localPort,
            @Field(description = "Peers is a list of neighboring BGP peers for this virtual router", listMapKeys = "name") List<Peer> peers) {
    }

    public record Peer(
            @Field(description = "Name is the name of the BGP peer.", required = true, minLength = 1, maxLength = 255) String name,
            @Field(description = "PeerAddress is the IP address of the neighbor.", pattern = Patterns.IP) String peerAddress,
            @Field(description = "PeerASN is the ASN of the peer BGP router.", min = 0, max = 4294967295L, format = "int64") Long peerASN,
            @Field(description = "AutoDiscovery is the configuration for auto-discovery of the peer address.")
            CiliumBGPClusterConfig.AutoDiscovery autoDiscovery,
            @Field(description = "LocalAddress is the IP address of the local interface to use for the peering session.", pattern = Patterns.IP)
            String localAddress,
            @Field(description = "PeerConfigRef is a reference to a peer configuration resource.")
            CiliumBGPClusterConfig.PeerConfigRef peerConfigRef) {
    }

    public record Status(
            @Field(description = "BGPInstances is the status of the BGP instances on the node.", listMapKeys = "name") List<InstanceStatus> bgpInstances,
            @Field(description = "The current conditions of the CiliumBGPNodeConfig", listMapKeys = "type") List<Condition> conditions) {
    }

    public record InstanceStatus(
            @Field(description = "Name is the name of the BGP instance.", required = true) String name,
            @Field(description = "LocalASN is the ASN of this BGP instance.", format = "int64") Long localASN,
            @Field(description = "PeerStatuses is the state of the BGP peers for this BGP instance.", listMapKeys = "name") List<PeerStatus> peers) {
    }

    public record PeerStatus(
            @Field(description = "Name is the name of the BGP peer.", required = true) String name,
            @Field(description = "PeerAddress is the IP address of the neighbor.", required = true) String peerAddress,
            @Field(description = "PeerASN is the ASN of the neighbor.", format = "int64") Long peerASN,
            @Field(description = "PeeringState is last known state of the peering session.",
                    enumValues = {"idle", "connect", "active", "open_sent", "open_confirm", "established", "unknown"})
            String peeringState,
            @Field(description = "Timers is the state of the negotiated BGP timers for this peer.") PeerTimers timers,
            @Field(description = "EstablishedTime is the time when the peering session was established. It is represented in RFC3339 form and is in UTC.")
            String establishedTime,
            @Field(description = "RouteCount is the number of routes exchanged with this peer per AFI/SAFI.") List<RouteCount> routeCount) {
    }

    public record PeerTimers(
            @Field(description = "AppliedHoldTimeSeconds is the negotiated hold time for this peer.", format = "int32") Integer appliedHoldTimeSeconds,
            @Field(description = "AppliedKeepaliveSeconds is the negotiated keepalive time for this peer.", format = "int32") Integer appliedKeepaliveSeconds) {
    }

    public record RouteCount(
            @Field(description = "Afi is the Address Family Identifier (AFI) of the family.", required = true,
                    enumValues = {"ipv4", "ipv6", "l2vpn", "ls", "opaque"}) String afi,
            @Field(description = "Safi is the Subsequent Address Family Identifier (SAFI) of the family.", required = true,
                    enumValues = {"unicast", "multicast", "mpls_label", "encapsulation", "vpls", "evpn", "ls", "sr_policy", "mup", "mpls_vpn",
                            "mpls_vpn_multicast", "route_target_constraints", "flowspec_unicast", "flowspec_vpn", "key_value"}) String safi,
            @Field(description = "Received is the number of routes received from this peer.", format = "int32") Integer received,
            @Field(description = "Advertised is the number of routes advertised to this peer.", format = "int32") Integer advertised) {
    }
}
