package io.bgplet.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.bgplet.config.model.CiliumNode;
import io.bgplet.config.model.CiliumPodIPPool;
import io.bgplet.config.model.EndpointSlice;
import io.bgplet.config.model.Node;
import io.bgplet.config.model.ObjectMeta;
import io.bgplet.config.model.Secret;
import io.bgplet.config.model.Service;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the built-in Kubernetes kinds (and the two IPAM kinds) leniently: these come from
 * the API server, already validated, so only the fields bgplet uses are read. An address
 * that does not parse is reported and skipped.
 */
final class CoreObjects {
    private CoreObjects() {}

    static ObjectMeta meta(JsonNode m) {
        List<ObjectMeta.OwnerReference> owners = new ArrayList<>();
        for (JsonNode o : m.path("ownerReferences")) {
            owners.add(new ObjectMeta.OwnerReference(o.path("apiVersion").asText(""), o.path("kind").asText(""), o.path("name").asText(""),
                    o.path("uid").asText(""), o.path("controller").asBoolean(false)));
        }
        String ns = m.path("namespace").asText(null);
        return new ObjectMeta(m.path("name").asText(""), ns, Manifests.strings(m.get("labels")), Manifests.strings(m.get("annotations")),
                m.path("creationTimestamp").asText(null), owners);
    }

    static Object decode(String kind, JsonNode doc, List<Problem> problems) {
        ObjectMeta meta = meta(doc.path("metadata"));
        JsonNode spec = doc.path("spec");
        return switch (kind) {
            case "Node" -> node(meta, doc, problems);
            case "Service" -> new Service(meta, spec.path("type").asText(null), clusterIPs(spec), texts(spec.path("externalIPs")),
                    spec.path("loadBalancerClass").asText(null), ingress(doc), spec.path("externalTrafficPolicy").asText(null),
                    spec.path("internalTrafficPolicy").asText(null));
            case "EndpointSlice" -> endpointSlice(meta, doc);
            case "Secret" -> new Secret(meta, Manifests.strings(doc.get("data")));
            case "CiliumPodIPPool" -> new CiliumPodIPPool(meta);
            case "CiliumNode" -> ciliumNode(meta, spec);
            default -> throw new IllegalStateException(kind);
        };
    }

    private static Node node(ObjectMeta meta, JsonNode doc, List<Problem> problems) {
        List<InetAddress> internal = new ArrayList<>();
        List<InetAddress> external = new ArrayList<>();
        JsonNode addresses = doc.path("status").path("addresses");
        for (int i = 0; i < addresses.size(); i++) {
            JsonNode a = addresses.get(i);
            String type = a.path("type").asText("");
            if (!type.equals("InternalIP") && !type.equals("ExternalIP")) continue;
            InetAddress ip = Addresses.parse(a.path("address").asText(""));
            if (ip == null) {
                problems.add(Problem.warning("Node", meta.name(), "status.addresses[" + i + "].address",
                        "not an IP address: \"" + a.path("address").asText("") + "\""));
                continue;
            }
            (type.equals("InternalIP") ? internal : external).add(ip);
        }
        List<String> cidrs = texts(doc.path("spec").path("podCIDRs"));
        String single = doc.path("spec").path("podCIDR").asText("");
        if (cidrs.isEmpty() && !single.isEmpty()) cidrs = List.of(single);
        return new Node(meta, internal, external, cidrs);
    }

    private static List<String> clusterIPs(JsonNode spec) {
        List<String> out = new ArrayList<>();
        String one = spec.path("clusterIP").asText("");
        if (!one.isEmpty()) out.add(one);
        for (String s : texts(spec.path("clusterIPs"))) if (!out.contains(s)) out.add(s);
        out.removeIf(s -> s.equals("None") || s.isEmpty());
        return out;
    }

    private static List<String> ingress(JsonNode doc) {
        List<String> out = new ArrayList<>();
        for (JsonNode i : doc.path("status").path("loadBalancer").path("ingress")) {
            String ip = i.path("ip").asText("");
            if (!ip.isEmpty()) out.add(ip);
        }
        return out;
    }

    private static EndpointSlice endpointSlice(ObjectMeta meta, JsonNode doc) {
        List<EndpointSlice.Endpoint> eps = new ArrayList<>();
        for (JsonNode e : doc.path("endpoints")) {
            JsonNode c = e.path("conditions");
            eps.add(new EndpointSlice.Endpoint(e.path("nodeName").asText(null), bool(c.get("ready")), bool(c.get("serving")),
                    bool(c.get("terminating"))));
        }
        return new EndpointSlice(meta, eps);
    }

    private static CiliumNode ciliumNode(ObjectMeta meta, JsonNode spec) {
        List<CiliumNode.PoolAllocation> allocated = new ArrayList<>();
        for (JsonNode a : spec.path("ipam").path("pools").path("allocated")) {
            allocated.add(new CiliumNode.PoolAllocation(a.path("pool").asText(""), texts(a.path("cidrs"))));
        }
        return new CiliumNode(meta, allocated);
    }

    private static Boolean bool(JsonNode n) {
        return n == null || n.isNull() ? null : n.asBoolean();
    }

    private static List<String> texts(JsonNode n) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) out.add(e.asText());
        return out;
    }
}
