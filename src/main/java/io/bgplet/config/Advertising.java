package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPAdvertisement;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.model.CiliumNode;
import io.bgplet.config.model.CiliumPodIPPool;
import io.bgplet.config.model.EndpointSlice;
import io.bgplet.config.model.LabelSelector;
import io.bgplet.config.model.Node;
import io.bgplet.config.model.Service;
import io.bgplet.speaker.NeighborConfig.Advertisement;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Ipv6Prefix;
import io.bgplet.wire.Prefix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one peer is sent in one family: every CiliumBGPAdvertisement object whose labels match
 * the family's {@code advertisements} selector contributes the prefixes of its entries
 * (PodCIDR, CiliumPodIPPool, Service, Interface) with their attributes; a prefix selected
 * more than once gets the merged attributes.
 */
final class Advertising {
    static final String SERVICE_NAME_LABEL = "io.kubernetes.service.name";
    static final String SERVICE_NAMESPACE_LABEL = "io.kubernetes.service.namespace";
    static final String POOL_NAME_LABEL = "io.cilium.podippool.name";
    static final String POOL_NAMESPACE_LABEL = "io.cilium.podippool.namespace";

    private final Inputs inputs;
    private final Node node;
    private final Consumer<Problem> problems;

    Advertising(Inputs inputs, Node node, Consumer<Problem> problems) {
        this.inputs = inputs;
        this.node = node;
        this.problems = problems;
    }

    /**
     * The advertisements per family; families without any prefix are absent. A family listed
     * twice (the CRD does not forbid it) gets the union of both selections.
     */
    Map<Family, List<Advertisement>> forFamilies(List<CiliumBGPPeerConfig.Family> families) {
        Map<Family, TreeMap<Prefix, AdvertisementAttributes>> selected = new LinkedHashMap<>();
        for (CiliumBGPPeerConfig.Family f : families) {
            Family family = PeerFamilies.toFamily(f);
            if (family == null) continue;
            collect(family, f.advertisements(), selected.computeIfAbsent(family, k -> new TreeMap<>()));
        }
        Map<Family, List<Advertisement>> out = new LinkedHashMap<>();
        selected.forEach((family, prefixes) -> {
            if (!prefixes.isEmpty()) out.put(family, toList(prefixes));
        });
        return out;
    }

    /** One Service entry a peer's family selects, with the attributes it adds. */
    record ServiceEntry(CiliumBGPAdvertisement.Advertisement entry, AdvertisementAttributes attributes) {}

    /**
     * The Service entries each family selects, in the order {@link #forFamilies} visits them
     * (every family, also those without a prefix): the part of a peer's advertisements that
     * depends on Services, for the incremental desired state.
     */
    Map<Family, List<ServiceEntry>> serviceEntries(List<CiliumBGPPeerConfig.Family> families) {
        Map<Family, List<ServiceEntry>> out = new LinkedHashMap<>();
        List<CiliumBGPAdvertisement> objects = new ArrayList<>(inputs.advertisements());
        objects.sort(Comparator.comparing(CiliumBGPAdvertisement::name));
        for (CiliumBGPPeerConfig.Family f : families) {
            Family family = PeerFamilies.toFamily(f);
            if (family == null) continue;
            List<ServiceEntry> entries = out.computeIfAbsent(family, k -> new ArrayList<>());
            for (CiliumBGPAdvertisement object : objects) {
                if (!LabelSelector.selects(f.advertisements(), object.metadata().labels())) continue;
                for (CiliumBGPAdvertisement.Advertisement entry : object.spec().advertisements()) {
                    if (entry.advertisementType().equals("Service")) entries.add(new ServiceEntry(entry, attributes(object, entry)));
                }
            }
        }
        return out;
    }

