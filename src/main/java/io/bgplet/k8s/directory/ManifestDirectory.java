package io.bgplet.k8s.directory;

import io.bgplet.config.Inputs;
import io.bgplet.config.Manifests;
import io.bgplet.config.Problem;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The manifest-directory source: a folder of multi-document YAML files ({@code *.yaml},
 * {@code *.yml}; hidden entries such as a ConfigMap volume's {@code ..data} are skipped)
 * read into an {@link Inputs} snapshot. Changes are seen through a {@link WatchService} and,
 * because watches miss events on some file systems (NFS, overlay, ConfigMap symlink swaps),
 * a periodic poll as well; changes within {@link #COALESCE} are applied together. The
 * listener hears only snapshots that differ from the last one. A file that stops parsing
 * keeps its last good content and adds a problem naming the file and line.
 */
public final class ManifestDirectory implements AutoCloseable {
    /** Changes closer together than this are read in one pass. */
    public static final Duration COALESCE = Duration.ofMillis(100);
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(ManifestDirectory.class.getName());

    private final Path dir;
    private final Consumer<Inputs> listener;
    private final Duration poll;
    private final Map<Path, FileState> files = new HashMap<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bgplet-manifest-dir");
        t.setDaemon(true);
        return t;
    });
    private WatchService watcher;
    private Thread watchThread;
    private ScheduledFuture<?> pending;
    private volatile Inputs snapshot;

    /** What one file last read as: its text and the parse of its last good text. */
    private record FileState(String text, Manifests.Parsed lastGood, Problem error) {}

    public ManifestDirectory(Path dir, Consumer<Inputs> listener, Duration poll) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /** Reads the folder once (the listener hears the first snapshot), then watches and polls it. */
    public synchronized void start() throws IOException {
        rescan();
        executor.scheduleWithFixedDelay(this::rescanQuietly, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
        try {
            watcher = FileSystems.getDefault().newWatchService();
            dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.OVERFLOW);
            watchThread = Thread.ofPlatform().daemon().name("bgplet-manifest-watch").start(this::watch);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot watch " + dir + "; polling every " + poll.toMillis() + " ms only: " + e);
        }
    }

    /** The latest snapshot, or null before the first read. */
    public Inputs snapshot() {
        return snapshot;
    }

    private void watch() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                key.pollEvents();
                key.reset();
                scheduleRescan();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private synchronized void scheduleRescan() {
        if (pending != null && !pending.isDone()) return; // coalesced into the pass already scheduled
        pending = executor.schedule(() -> {
            synchronized (this) {
                pending = null; // events from now on schedule another pass
            }
            rescanQuietly();
        }, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void rescanQuietly() {
        try {
            rescan();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading " + dir + " failed: " + e);
        }
    }

    /** Reads every manifest file again and notifies the listener when the snapshot changed. */
    public synchronized void rescan() throws IOException {
        List<Path> current;
        try (Stream<Path> list = Files.list(dir)) {
            current = list.filter(ManifestDirectory::isManifest).sorted().toList();
        }
        files.keySet().retainAll(current);
        for (Path file : current) {
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                continue; // vanished or unreadable mid-scan: the next pass sees the settled state
            }
            FileState old = files.get(file);
            if (old != null && old.text().equals(text)) continue;
            files.put(file, read(file, text, old));
        }
        Inputs.Builder b = Inputs.builder();
        for (Path file : current) {
            FileState s = files.get(file);
            if (s == null) continue;
            if (s.lastGood() != null) {
                b.addAll(s.lastGood().objects());
                b.addAll(s.lastGood().problems());
            }
            if (s.error() != null) b.add(s.error());
        }
        Inputs next = b.build();
        if (next.equals(snapshot)) return;
        snapshot = next;
        listener.accept(next);
    }

    private FileState read(Path file, String text, FileState old) {
        String name = file.getFileName().toString();
        try {
            Manifests.Parsed parsed = Manifests.parse(text);
            for (String skipped : parsed.skipped()) LOG.log(System.Logger.Level.DEBUG, name + ": ignoring document " + skipped);
            return new FileState(text, parsed, null);
        } catch (Manifests.SyntaxError e) {
            Problem p = Problem.error("file", name, e.line() > 0 ? "line " + e.line() : "", e.getMessage()
                    + (old != null && old.lastGood() != null ? "; keeping its last good content" : ""));
            LOG.log(System.Logger.Level.WARNING, p.toString());
            return new FileState(text, old == null ? null : old.lastGood(), p);
        }
    }

    private static boolean isManifest(Path p) {
        String n = p.getFileName().toString();
        return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml")) && Files.isRegularFile(p);
    }

    @Override
    public void close() {
        executor.shutdownNow();
        if (watcher != null) {
            try {
                watcher.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
        if (watchThread != null) watchThread.interrupt();
    }

}
