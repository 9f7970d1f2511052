package io.bgplet.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.bgplet.config.model.CiliumKind;

/**
 * The model records as Kubernetes JSON, for writers (the NodeConfig spec the operator role
 * writes): absent fields are omitted, names are the CRD's.
 */
public final class ModelJson {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ModelJson() {}

    /** A complete object: apiVersion cilium.io/v2, kind, metadata (name, labels, ownerReferences), spec. */
    public static JsonNode object(CiliumKind o) {
        com.fasterxml.jackson.databind.node.ObjectNode n = JSON.createObjectNode();
        n.put("apiVersion", "cilium.io/v2");
        n.put("kind", o.kind());
        com.fasterxml.jackson.databind.node.ObjectNode meta = n.putObject("metadata");
        meta.put("name", o.name());
        if (!o.metadata().labels().isEmpty()) meta.set("labels", JSON.valueToTree(o.metadata().labels()));
        if (!o.metadata().ownerReferences().isEmpty()) meta.set("ownerReferences", JSON.valueToTree(o.metadata().ownerReferences()));
        n.set("spec", JSON.valueToTree(specOf(o)));
        return n;
    }

    public static String text(CiliumKind o) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(object(o));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object specOf(CiliumKind o) {
        return switch (o) {
            case io.bgplet.config.model.CiliumBGPClusterConfig c -> c.spec();
            case io.bgplet.config.model.CiliumBGPPeerConfig c -> c.spec();
            case io.bgplet.config.model.CiliumBGPAdvertisement c -> c.spec();
            case io.bgplet.config.model.CiliumBGPNodeConfigOverride c -> c.spec();
            case io.bgplet.config.model.CiliumBGPNodeConfig c -> c.spec();
        };
    }
}
