package io.bgplet.k8s.directory;

import io.bgplet.config.Inputs;
import io.bgplet.config.Manifests;
import io.bgplet.config.Problem;
import io.bgplet.k8s.Coalescer;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.nio.file.WatchEvent;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The manifest-directory source: a folder of multi-document YAML files ({@code *.yaml},
 * {@code *.yml}; hidden entries such as a ConfigMap volume's {@code ..data} are skipped)
 * read into an {@link Inputs} snapshot. Changes are seen through a {@link WatchService}: a pass
 * re-reads only the files its events named (everything after an OVERFLOW or a ConfigMap
 * volume's "..data" swap); and, because watches miss events on some file systems (NFS,
 * overlay), a periodic poll re-reads the files whose stat (mtime, size, file key) moved.
 * The first change after a quiet period is read at once; changes that come while a pass runs
 * or within {@link Coalescer#MIN_INTERVAL} of its start are read together in the next one
 * ({@link Coalescer}). The listener hears only snapshots that differ from the last one. A file that stops parsing
 * keeps its last good content and adds a problem naming the file and line.
 */
public final class ManifestDirectory implements AutoCloseable {
    /** Passes start at least this far apart; changes within it are read in one pass. */
    public static final Duration COALESCE = Coalescer.MIN_INTERVAL;
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);

    private static final System.Logger LOG = System.getLogger(ManifestDirectory.class.getName());

    private final Path dir;
    private final Consumer<Inputs> listener;
    private final Duration poll;
    /** Sorted by path: snapshots list objects in file-name order. */
    private final TreeMap<Path, FileState> files = new TreeMap<>();
    /** Files named by watch events since the last pass. */
    private final Set<Path> dirty = new HashSet<>();
    /** The next watch pass reads everything: OVERFLOW, or a ConfigMap volume's "..data" swap. */
    private boolean overflow;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bgplet-manifest-dir");
        t.setDaemon(true);
        return t;
    });
    private WatchService watcher;
    private Thread watchThread;
    private final Coalescer coalescer = new Coalescer(executor, () -> quietly(this::watchPass));
    private volatile Inputs snapshot;

    /**
     * What one file last read as: its text, the parse of its last good text, and the stat
     * the poll compares (modification time, size, file key) before reading it again.
     */
    private record FileState(String text, Manifests.Parsed lastGood, Problem error, Stat stat) {
        boolean sameContribution(FileState o) {
            return o != null && Objects.equals(error, o.error) && Objects.equals(lastGood, o.lastGood);
        }
    }

    private record Stat(long modifiedNanos, long size, Object fileKey) {
        static Stat of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stat(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), a.fileKey());
            } catch (IOException e) {
                return null; // vanished: the pass that reads it decides
            }
        }
    }

    public ManifestDirectory(Path dir, Consumer<Inputs> listener, Duration poll) {
        this.dir = Objects.requireNonNull(dir, "dir");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.poll = Objects.requireNonNull(poll, "poll");
    }

    /** Reads the folder once (the listener hears the first snapshot), then watches and polls it. */
    public synchronized void start() throws IOException {
        rescan();
        executor.scheduleWithFixedDelay(() -> quietly(this::pollPass), poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
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
                boolean relevant = false;
                synchronized (this) {
                    for (WatchEvent<?> e : key.pollEvents()) {
                        if (e.kind() == StandardWatchEventKinds.OVERFLOW || !(e.context() instanceof Path name)) overflow = true;
                        // Kubernetes' atomic writer swaps the "..data" symlink: every file behind it may have changed.
                        else if (name.toString().startsWith("..")) overflow = true;
                        else if (!name.toString().startsWith(".")) dirty.add(dir.resolve(name)); // other hidden names: temp files
                        else continue;
                        relevant = true;
                    }
                }
                key.reset();
                // A temp file's events alone start no pass: the rename that follows would wait for the next one.
                if (relevant) coalescer.signal();
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    private interface Pass {
        void run() throws IOException;
    }

    private void quietly(Pass pass) {
        try {
            pass.run();
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "reading " + dir + " failed: " + e);
        }
    }

    /**
     * Reads again only the files the watch named since the last pass (all of them after an
     * OVERFLOW): with thousands of files, re-reading the folder per change took seconds.
     */
    private synchronized void watchPass() throws IOException {
        if (overflow) {
            overflow = false;
            dirty.clear();
            rescan();
            return;
        }
        boolean changed = false;
        for (Path file : dirty) changed |= refresh(file, isManifest(file), true);
        dirty.clear();
        if (changed) publish();
    }

    /**
     * The poll: lists the folder and reads a file again only when its stat (modification
     * time, size, file key) moved, so an idle poll of thousands of files costs a stat each.
     */
    private synchronized void pollPass() throws IOException {
        List<Path> current = list();
        boolean changed = files.keySet().retainAll(new HashSet<>(current)); // a List here made each pass O(files^2)
        for (Path file : current) {
            FileState old = files.get(file);
            if (old != null && old.stat() != null && old.stat().equals(Stat.of(file))) continue;
            changed |= refresh(file, true, true);
        }
        if (changed) publish();
    }

    /** Reads every manifest file again and notifies the listener when the snapshot changed. */
    public synchronized void rescan() throws IOException {
        List<Path> current = list();
        boolean changed = files.keySet().retainAll(new HashSet<>(current)); // a List here made each pass O(files^2)
        for (Path file : current) changed |= refresh(file, true, false);
        if (changed || snapshot == null) publish();
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(ManifestDirectory::isManifest).sorted().toList();
        }
    }

    /**
     * Reads one file into {@link #files} (or drops it when it is gone or not a manifest);
     * true when what it contributes to the snapshot changed.
     */
    private boolean refresh(Path file, boolean manifest, boolean dropMissing) {
        FileState old = files.get(file);
        String text = null;
        Stat stat = Stat.of(file);
        if (manifest) {
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                if (!dropMissing) return false; // vanished or unreadable mid-scan: the next pass sees the settled state
            }
        }
        if (text == null) return files.remove(file) != null;
        if (old != null && old.text().equals(text)) {
            files.put(file, new FileState(old.text(), old.lastGood(), old.error(), stat));
            return false;
        }
        FileState now = read(file, text, old, stat);
        files.put(file, now);
        return !now.sameContribution(old);
    }

    private void publish() {
        Inputs.Builder b = Inputs.builder();
        for (FileState s : files.values()) {
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

    private FileState read(Path file, String text, FileState old, Stat stat) {
        String name = file.getFileName().toString();
        try {
            Manifests.Parsed parsed = Manifests.parse(text);
            for (String skipped : parsed.skipped()) LOG.log(System.Logger.Level.DEBUG, name + ": ignoring document " + skipped);
            return new FileState(text, parsed, null, stat);
        } catch (Manifests.SyntaxError e) {
            Problem p = Problem.error("file", name, e.line() > 0 ? "line " + e.line() : "", e.getMessage()
                    + (old != null && old.lastGood() != null ? "; keeping its last good content" : ""));
            LOG.log(System.Logger.Level.WARNING, p.toString());
            return new FileState(text, old == null ? null : old.lastGood(), p, stat);
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