    private void collect(Family family, LabelSelector selector, TreeMap<Prefix, AdvertisementAttributes> prefixes) {
        List<CiliumBGPAdvertisement> objects = new ArrayList<>(inputs.advertisements());
        objects.sort(Comparator.comparing(CiliumBGPAdvertisement::name));
        for (CiliumBGPAdvertisement object : objects) {
            if (!LabelSelector.selects(selector, object.metadata().labels())) continue;
            for (CiliumBGPAdvertisement.Advertisement entry : object.spec().advertisements()) {
                AdvertisementAttributes attrs = attributes(object, entry);
                for (Prefix p : prefixesOf(object, entry, family)) prefixes.merge(p, attrs, AdvertisementAttributes::merge);
            }
        }
    }

    private static List<Advertisement> toList(TreeMap<Prefix, AdvertisementAttributes> prefixes) {
        List<Advertisement> out = new ArrayList<>();
        prefixes.forEach((p, a) -> out.add(new Advertisement(p, a.communityArray(), a.largeArray(), a.localPreference())));
        return out;
    }

    private AdvertisementAttributes attributes(CiliumBGPAdvertisement object, CiliumBGPAdvertisement.Advertisement entry) {
        AdvertisementAttributes a = AdvertisementAttributes.of(entry.attributes());
        Long lp = a.localPreference();
        if (lp != null && (lp < 0 || lp > 0xFFFFFFFFL)) {
            // LOCAL_PREF is a 32-bit unsigned value (RFC 4271 5.1.5); the CRD allows any int64.
            problems.accept(Problem.warning(object.kind(), object.name(), "spec.advertisements[].attributes.localPreference",
                    "must be 0..4294967295, got " + lp + "; ignored"));
            return new AdvertisementAttributes(a.communities(), a.large(), null);
        }
        return a;
    }

    private List<Prefix> prefixesOf(CiliumBGPAdvertisement object, CiliumBGPAdvertisement.Advertisement entry, Family family) {
        return switch (entry.advertisementType()) {
            case "PodCIDR" -> cidrs(node.podCIDRs(), family, "Node", node.name());
            case "CiliumPodIPPool" -> podIPPools(entry.selector(), family);
            case "Service" -> services(entry, family);
            case "Interface" -> interfaceAddresses(object, entry.iface().name(), family);
            default -> List.of();
        };
    }

    private List<Prefix> cidrs(List<String> texts, Family family, String kind, String name) {
        List<Prefix> out = new ArrayList<>();
        for (String t : texts) {
            try {
                Prefix p = Prefix.parse(t);
                if (p.family().equals(family)) out.add(p);
            } catch (IllegalArgumentException e) {
                problems.accept(Problem.warning(kind, name, "", "bad CIDR \"" + t + "\": " + e.getMessage()));
            }
        }
        return out;
    }

    private List<Prefix> podIPPools(LabelSelector selector, Family family) {
        Map<String, CiliumNode.PoolAllocation> allocated = new HashMap<>();
        for (CiliumNode cn : inputs.ciliumNodes()) {
            if (cn.metadata().name().equals(node.name())) for (CiliumNode.PoolAllocation a : cn.allocated()) allocated.put(a.pool(), a);
        }
        List<Prefix> out = new ArrayList<>();
        for (CiliumPodIPPool pool : inputs.podIPPools()) {
            Map<String, String> labels = new HashMap<>(pool.metadata().labels());
            labels.put(POOL_NAME_LABEL, pool.name());
            if (pool.metadata().namespace() != null) labels.put(POOL_NAMESPACE_LABEL, pool.metadata().namespace());
            if (!LabelSelector.selects(selector, labels)) continue;
            CiliumNode.PoolAllocation a = allocated.get(pool.name());
            if (a != null) out.addAll(cidrs(a.cidrs(), family, "CiliumNode", node.name()));
        }
        return out;
    }

    private List<Prefix> services(CiliumBGPAdvertisement.Advertisement entry, Family family) {
        List<Prefix> out = new ArrayList<>();
        if (entry.service() == null || entry.selector() == null) return out;
        for (Service svc : inputs.services()) serviceAddresses(svc, entry, family, this::hasLocalEndpoint, problems, out);
        return out;
    }

