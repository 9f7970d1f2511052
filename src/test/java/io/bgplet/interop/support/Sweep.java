package io.bgplet.interop.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Last-resort cleanup: everything the harness creates registers an undo action here, and a
 * JVM shutdown hook runs what is still registered (newest first) if a test forgot close()
 * or the run was interrupted. Normal close() unregisters.
 */
final class Sweep {
    private static final Map<Object, Runnable> PENDING = new LinkedHashMap<>();
    private static final Map<Object, String> NAMES = new LinkedHashMap<>();
    private static boolean hooked;

    private Sweep() {
    }

    /** Registers {@code undo}; returns the action that unregisters it. */
    static synchronized Runnable register(String what, Runnable undo) {
        if (!hooked) {
            Orphans.markAndReap();
            Runtime.getRuntime().addShutdownHook(new Thread(Sweep::runAll, "bgplet-interop-sweep"));
            hooked = true;
        }
        Object key = new Object();
        PENDING.put(key, undo);
        NAMES.put(key, what);
        return () -> {
            synchronized (Sweep.class) {
                PENDING.remove(key);
                NAMES.remove(key);
            }
        };
    }

    private static void runAll() {
        runPending();
        Orphans.unmark();
    }

    private static void runPending() {
        List<Map.Entry<Object, Runnable>> todo;
        synchronized (Sweep.class) {
            todo = new ArrayList<>(PENDING.entrySet());
        }
        for (int i = todo.size() - 1; i >= 0; i--) {
            try {
                System.err.println("bgplet interop sweep: cleaning up " + NAMES.get(todo.get(i).getKey()));
                todo.get(i).getValue().run();
            } catch (RuntimeException e) {
                System.err.println("bgplet interop sweep: " + e);
            }
        }
    }
}
