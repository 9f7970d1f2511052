/**
 * The {@code bgplet} command-line client: peers, routes, rib add/del, watch and explain,
 * formatted like {@code cilium bgp peers|routes}. It talks to a running agent only through
 * GoBGP's gRPC API (the generated {@code apipb} stubs), so it imports no other bgplet layer
 * and never starts Quarkus or any server.
 */
package io.bgplet.cli;
