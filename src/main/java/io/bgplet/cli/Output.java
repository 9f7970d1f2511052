package io.bgplet.cli;

import apipb.Attribute;
import apipb.Capability;
import apipb.Gobgp;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

/** JSON and YAML rendering of plain maps and lists, and protobuf Any values as JSON trees. */
final class Output {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    private static final JsonFormat.Printer ANY_PRINTER = JsonFormat.printer()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                    .add(Attribute.getDescriptor().getMessageTypes())
                    .add(Capability.getDescriptor().getMessageTypes())
                    .add(Gobgp.getDescriptor().getMessageTypes()).build())
            .alwaysPrintFieldsWithNoPresence().omittingInsignificantWhitespace();

    private Output() {}

    static String render(Object tree, BgpletCli.Format format) {
        try {
            return switch (format) {
                case json -> JSON.writeValueAsString(tree) + "\n";
                case yaml -> YAML.writeValueAsString(tree);
                case table -> throw new IllegalArgumentException("table is not a tree format");
            };
        } catch (JsonProcessingException e) {
            throw new CliException("cannot render output: " + e.getMessage());
        }
    }

    /** An Any as {"@type": "type.googleapis.com/apipb.X", fields...}, GoBGP's names and numbers. */
    static JsonNode any(Any value) {
        try {
            return JSON.readTree(ANY_PRINTER.print(value));
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(value.getTypeUrl());
        }
    }
}
