/**
 * BGP over TCP with Netty: dialing and listening, socket options (TCP MD5, TTL), framing and
 * decoding on the event loop, timers on the event loop, collision handling between two
 * connections, back-pressure. It executes the actions of {@link io.bgplet.session.Fsm} and
 * decides nothing itself.
 *
 * <p>May import Netty and {@code io.bgplet.session}/{@code io.bgplet.wire}; no Quarkus, CDI,
 * RIB or speaker classes. The consumer sees only {@link io.bgplet.session.transport.Peer} and
 * {@link io.bgplet.session.transport.SessionListener}.
 */
package io.bgplet.session.transport;
