package io.bgplet.bench;

import io.bgplet.interop.support.Netns;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A harness process that talks in lines (generator, sink, bgplet's bench main): started in
 * a namespace, pinned to a CPU with taskset (ip netns exec and taskset both exec, so the PID
 * is the JVM's own), stdout lines queued for {@link #await} and copied to a log, commands
 * written to stdin. close() stops it by PID.
 */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Writer stdin;
    private volatile String lastCount = "";
    private volatile long lastCountChange = System.nanoTime();
    /** A sink whose count has not moved for this long has a DUT that will never finish. */
    static final Duration STALL = Duration.ofSeconds(180);

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    if (line.startsWith("COUNT")) {
                        if (!line.equals(lastCount)) lastCountChange = System.nanoTime();
                        lastCount = line;
                    }
                    else lines.add(line);
                }
            } catch (IOException e) {
                // process gone
            }
            lines.add("EXIT");
        }, name + "-stdout");
        t.setDaemon(true);
        t.start();
    }

    static Child start(Netns ns, String name, int cpu, List<String> command, Path logDir) {
        List<String> full = new java.util.ArrayList<>(List.of("taskset", "-c", Integer.toString(cpu)));
        full.addAll(command);
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            Files.writeString(log, "### " + String.join(" ", full) + "\n");
            Process p = new ProcessBuilder(ns.wrap(full)).redirectErrorStream(false)
                    .redirectError(ProcessBuilder.Redirect.appendTo(logDir.resolve(name + ".stderr").toFile())).start();
            return new Child(name, p, log);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The first line starting with prefix (others are skipped); fails on ERROR, exit or timeout. */
    String await(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = lines.poll(Math.min(Math.max(0, left), 1_000_000_000L), TimeUnit.NANOSECONDS);
                if (line == null) {
                    if (System.nanoTime() - deadline >= 0) throw new IllegalStateException(name + ": no " + prefix + " within " + timeout + " (last: " + lastCount + ")");
                    if (!lastCount.isEmpty() && System.nanoTime() - lastCountChange > STALL.toNanos()) {
                        throw new IllegalStateException(name + ": stalled for " + STALL + " at " + lastCount + " waiting for " + prefix);
                    }
                    continue;
                }
                if (line.startsWith(prefix)) return line;
                if (line.startsWith("ERROR") || line.equals("EXIT")) throw new IllegalStateException(name + ": " + line + " while waiting for " + prefix);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Every line queued so far (nothing waited for). */
    List<String> drain() {
        List<String> got = new java.util.ArrayList<>();
        lines.drainTo(got);
        return got;
    }

    /** Every line up to and including the first starting with prefix (nothing skipped). */
    List<String> until(String prefix, Duration timeout) {
        List<String> got = new java.util.ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) throw new IllegalStateException(name + ": no " + prefix + " within " + timeout);
                got.add(line);
                if (line.startsWith(prefix)) return got;
                if (line.equals("EXIT")) throw new IllegalStateException(name + ": exited while waiting for " + prefix);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The nanoTime carried as the second word of a line ("START 123"). */
    long awaitTime(String prefix, Duration timeout) {
        return Long.parseLong(await(prefix, timeout).split(" ")[1]);
    }

    void send(String command) {
        try {
            stdin.write(command + "\n");
            stdin.flush();
        } catch (IOException e) {
            throw new IllegalStateException(name + " is gone", e);
        }
    }

    String lastCount() {
        return lastCount;
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        try {
            send("QUIT");
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (RuntimeException | InterruptedException e) {
            process.destroyForcibly();
        }
    }
}
