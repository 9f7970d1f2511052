package io.bgplet.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bgplet.config.model.CiliumBGPAdvertisement;
import io.bgplet.config.model.CiliumBGPClusterConfig;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.CiliumBGPNodeConfigOverride;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.model.ObjectMeta;
import io.bgplet.config.schema.Binder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns multi-document YAML (or JSON) manifests into model objects. A document of an unknown
 * kind is skipped; an invalid object becomes a {@link Problem} and is left out, so every
 * other object keeps working. Lists ({@code kind: List} or {@code *List}) are expanded.
 */
public final class Manifests {
    private static final YAMLMapper YAML = new YAMLMapper();

    private Manifests() {}

    /** The objects and problems of one source; skipped names the documents of unknown kinds. */
    public record Parsed(List<Object> objects, List<Problem> problems, List<String> skipped) {}

    /** Thrown when the text is not YAML at all; the caller keeps the source's last good content. */
    public static final class SyntaxError extends Exception {
        private final int line;

        SyntaxError(String message, int line) {
            super(message);
            this.line = line;
        }

        /** 1-based line of the error, or -1 when unknown. */
        public int line() {
            return line;
        }
    }

    /** Parses all documents of text. */
    public static Parsed parse(String text) throws SyntaxError {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) docs.add(doc);
            }
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            throw new SyntaxError(e.getOriginalMessage(), line);
        } catch (IOException e) {
            throw new SyntaxError(String.valueOf(e.getMessage()), -1);
        } catch (RuntimeException e) {
            // MappingIterator wraps parse errors in RuntimeJsonMappingException
            Throwable cause = e.getCause();
            if (cause instanceof JsonProcessingException j) {
                int line = j.getLocation() == null ? -1 : j.getLocation().getLineNr();
                throw new SyntaxError(j.getOriginalMessage(), line);
            }
            throw new SyntaxError(String.valueOf(e.getMessage()), -1);
        }
        List<Object> objects = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (JsonNode doc : docs) decodeInto(doc, objects, problems, skipped);
        return new Parsed(objects, problems, skipped);
    }

    static void decodeInto(JsonNode doc, List<Object> objects, List<Problem> problems, List<String> skipped) {
        if (!doc.isObject()) {
            problems.add(Problem.error("document", "?", "", "not an object"));
            return;
        }
        String apiVersion = doc.path("apiVersion").asText("");
        String kind = doc.path("kind").asText("");
        if ((kind.equals("List") || kind.endsWith("List")) && doc.path("items").isArray()) {
            for (JsonNode item : doc.get("items")) decodeInto(item, objects, problems, skipped);
            return;
        }
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        String name = doc.path("metadata").path("name").asText("");
        if (name.isEmpty() && isKnown(group, kind)) {
            problems.add(Problem.error(kind, "?", "metadata.name", "Required value"));
            return;
        }
        Object decoded = switch (group + "/" + kind) {
            case "cilium.io/CiliumBGPClusterConfig", "cilium.io/CiliumBGPPeerConfig", "cilium.io/CiliumBGPAdvertisement",
                 "cilium.io/CiliumBGPNodeConfigOverride", "cilium.io/CiliumBGPNodeConfig" -> cilium(doc, kind, version, problems);
            case "/Node", "/Service", "/Secret", "discovery.k8s.io/EndpointSlice", "cilium.io/CiliumPodIPPool", "cilium.io/CiliumNode" ->
                    CoreObjects.decode(kind, doc, problems);
            default -> {
                skipped.add(apiVersion + " " + kind + " " + name);
                yield null;
            }
        };
        if (decoded != null) objects.add(decoded);
    }

    private static boolean isKnown(String group, String kind) {
        return group.equals("cilium.io") || group.isEmpty() && (kind.equals("Node") || kind.equals("Service") || kind.equals("Secret"))
                || group.equals("discovery.k8s.io");
    }

    private static Object cilium(JsonNode doc, String kind, String version, List<Problem> problems) {
        ObjectMeta meta = CoreObjects.meta(doc.path("metadata"));
        if (!version.equals("v2") && !version.equals("v2alpha1")) {
            problems.add(Problem.error(kind, meta.name(), "apiVersion", "unsupported version cilium.io/" + version + " (v2, v2alpha1)"));
            return null;
        }
        if (doc.path("spec").isMissingNode() || doc.path("spec").isNull()) {
            problems.add(Problem.error(kind, meta.name(), "spec", "Required value"));
            return null;
        }
        Binder binder = new Binder(version);
        Object value = switch (kind) {
            case "CiliumBGPClusterConfig" -> bindSpec(binder, doc, CiliumBGPClusterConfig.Spec.class,
                    s -> new CiliumBGPClusterConfig(meta, s, null));
            case "CiliumBGPPeerConfig" -> bindSpec(binder, doc, CiliumBGPPeerConfig.Spec.class, s -> new CiliumBGPPeerConfig(meta, s, null));
            case "CiliumBGPAdvertisement" -> bindSpec(binder, doc, CiliumBGPAdvertisement.Spec.class, s -> new CiliumBGPAdvertisement(meta, s));
            case "CiliumBGPNodeConfigOverride" -> bindSpec(binder, doc, CiliumBGPNodeConfigOverride.Spec.class,
                    s -> new CiliumBGPNodeConfigOverride(meta, s));
            case "CiliumBGPNodeConfig" -> bindSpec(binder, doc, CiliumBGPNodeConfig.Spec.class, s -> new CiliumBGPNodeConfig(meta, s, null));
            default -> throw new IllegalStateException(kind);
        };
        List<String[]> extra = new ArrayList<>();
        if (kind.equals("CiliumBGPPeerConfig")) extra.addAll(PeerAnnotations.parse(meta.annotations()).violations());
        for (Binder.Violation v : binder.violations()) problems.add(Problem.error(kind, meta.name(), v.path(), v.message()));
        for (String[] v : extra) problems.add(Problem.error(kind, meta.name(), v[0], v[1]));
        return binder.violations().isEmpty() && extra.isEmpty() ? value : null;
    }

    private static <S extends Record> Object bindSpec(Binder binder, JsonNode doc, Class<S> spec, Function<S, Object> make) {
        S s = binder.bind(doc.get("spec"), spec, "spec");
        return s == null ? null : make.apply(s);
    }

    /** Reads labels-like string maps leniently (used by CoreObjects). */
    static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (node != null && node.isObject()) for (Map.Entry<String, JsonNode> e : node.properties()) out.put(e.getKey(), e.getValue().asText());
        return out;
    }
}
