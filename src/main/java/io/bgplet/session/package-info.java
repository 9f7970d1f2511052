/**
 * The BGP session: RFC 4271 section 8 as a pure state machine ({@link io.bgplet.session.Fsm}:
 * events in, actions out), OPEN negotiation, collision resolution, Hard Reset and graceful
 * restart decisions, and a driver that runs timers behind {@link io.bgplet.session.TimerService}.
 *
 * <p>Imports only {@code io.bgplet.wire}. No Netty channels, sockets, clocks, threads, Quarkus
 * or CDI here: those live in {@code io.bgplet.session.transport}, which executes the actions.
 */
package io.bgplet.session;
