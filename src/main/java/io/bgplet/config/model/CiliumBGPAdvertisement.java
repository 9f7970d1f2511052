package io.bgplet.config.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.bgplet.config.schema.Checked;
import io.bgplet.config.schema.Crd;
import io.bgplet.config.schema.Field;
import io.bgplet.config.schema.Patterns;
import io.bgplet.config.schema.Rule;

import java.util.ArrayList;
import java.util.List;

/** What to advertise (PodCIDR, CiliumPodIPPool, Service, Interface) with which attributes; selected by label from PeerConfig families. */
@Crd(kind = "CiliumBGPAdvertisement", plural = "ciliumbgpadvertisements", singular = "ciliumbgpadvertisement", shortName = "cbgpadvert", status = false)
public record CiliumBGPAdvertisement(ObjectMeta metadata,
                                     @Field(description = "Spec is the specification of the CiliumBGPAdvertisement.", required = true) Spec spec) implements CiliumKind {

    @Override
    public String kind() {
        return "CiliumBGPAdvertisement";
    }

    public record Spec(
            @Field(description = "Advertisements is a list of BGP advertisements.", required = true) List<Advertisement> advertisements) {
    }

    @Rule(rule = "self.advertisementType != 'Service' || has(self.service)", message = "service field is required for the 'Service' advertisementType")
    @Rule(rule = "self.advertisementType == 'Service' || !has(self.service)", message = "service field is not allowed for non-'Service' advertisementType",
            versions = "v2")
    @Rule(rule = "self.advertisementType != 'Interface' || has(self.interface)", message = "interface field is required for the 'Interface' advertisementType",
            versions = "v2")
    @Rule(rule = "self.advertisementType == 'Interface' || !has(self.interface)", message = "interface field is not allowed for non-'Interface' advertisementType",
            versions = "v2")
    @Rule(rule = "self.advertisementType != 'PodCIDR' || !has(self.selector)", message = "selector field is not allowed for the 'PodCIDR' advertisementType")
    public record Advertisement(
            @Field(description = "AdvertisementType defines type of advertisement which has to be advertised.", required = true,
                    enumValues = {"PodCIDR", "CiliumPodIPPool", "Service", "Interface"},
                    enumV2alpha1 = {"PodCIDR", "CiliumPodIPPool", "Service"})
            String advertisementType,
            @Field(description = "Service defines configuration options for advertisementType service.") ServiceOptions service,
            @Field(json = "interface", description = "Interface defines configuration options for the \"Interface\" advertisementType.", versions = "v2")
            @JsonProperty("interface") InterfaceOptions iface,
            @Field(description = "Selector is a label selector to select objects of the type specified by AdvertisementType. For the PodCIDR AdvertisementType it is not applicable. For other advertisement types, if not specified, no objects of the type specified by AdvertisementType are selected for advertisement.")
            LabelSelector selector,
            @Field(description = "Attributes defines additional attributes to set to the advertised routes. If not specified, no additional attributes are set.")
            Attributes attributes) implements Checked {

        @Override
        public List<String> violations(String version) {
            List<String> out = new ArrayList<>();
            boolean v2 = version.equals("v2");
            if (advertisementType.equals("Service") && service == null) out.add("service field is required for the 'Service' advertisementType");
            if (v2 && !advertisementType.equals("Service") && service != null) out.add("service field is not allowed for non-'Service' advertisementType");
            if (v2 && advertisementType.equals("Interface") && iface == null) out.add("interface field is required for the 'Interface' advertisementType");
            if (v2 && !advertisementType.equals("Interface") && iface != null) out.add("interface field is not allowed for non-'Interface' advertisementType");
            if (advertisementType.equals("PodCIDR") && selector != null) out.add("selector field is not allowed for the 'PodCIDR' advertisementType");
            return out;
        }
    }

    public record ServiceOptions(
            @Field(description = "Addresses is a list of service address types which needs to be advertised via BGP.", required = true, minItems = 1,
                    enumValues = {"LoadBalancerIP", "ClusterIP", "ExternalIP"})
            List<String> addresses,
            @Field(description = "IPv4 mask to aggregate BGP route advertisements of service", min = 0, max = 31, format = "int32")
            Integer aggregationLengthIPv4,
            @Field(description = "IPv6 mask to aggregate BGP route advertisements of service", min = 0, max = 127, format = "int32")
            Integer aggregationLengthIPv6) {
    }

    public record InterfaceOptions(
            @Field(description = "Name of the interface whose addresses are advertised as /32 or /128 routes.", required = true) String name) {
    }

    public record Attributes(
            @Field(description = "Communities sets the community attributes in the route. If not specified, no community attribute is set.")
            Communities communities,
            @Field(description = "LocalPreference sets the local preference attribute in the route. If not specified, no local preference attribute is set.",
                    format = "int64")
            Long localPreference) {
    }

    public record Communities(
            @Field(description = "Standard holds a list of \"standard\" 32-bit BGP Communities Attribute (RFC 1997) values defined as numeric values.",
                    pattern = Patterns.STANDARD_COMMUNITY)
            List<String> standard,
            @Field(description = "WellKnown holds a list \"standard\" 32-bit BGP Communities Attribute (RFC 1997) values defined as well-known string aliases to their numeric values.",
                    enumValues = {"internet", "planned-shut", "accept-own", "route-filter-translated-v4", "route-filter-v4",
                            "route-filter-translated-v6", "route-filter-v6", "llgr-stale", "no-llgr", "blackhole", "no-export",
                            "no-advertise", "no-export-subconfed", "no-peer"})
            List<String> wellKnown,
            @Field(description = "Large holds a list of the BGP Large Communities Attribute (RFC 8092) values.", pattern = Patterns.LARGE_COMMUNITY)
            List<String> large) {
    }
}
