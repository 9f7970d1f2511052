/**
 * One BGP instance: its neighbours, RIBs and policies, driven by commands applied in order
 * on a single writer thread. {@link io.bgplet.speaker.InstanceConfig} and the records it
 * holds are the narrow port the {@code config} layer writes to; the {@code api} layer reads
 * snapshots and sends commands. Nothing here knows of Kubernetes, gRPC or Quarkus.
 */
package io.bgplet.speaker;
