/**
 * The kernel FIB: bgplet's best routes installed into a Linux routing table over rtnetlink
 * (netlink(7), rtnetlink(7)) through the FFM API, with no JNI and no shelling out to ip.
 *
 * <p>{@link io.bgplet.fib.Netlink} is the socket (setns(2) on a helper thread for another
 * namespace), {@link io.bgplet.fib.KernelRoutes} reads and writes only routes carrying
 * bgplet's own rtm_protocol, and {@link io.bgplet.fib.Fib} decides, as a pure function of
 * Loc-RIB changes, settings and the node's safety set, what to install and remove.
 *
 * <p>Imports only {@code io.bgplet.rib} and {@code io.bgplet.wire}, plus java.lang.foreign.
 * No Quarkus, CDI, Netty or speaker here: the app layer bridges speaker events to it.
 */
package io.bgplet.fib;
