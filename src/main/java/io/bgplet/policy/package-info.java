/**
 * Import and export policy, per peer and family: a {@link io.bgplet.policy.Policy} is an ordered
 * list of {@link io.bgplet.policy.Statement}s (sealed {@link io.bgplet.policy.Condition}s and
 * {@link io.bgplet.policy.Action}s) with a default disposition. Import runs before the Loc-RIB,
 * export before the Adj-RIB-Out; both reach the RIB as a {@link io.bgplet.rib.RouteFilter}
 * returning an interned attribute set or a rejection. {@link io.bgplet.policy.Advertisement}
 * expresses Cilium's model (export only selected local prefixes, each with its attachments).
 *
 * <p>Imports {@code io.bgplet.rib} and {@code io.bgplet.wire} only; no session, speaker,
 * Netty channel, CDI or Quarkus. Pure and single-threaded like the RIB.
 */
package io.bgplet.policy;
