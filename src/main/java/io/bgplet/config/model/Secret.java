package io.bgplet.config.model;

import java.util.Base64;
import java.util.Map;

/** A Secret: data values are base64 as in the API. */
public record Secret(ObjectMeta metadata, Map<String, String> data) {
    public Secret {
        data = data == null ? Map.of() : Map.copyOf(data);
    }

    /** The decoded value of key, or null when absent; IllegalArgumentException when not base64. */
    public String decoded(String key) {
        String v = data.get(key);
        return v == null ? null : new String(Base64.getMimeDecoder().decode(v), java.nio.charset.StandardCharsets.UTF_8);
    }
}
