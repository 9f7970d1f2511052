package io.bgplet.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads the deployment manifests under k8s/ (multi-document YAML) for the manifest tests. */
final class K8sManifests {
    static final Path DIR = Path.of("k8s");
    private static final YAMLMapper YAML = new YAMLMapper();

    private K8sManifests() {}

    static List<JsonNode> read(Path file) {
        List<JsonNode> docs = new ArrayList<>();
        try {
            for (JsonNode d : YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(file)).readAll()) {
                if (d != null && !d.isNull() && !d.isMissingNode()) docs.add(d);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        return docs;
    }

    /** Every YAML file under k8s/, CRDs included. */
    static List<Path> files() {
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> all() {
        List<JsonNode> out = new ArrayList<>();
        for (Path f : files()) if (!f.getFileName().toString().equals("kustomization.yaml")) out.addAll(read(f));
        return out;
    }

    static JsonNode one(String kind, String name) {
        return all().stream().filter(d -> d.path("kind").asText().equals(kind) && d.path("metadata").path("name").asText().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " " + name + " under k8s/"));
    }
}
