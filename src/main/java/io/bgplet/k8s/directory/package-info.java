/**
 * The manifest-directory config source ({@code bgplet.source=directory}): a folder of
 * multi-document YAML read into {@link io.bgplet.config.Inputs} snapshots, re-read on change
 * (watch plus poll), parse errors reported per file and line. It may use
 * {@code io.bgplet.config}, {@code speaker} and {@code wire}; no fabric8 is needed here.
 */
package io.bgplet.k8s.directory;
