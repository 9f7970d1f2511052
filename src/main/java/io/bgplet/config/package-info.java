/**
 * Desired state: a pure function from a snapshot of Kubernetes objects ({@link io.bgplet.config.Inputs}:
 * the five Cilium BGP kinds, Nodes, Services, EndpointSlices, Secrets, plus the host's
 * interfaces) and a node name to the speaker's {@link io.bgplet.speaker.InstanceConfig}s, the
 * CiliumBGPNodeConfig the operator would write, and the problems found
 * ({@link io.bgplet.config.DesiredState#compute}). Also reads manifests
 * ({@link io.bgplet.config.Manifests}) with the API server's validation.
 * <p>
 * Pure: no fabric8, Quarkus, CDI, threads, clock or I/O (Jackson only to bind YAML/JSON). May
 * import {@code io.bgplet.speaker} (the port records) and {@code io.bgplet.wire}.
 */
package io.bgplet.config;
