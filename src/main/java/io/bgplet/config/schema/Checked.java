package io.bgplet.config.schema;

import java.util.List;

/** A record with cross-field rules (the CEL rules of its {@link Rule} annotations, and a few Java-only ones). */
public interface Checked {
    /** The messages of the rules this value breaks in the given API version; empty when valid. */
    List<String> violations(String version);
}
