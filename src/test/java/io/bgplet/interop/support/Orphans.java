package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cleans up after test JVMs that died without running their shutdown hook (SIGKILL, a
 * surefire timeout). Each run leaves a marker {@code /run/bgplet-interop/<run id>} holding
 * its PID and start time; a later run that finds a marker whose JVM is gone removes what
 * carries that run id and nothing else: namespaces {@code bgpl-<id>-*} (killing, by PID,
 * the processes left inside them), root veths {@code bl<id>*} and {@code /tmp/bgpl-<id>-*}.
 */
final class Orphans {
    private static final Path DIR = Path.of("/run/bgplet-interop");

    private Orphans() {
    }

    /** Writes this run's marker and reaps dead runs; called once per JVM, best effort. */
    static void markAndReap() {
        try {
            Files.createDirectories(DIR);
            ProcessHandle self = ProcessHandle.current();
            Files.writeString(DIR.resolve(Interop.runId()), self.pid() + " " + startOf(self));
            try (DirectoryStream<Path> markers = Files.newDirectoryStream(DIR)) {
                for (Path marker : markers) {
                    String id = marker.getFileName().toString();
                    if (!id.equals(Interop.runId()) && id.matches("[a-z0-9]{6}") && ownerIsGone(marker)) reap(id, marker);
                }
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("bgplet interop: orphan sweep skipped: " + e);
        }
    }

    /** Removes this run's marker (normal exit, after everything was closed). */
    static void unmark() {
        try {
            Files.deleteIfExists(DIR.resolve(Interop.runId()));
        } catch (IOException ignored) {
            // a stale marker of a finished run only costs the next run a look
        }
    }

    private static boolean ownerIsGone(Path marker) throws IOException {
        String[] parts = Files.readString(marker).trim().split(" ");
        if (parts.length != 2) return false;
        Optional<ProcessHandle> owner = ProcessHandle.of(Long.parseLong(parts[0]));
        return owner.isEmpty() || !startOf(owner.get()).equals(parts[1]);
    }

    private static void reap(String id, Path marker) throws IOException {
        System.err.println("bgplet interop: removing leftovers of dead run " + id);
        Exec list = Exec.run(List.of("ip", "netns", "list"));
        for (String line : list.stdout().split("\n")) {
            String name = line.split(" ")[0];
            if (!name.startsWith("bgpl-" + id + "-")) continue;
            for (String pid : Exec.run(List.of("ip", "netns", "pids", name)).stdout().split("\\s+")) {
                if (!pid.isBlank()) ProcessHandle.of(Long.parseLong(pid.trim())).ifPresent(ProcessHandle::destroyForcibly);
            }
            Exec.run(List.of("ip", "netns", "delete", name));
        }
        for (String line : Exec.run(List.of("ip", "-o", "link", "show")).stdout().split("\n")) {
            String[] f = line.split(": ");
            if (f.length < 2) continue;
            String ifname = f[1].split("@")[0];
            if (ifname.startsWith("bl" + id)) Exec.run(List.of("ip", "link", "del", ifname));
        }
        List<Path> dirs = new ArrayList<>();
        try (DirectoryStream<Path> tmp = Files.newDirectoryStream(Path.of("/tmp"), "bgpl-" + id + "-*")) {
            tmp.forEach(dirs::add);
        }
        for (Path d : dirs) Exec.run(List.of("rm", "-rf", d.toString()));
        Files.deleteIfExists(marker);
    }

    private static String startOf(ProcessHandle h) {
        return h.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("?");
    }
}
