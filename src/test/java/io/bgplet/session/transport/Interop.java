package io.bgplet.session.transport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tests that need root or a real daemon skip with a reason, unless BGPLET_REQUIRE_INTEROP=1
 * (set by .ci/run): then a missing prerequisite fails the test instead.
 */
final class Interop {
    private Interop() {}

    static boolean required() {
        return "1".equals(System.getenv("BGPLET_REQUIRE_INTEROP"));
    }

    static void require(boolean ok, String what) {
        if (ok) return;
        String msg = what + " is not available";
        if (required()) Assertions.fail(msg + " and BGPLET_REQUIRE_INTEROP=1");
        Assumptions.assumeTrue(false, msg + "; skipped (set BGPLET_REQUIRE_INTEROP=1 to fail instead)");
    }

    static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "root");
    }

    static void requireEpoll() {
        require(io.netty.channel.epoll.Epoll.isAvailable(), "Netty epoll");
    }

    static void requireExecutable(String path) {
        require(Files.isExecutable(Path.of(path)), path);
    }
}
