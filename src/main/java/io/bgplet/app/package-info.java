/**
 * Quarkus wiring: configuration mapping, start-up and shutdown, the config source feeding
 * desired state into speakers, health and metrics. Everything else is plain Java below it.
 */
package io.bgplet.app;
