package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Serialises use of the root namespace's addresses across JVMs on this machine: two test
 * runs (other worktrees, other helpers) putting 198.51.100.100/24 on two root veths at once
 * would steal each other's traffic. Namespace-only topologies do not need it. Re-entrant
 * within the JVM by counting.
 */
final class RootLock {
    private static final Path FILE = Path.of("/run/lock/bgplet-interop-root.lock");
    private static final Duration WAIT = Duration.ofMinutes(10);
    private static int holders;
    private static FileChannel channel;
    private static FileLock lock;

    private RootLock() {
    }

    static synchronized void acquire() {
        if (holders++ > 0) return;
        try {
            Files.createDirectories(FILE.getParent());
            channel = FileChannel.open(FILE, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while ((lock = channel.tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("another test run held " + FILE + " for " + WAIT);
                }
                Thread.sleep(200);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            holders--;
            closeChannel();
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            throw new IllegalStateException("cannot lock " + FILE, e);
        }
    }

    static synchronized void release() {
        if (holders == 0 || --holders > 0) return;
        closeChannel();
    }

    private static void closeChannel() {
        try {
            if (lock != null) lock.release();
            if (channel != null) channel.close();
        } catch (IOException ignored) {
            // The lock dies with the channel or the process anyway.
        }
        lock = null;
        channel = null;
    }
}
