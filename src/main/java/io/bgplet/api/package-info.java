/**
 * GoBGP-compatible gRPC API: {@code apipb.GobgpApi} (GoBGP 3.10's wire contract, protos in
 * src/main/proto) and gRPC server reflection that also serves the Any payload files, and
 * the listeners' security (TLS, client certificates, the refusal of a plaintext non-loopback API).
 * Classes here translate between API messages and speaker commands and hold no BGP logic;
 * they may import speaker, rib, policy, session and wire, never k8s, config, cli or app.
 */
package io.bgplet.api;
