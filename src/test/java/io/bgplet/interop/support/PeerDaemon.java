package io.bgplet.interop.support;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.awaitility.Awaitility;

/**
 * What every real-daemon launcher offers, so a test can run the same checks against FRR,
 * BIRD, GoBGP and ExaBGP. Each launcher adds its daemon's own commands.
 */
public interface PeerDaemon extends AutoCloseable {

    /** Writes the configuration, starts the daemon(s) and waits until the control socket answers. */
    void start();

    /** True when the session with {@code neighbor} (its address) is Established. */
    boolean isEstablished(String neighbor);

    /** Routes in the daemon's RIB for "ipv4" or "ipv6" unicast, received and local. */
    List<Route> routes(String family);

    /** Stops by PID (SIGTERM, then SIGKILL after 5 s). */
    void stop();

    /** Everything the daemon logged so far (for assertion messages). */
    String log();

    default Optional<Route> route(String prefix) {
        return routes(prefix.contains(":") ? "ipv6" : "ipv4").stream().filter(r -> r.prefix().equals(prefix)).findFirst();
    }

    default void awaitEstablished(String neighbor, Duration timeout) {
        Awaitility.await("session with " + neighbor + " Established").atMost(timeout)
                .pollInterval(Duration.ofMillis(200)).until(() -> isEstablished(neighbor));
    }

    default void awaitNotEstablished(String neighbor, Duration timeout) {
        Awaitility.await("session with " + neighbor + " down").atMost(timeout)
                .pollInterval(Duration.ofMillis(200)).until(() -> !isEstablished(neighbor));
    }

    /** Waits until {@code prefix} is in the RIB and returns it. */
    default Route awaitRoute(String prefix, Duration timeout) {
        return Awaitility.await("route " + prefix).atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> route(prefix), Optional::isPresent).orElseThrow();
    }

    default void awaitNoRoute(String prefix, Duration timeout) {
        Awaitility.await("route " + prefix + " gone").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> route(prefix).isEmpty());
    }

    @Override
    default void close() {
        stop();
    }
}
