package io.bgplet.config.model;

import io.bgplet.config.schema.Checked;
import io.bgplet.config.schema.Crd;
import io.bgplet.config.schema.Field;
import io.bgplet.config.schema.Rule;

import java.util.List;

/** Transport, timers, authentication, graceful restart, multihop and families shared by the peers that reference it. */
@Crd(kind = "CiliumBGPPeerConfig", plural = "ciliumbgppeerconfigs", singular = "ciliumbgppeerconfig", shortName = "cbgppeer", status = true)
public record CiliumBGPPeerConfig(ObjectMeta metadata,
                                  @Field(description = "Spec is the specification of the desired behavior of the CiliumBGPPeerConfig.", required = true) Spec spec,
                                  @Field(description = "Status is the running status of the CiliumBGPPeerConfig") Status status) implements CiliumKind {

    public static final int DEFAULT_PEER_PORT = 179;
    public static final int DEFAULT_EBGP_MULTIHOP = 1;
    public static final int DEFAULT_RESTART_TIME = 120;

    @Override
    public String kind() {
        return "CiliumBGPPeerConfig";
    }

    public record Spec(
            @Field(description = "Transport defines the BGP transport parameters for the peer. If not specified, the default transport parameters are used.")
            Transport transport,
            @Field(description = "Timers defines the BGP timers for the peer. If not specified, the default timers are used.")
            Timers timers,
            @Field(description = "AuthSecretRef is the name of the secret to use to fetch a TCP authentication password for this peer. If not specified, no authentication is used.")
            String authSecretRef,
            @Field(description = "GracefulRestart defines graceful restart parameters which are negotiated with this peer. If not specified, the graceful restart capability is disabled.")
            GracefulRestart gracefulRestart,
            @Field(description = "EBGPMultihopTTL controls the multi-hop feature for eBGP peers. Its value defines the Time To Live (TTL) value used in BGP packets sent to the peer. If not specified, EBGP multihop is disabled. This field is ignored for iBGP neighbors.",
                    min = 1, max = 255, format = "int32", defaultValue = "1")
            Integer ebgpMultihop,
            @Field(description = "Families, if provided, defines a set of AFI/SAFIs the speaker will negotiate with it's peer. If not specified, the default families of IPv6/unicast and IPv4/unicast will be created.")
            List<Family> families) {
    }

    public record Transport(
            @Field(description = "Deprecated: LocalPort is not used; the source port is chosen by the system.",
                    min = 1, max = 65535, format = "int32", versions = "v2alpha1", deprecated = true)
            Integer localPort,
            @Field(description = "PeerPort is the peer port to be used for the BGP session. If not specified, defaults to TCP port 179.",
                    min = 1, max = 65535, format = "int32", defaultValue = "179")
            Integer peerPort,
            @Field(description = "SourceInterface is the name of a local interface, which IP address will be used as the source IP address for the BGP session. The interface must have exactly one non-loopback, non-multicast and non-link-local-IPv6 address per address family.",
                    versions = "v2")
            String sourceInterface) {
    }

    @Rule(rule = "self.keepAliveTimeSeconds <= self.holdTimeSeconds", message = "keepAliveTimeSeconds can not be larger than holdTimeSeconds")
    public record Timers(
            @Field(description = "ConnectRetryTimeSeconds defines the initial value for the BGP ConnectRetryTimer (RFC 4271, Section 8). If not specified, defaults to 120 seconds.",
                    min = 1, max = 2147483647, format = "int32", defaultValue = "120")
            Integer connectRetryTimeSeconds,
            @Field(description = "HoldTimeSeconds defines the initial value for the BGP HoldTimer (RFC 4271, Section 4.2). Updating this value will cause a session reset. If not specified, defaults to 90 seconds.",
                    min = 3, max = 65535, format = "int32", defaultValue = "90")
            Integer holdTimeSeconds,
            @Field(description = "KeepaliveTimeSeconds defines the initial value for the BGP KeepaliveTimer (RFC 4271, Section 8). It can not be larger than HoldTimeSeconds. Updating this value will cause a session reset. If not specified, defaults to 30 seconds.",
                    min = 1, max = 65535, format = "int32", defaultValue = "30")
            Integer keepAliveTimeSeconds) implements Checked {

        @Override
        public List<String> violations(String version) {
            int hold = holdTimeSeconds == null ? 90 : holdTimeSeconds;
            int keepalive = keepAliveTimeSeconds == null ? 30 : keepAliveTimeSeconds;
            return keepalive <= hold ? List.of() : List.of("keepAliveTimeSeconds can not be larger than holdTimeSeconds");
        }
    }

    public record GracefulRestart(
            @Field(description = "Enabled flag, when set enables graceful restart capability.", required = true) boolean enabled,
            @Field(description = "RestartTimeSeconds is the estimated time it will take for the BGP session to be re-established with peer after a restart. After this period, peer will remove stale routes. This is described RFC 4724 section 4.2.",
                    min = 1, max = 4095, format = "int32", defaultValue = "120")
            Integer restartTimeSeconds) {
    }

    public record Family(
            @Field(description = "Afi is the Address Family Identifier (AFI) of the family.", required = true,
                    enumValues = {"ipv4", "ipv6", "l2vpn", "ls", "opaque"})
            String afi,
            @Field(description = "Safi is the Subsequent Address Family Identifier (SAFI) of the family.", required = true,
                    enumValues = {"unicast", "multicast", "mpls_label", "encapsulation", "vpls", "evpn", "ls", "sr_policy", "mup", "mpls_vpn",
                            "mpls_vpn_multicast", "route_target_constraints", "flowspec_unicast", "flowspec_vpn", "key_value"})
            String safi,
            @Field(description = "Advertisements selects group of BGP Advertisement(s) to advertise for this family. If not specified, no advertisements are sent for this family.")
            LabelSelector advertisements) {
    }

    public record Status(
            @Field(description = "The current conditions of the CiliumBGPPeerConfig", listMapKeys = "type") List<Condition> conditions) {
    }
}
