/**
 * The Kubernetes side of bgplet: {@link io.bgplet.k8s.KubernetesSource} (fabric8 shared
 * informers over the kinds in {@link io.bgplet.k8s.ApiResource#ALL}, bound to the config model
 * through {@link io.bgplet.config.Manifests} like the manifest directory) and
 * {@link io.bgplet.k8s.NodeConfigWriter}, which writes the node's own CiliumBGPNodeConfig and
 * nothing else. May use fabric8, {@code config}, {@code speaker} and {@code wire}; not the
 * session layer (the app layer turns neighbour snapshots into {@link io.bgplet.k8s.PeerSession}),
 * not Quarkus or CDI (the app layer injects the client).
 */
package io.bgplet.k8s;
