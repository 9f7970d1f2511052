package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs a short command to completion and returns what it printed. */
public record Exec(List<String> command, int exitCode, String stdout, String stderr) {

    public static final long TIMEOUT_SECONDS = 30;

    /** Runs and throws if the exit code is not 0. */
    public static Exec check(List<String> command) {
        Exec r = run(command);
        if (r.exitCode != 0) {
            throw new IllegalStateException("command failed (" + r.exitCode + "): " + String.join(" ", command)
                    + "\nstdout: " + r.stdout.strip() + "\nstderr: " + r.stderr.strip());
        }
        return r;
    }

    /** Runs and returns whatever happened; a command that hangs is killed by PID after 30 s. */
    public static Exec run(List<String> command) {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
        // Read both pipes concurrently so a chatty command cannot block on a full pipe.
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> slurp(p.getInputStream()));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> slurp(p.getErrorStream()));
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("command timed out after " + TIMEOUT_SECONDS + " s: " + String.join(" ", command));
            }
            return new Exec(command, p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + command, e);
        }
    }

    public boolean ok() {
        return exitCode == 0;
    }

    private static String slurp(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
