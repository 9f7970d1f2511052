package io.bgplet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bgplet.wire.Family;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Loads a golden case: {@code input.yaml} holds manifests plus one {@code kind: GoldenCase}
 * document naming the node, the host's interfaces and default gateways, and folders of
 * manifests to include (project-relative, e.g. {@code examples/seed-lab}).
 */
final class GoldenCases {
    static final Path ROOT = Path.of("src/test/resources/config");

    private GoldenCases() {}

    record Case(String node, Inputs inputs) {}

    static Case load(Path dir) throws Exception {
        String text = Files.readString(dir.resolve("input.yaml"));
        JsonNode golden = null;
        try (MappingIterator<JsonNode> it = new YAMLMapper().readerFor(JsonNode.class).readValues(text)) {
            while (it.hasNextValue()) {
                JsonNode doc = it.nextValue();
                if (doc != null && "GoldenCase".equals(doc.path("kind").asText())) golden = doc;
            }
        }
        if (golden == null) throw new IllegalStateException(dir + ": no GoldenCase document");
        Inputs.Builder b = Inputs.builder();
        for (JsonNode inc : golden.path("include")) {
            try (Stream<Path> files = Files.list(Path.of(inc.asText()))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) add(b, Files.readString(f));
            }
        }
        add(b, text);
        Map<String, HostNetwork.Interface> interfaces = new HashMap<>();
        golden.path("interfaces").properties().forEach(e -> {
            List<InetAddress> addrs = new ArrayList<>();
            for (JsonNode a : e.getValue()) addrs.add(Addresses.parse(a.asText()));
            interfaces.put(e.getKey(), new HostNetwork.Interface(e.getKey(), true, addrs));
        });
        Map<Family, InetAddress> gateways = new HashMap<>();
        golden.path("defaultGateways").properties().forEach(e -> gateways.put(Family.parse(e.getKey()), Addresses.parse(e.getValue().asText())));
        b.host(new HostNetwork(interfaces, gateways));
        if (golden.has("secretsNamespace")) b.secretsNamespace(golden.get("secretsNamespace").asText());
        return new Case(golden.path("node").asText(), b.build());
    }

    private static void add(Inputs.Builder b, String text) throws Manifests.SyntaxError {
        Manifests.Parsed parsed = Manifests.parse(text);
        b.addAll(parsed.objects());
        b.addAll(parsed.problems());
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs.filter(d -> Files.exists(d.resolve("input.yaml"))).sorted().toList();
        }
    }
}
