package io.bgplet.k8s;

import java.util.List;
import java.util.Set;

/**
 * One kind bgplet reads or writes through the API server, with the exact verbs the code
 * uses on it. {@link #ALL} is the single table the informers are built from and that the
 * RBAC manifests in {@code k8s/rbac.yaml} are tested against.
 *
 * @param group      API group, "" for the core group
 * @param versions   versions to try in order; the first one the server serves is used
 * @param plural     the resource name in URLs and RBAC rules
 * @param kind       the kind, as the config binder knows it
 * @param scope      cluster-scoped, namespaced and watched in every namespace, or only in the secrets namespace
 * @param optional   the CRD may be absent: skipped with a debug log instead of waited for
 * @param verbs      verbs on the resource itself
 * @param statusVerbs verbs on its status subresource (empty: none)
 */
public record ApiResource(String group, List<String> versions, String plural, String kind, Scope scope, boolean optional,
                          Set<String> verbs, Set<String> statusVerbs) {

    public enum Scope {
        /** A cluster-scoped kind. */
        CLUSTER,
        /** A namespaced kind watched in every namespace (a ClusterRole grants it). */
        ALL_NAMESPACES,
        /** A namespaced kind watched in the secrets namespace only (a Role there grants it). */
        SECRETS_NAMESPACE
    }

    /** An informer lists, then watches. */
    public static final Set<String> INFORM = Set.of("list", "watch");

    public ApiResource {
        versions = List.copyOf(versions);
        verbs = Set.copyOf(verbs);
        statusVerbs = Set.copyOf(statusVerbs);
    }

    private static ApiResource read(String group, List<String> versions, String plural, String kind, boolean optional) {
        return new ApiResource(group, versions, plural, kind, Scope.CLUSTER, optional, INFORM, Set.of());
    }

    /** The five BGP kinds: v2 where served; v2alpha1 only on a cluster that serves no v2 (older Cilium). */
    private static final List<String> BGP_VERSIONS = List.of("v2", "v2alpha1");

    public static final ApiResource NODE = read("", List.of("v1"), "nodes", "Node", false);
    /** Cluster-wide: Service advertisements select Services in every namespace, as Cilium's do. */
    public static final ApiResource SERVICE = new ApiResource("", List.of("v1"), "services", "Service", Scope.ALL_NAMESPACES, false,
            INFORM, Set.of());
    public static final ApiResource ENDPOINT_SLICE = new ApiResource("discovery.k8s.io", List.of("v1"), "endpointslices", "EndpointSlice",
            Scope.ALL_NAMESPACES, false, INFORM, Set.of());
    /** Only the one secrets namespace (authSecretRef); a Role, not a ClusterRole, grants it. */
    public static final ApiResource SECRET = new ApiResource("", List.of("v1"), "secrets", "Secret", Scope.SECRETS_NAMESPACE, false, INFORM, Set.of());
    public static final ApiResource CLUSTER_CONFIG = read("cilium.io", BGP_VERSIONS, "ciliumbgpclusterconfigs", "CiliumBGPClusterConfig", false);
    public static final ApiResource PEER_CONFIG = read("cilium.io", BGP_VERSIONS, "ciliumbgppeerconfigs", "CiliumBGPPeerConfig", false);
    public static final ApiResource ADVERTISEMENT = read("cilium.io", BGP_VERSIONS, "ciliumbgpadvertisements", "CiliumBGPAdvertisement", false);
    public static final ApiResource NODE_CONFIG_OVERRIDE = read("cilium.io", BGP_VERSIONS, "ciliumbgpnodeconfigoverrides",
            "CiliumBGPNodeConfigOverride", false);
    /** Read like the others; the node's own one is created and patched (spec), and its status patched. */
    public static final ApiResource NODE_CONFIG = new ApiResource("cilium.io", BGP_VERSIONS, "ciliumbgpnodeconfigs", "CiliumBGPNodeConfig",
            Scope.CLUSTER, false, Set.of("list", "watch", "create", "patch"), Set.of("patch"));
    /** Multi-pool IPAM only: absent on most clusters. */
    public static final ApiResource POD_IP_POOL = read("cilium.io", List.of("v2", "v2alpha1"), "ciliumpodippools", "CiliumPodIPPool", true);
    /** Absent where Cilium is not the CNI (bgplet then takes PodCIDRs from the Node). */
    public static final ApiResource CILIUM_NODE = read("cilium.io", List.of("v2"), "ciliumnodes", "CiliumNode", true);

    public static final List<ApiResource> ALL = List.of(NODE, SERVICE, ENDPOINT_SLICE, SECRET, CLUSTER_CONFIG, PEER_CONFIG, ADVERTISEMENT,
            NODE_CONFIG_OVERRIDE, NODE_CONFIG, POD_IP_POOL, CILIUM_NODE);

    public String apiVersion(String version) {
        return group.isEmpty() ? version : group + "/" + version;
    }
}
