package io.bgplet.interop.support;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Jackson for the daemons' JSON output. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static JsonNode parse(String text, String what) {
        try {
            return MAPPER.readTree(text.isBlank() ? "{}" : text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not JSON from " + what + ": " + text, e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Long longOrNull(JsonNode n) {
        return n == null || n.isNull() || n.isMissingNode() ? null : n.asLong();
    }
}
