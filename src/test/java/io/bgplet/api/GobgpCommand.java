package io.bgplet.api;

import io.bgplet.interop.support.Interop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The stock {@code gobgp} 3.10 CLI (Debian's gobgpd package) run once against a loopback
 * API port: exit code and merged output. Missing binary: skip, or fail under
 * BGPLET_REQUIRE_INTEROP=1. The process is destroyed by the time this returns.
 */
record GobgpCommand(int exit, String output) {
    static final String GOBGP = "/usr/bin/gobgp";

    static GobgpCommand run(int port, String... args) throws Exception {
        Interop.requireBinaries(GOBGP);
        List<String> cmd = new ArrayList<>(List.of(GOBGP, "-u", "127.0.0.1", "-p", Integer.toString(port)));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("gobgp " + String.join(" ", args) + " hung");
            return new GobgpCommand(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }
}
