package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A long-running process the harness started, known by its PID. {@code ip netns exec}
 * execs the command in place, so the PID is the daemon's own (every daemon here runs in the
 * foreground). Output goes to a log file for debugging a failed test.
 */
public final class Daemon implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;
    private final Runnable unregister;

    private Daemon(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.unregister = Sweep.register("process " + name + " pid " + process.pid(), this::kill);
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    public static Daemon start(String name, List<String> command, Map<String, String> env, Path log) {
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            Files.writeString(log, "### " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return new Daemon(name, pb.start(), log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + command, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public String name() {
        return name;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The log so far, for assertion messages. */
    public String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, wait up to 5 s, then SIGKILL; waits on the PID so no zombie is left. */
    public void stop() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) kill();
            } catch (InterruptedException e) {
                kill();
                Thread.currentThread().interrupt();
            }
        }
        unregister.run();
    }

    /** SIGKILL now (a crash, as far as the peer can tell). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends a signal by PID (e.g. "HUP"), for daemons that reload on one. */
    public void signal(String signal) {
        Exec.check(List.of("kill", "-" + signal, Long.toString(pid())));
    }

    @Override
    public void close() {
        stop();
    }

    @Override
    public String toString() {
        return name + "[pid " + pid() + ", log " + log + "]";
    }
}
