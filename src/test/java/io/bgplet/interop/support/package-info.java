/**
 * Test harness for interop tests against real BGP daemons (FRR, BIRD, GoBGP, ExaBGP) and a
 * raw-bytes peer, in Linux network namespaces the tests create.
 *
 * <p>Everything here is test code: it starts processes and namespaces, never touches
 * anything it did not create, stops every process by PID and removes every namespace and
 * interface on {@code close()} (and, as a last resort, in a JVM shutdown hook). Addresses
 * come only from the documentation and benchmark ranges. It must not import bgplet's main
 * code (the raw peer builds its bytes by hand) so a codec bug cannot hide in the harness.
 */
package io.bgplet.interop.support;
