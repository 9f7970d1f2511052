/**
 * The benchmark harness (bench/run.sh): a blaster generator and a counting sink that speak
 * BGP through their own hand-written encoder and parser, launchers for the devices under
 * test (bgplet in its own JVM, BIRD, FRR, GoBGP) in network namespaces, and the
 * orchestrator that times them. Not part of the main module's build; nothing in src/ may
 * depend on it. It may use bgplet's speaker (to run it as a DUT) and the interop test
 * support (namespaces, veths, processes).
 */
package io.bgplet.bench;