    /**
     * The prefixes one Service contributes through one Service entry, appended to out. Static
     * so the incremental desired state ({@link ServiceContributions}) computes exactly what the
     * full pass does, one Service at a time.
     */
    static void serviceAddresses(Service svc, CiliumBGPAdvertisement.Advertisement entry, Family family,
                                 java.util.function.Predicate<Service> hasLocalEndpoint, Consumer<Problem> problems, List<Prefix> out) {
        CiliumBGPAdvertisement.ServiceOptions opts = entry.service();
        if (opts == null || entry.selector() == null) return;
        Integer aggregation = family.equals(Family.IPV4_UNICAST) ? opts.aggregationLengthIPv4() : opts.aggregationLengthIPv6();
        if (svc.type().equals("ExternalName")) return;
        Map<String, String> labels = new HashMap<>(svc.metadata().labels());
        labels.put(SERVICE_NAME_LABEL, svc.name());
        labels.put(SERVICE_NAMESPACE_LABEL, svc.namespace());
        if (!entry.selector().matches(labels)) return;
        for (String type : opts.addresses()) {
            List<String> ips;
            String policy;
            switch (type) {
                case "LoadBalancerIP" -> {
                    String cls = svc.loadBalancerClass();
                    ips = cls == null || cls.equals(Service.BGP_CONTROL_PLANE_CLASS) ? svc.ingressIPs() : List.of();
                    policy = svc.externalTrafficPolicy();
                }
                case "ExternalIP" -> {
                    ips = svc.externalIPs();
                    policy = svc.externalTrafficPolicy();
                }
                case "ClusterIP" -> {
                    ips = svc.clusterIPs();
                    policy = svc.internalTrafficPolicy();
                }
                default -> {
                    continue;
                }
            }
            boolean local = policy.equals("Local");
            if (ips.isEmpty() || local && !hasLocalEndpoint.test(svc)) continue;
            for (String ip : ips) {
                InetAddress a = Addresses.parse(ip);
                if (a == null) {
                    problems.accept(Problem.warning("Service", svc.namespace() + "/" + svc.name(), "", "not an IP address: \"" + ip + "\""));
                    continue;
                }
                if ((a instanceof Inet4Address) != family.equals(Family.IPV4_UNICAST)) continue;
                // Aggregation is ignored for Local policies: the aggregate would attract traffic
                // for addresses whose backends are on other nodes.
                int full = a instanceof Inet4Address ? 32 : 128;
                out.add(prefix(a, local || aggregation == null ? full : aggregation));
            }
        }
    }

    /** Whether the service has an active backend on this node (EndpointSlices are joined by the service-name label). */
    private boolean hasLocalEndpoint(Service svc) {
        return hasLocalEndpoint(svc, inputs.endpointSlices(), node);
    }

    static boolean hasLocalEndpoint(Service svc, List<EndpointSlice> slices, Node node) {
        for (EndpointSlice slice : slices) {
            if (!svc.name().equals(slice.serviceName()) || !svc.namespace().equals(slice.namespace())) continue;
            for (EndpointSlice.Endpoint e : slice.endpoints()) if (node.name().equals(e.nodeName()) && e.active()) return true;
        }
        return false;
    }

    private List<Prefix> interfaceAddresses(CiliumBGPAdvertisement object, String name, Family family) {
        HostNetwork.Interface iface = inputs.host().interfaces().get(name);
        if (iface == null || !iface.up()) {
            problems.accept(Problem.warning(object.kind(), object.name(), "spec.advertisements[].interface.name",
                    "interface " + name + (iface == null ? " does not exist" : " is down") + " on node " + node.name()));
            return List.of();
        }
        return iface.usable(family).stream().map(a -> prefix(a, a instanceof Inet4Address ? 32 : 128)).toList();
    }

    /** The prefix of the given length containing a (host bits cleared). */
    static Prefix prefix(InetAddress a, int length) {
        Prefix host = Prefix.of(a, a instanceof Inet4Address ? 32 : 128);
        return switch (host) {
            case Ipv4Prefix p -> new Ipv4Prefix(p.address32(), length);
            case Ipv6Prefix p -> new Ipv6Prefix(p.hi(), p.lo(), length);
        };
    }
}
