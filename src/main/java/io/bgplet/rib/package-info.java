/**
 * The RIBs of RFC 4271 3.2: per-peer {@link io.bgplet.rib.AdjRibIn} and
 * {@link io.bgplet.rib.AdjRibOut}, the {@link io.bgplet.rib.LocRib} with best path and the step
 * that decided it, interned {@link io.bgplet.rib.PathAttributes}, and {@link io.bgplet.rib.Export}
 * (Update-Send with the eBGP attribute rules, grouped for packing).
 *
 * <p>Storage is primitive where it counts: IPv4 prefixes are {@code long} keys in open-addressing
 * tables, attribute sets are shared, and only the Loc-RIB holds one small object per route.
 * Single writer, no locks: the speaker calls in from one thread.
 *
 * <p>Imports only {@code io.bgplet.wire}. No policy, session, speaker, Netty channel, CDI or
 * Quarkus here; policy reaches export through {@link io.bgplet.rib.RouteFilter}.
 */
package io.bgplet.rib;
