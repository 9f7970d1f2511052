package io.bgplet.interop.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A network namespace this test created ({@code bgpl-<run id>-<tag>}), or the root
 * namespace where the JVM (and so bgplet's speaker) lives. close() stops the processes
 * started through it, kills by PID anything else still inside it (it is ours: the name is
 * unique to this run) and deletes it, which also deletes its veth ends.
 */
public final class Netns implements AutoCloseable {
    private static final Netns ROOT = new Netns(null, null);
    private static final java.util.Set<String> LIVE = new java.util.HashSet<>();

    private final String name;
    private final Runnable unregister;
    private final List<Daemon> daemons = new ArrayList<>();
    private boolean closed;

    private Netns(String name, Runnable unregister) {
        this.name = name;
        this.unregister = unregister;
    }

    /** The root namespace: commands run directly; close() does nothing. */
    public static Netns root() {
        return ROOT;
    }

    /** Creates {@code bgpl-<run id>-<tag>} with lo up. Tag: a few letters/digits. */
    public static Netns create(String tag) {
        if (!tag.matches("[a-z0-9]{1,12}")) throw new IllegalArgumentException("tag must be [a-z0-9]{1,12}: " + tag);
        String name;
        synchronized (LIVE) {
            // Unique within the JVM too: a second live "a" becomes "a2".
            String candidate = "bgpl-" + Interop.runId() + "-" + tag;
            for (int i = 2; LIVE.contains(candidate); i++) candidate = "bgpl-" + Interop.runId() + "-" + tag + i;
            name = candidate;
            LIVE.add(name);
        }
        Exec.check(List.of("ip", "netns", "add", name));
        Runnable unregister = Sweep.register("namespace " + name, () -> destroy(name));
        Netns ns = new Netns(name, unregister);
        ns.exec("ip", "link", "set", "lo", "up");
        return ns;
    }

    public boolean isRoot() {
        return name == null;
    }

    /** The namespace's name, or null for the root namespace. */
    public String name() {
        return name;
    }

    /** The command prefixed with {@code ip netns exec NAME} (nothing for root). */
    public List<String> wrap(List<String> command) {
        if (isRoot()) return List.copyOf(command);
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", name));
        full.addAll(command);
        return full;
    }

    /** Runs a short command inside; throws if it fails; returns stdout. */
    public String exec(String... command) {
        return Exec.check(wrap(List.of(command))).stdout();
    }

    /** Runs a short command inside and returns the whole result, failing or not. */
    public Exec run(String... command) {
        return Exec.run(wrap(List.of(command)));
    }

    /** Starts a long-running foreground process inside; it is stopped by close() if not before. */
    public Daemon start(String processName, List<String> command, Map<String, String> env, Path log) {
        Daemon d = Daemon.start(processName, wrap(command), env, log);
        synchronized (daemons) {
            daemons.add(d);
        }
        return d;
    }

    public Daemon start(String processName, List<String> command, Path log) {
        return start(processName, command, Map.of(), log);
    }

    public void sysctl(String key, String value) {
        exec("sysctl", "-q", "-w", key + "=" + value);
    }

    /** Turns IPv4 and IPv6 forwarding on (a router namespace). */
    public void ipForward(boolean on) {
        String v = on ? "1" : "0";
        sysctl("net.ipv4.ip_forward", v);
        sysctl("net.ipv6.conf.all.forwarding", v);
    }

    /** {@code ip route replace DEST via GATEWAY} (IPv4 or IPv6 by the address). */
    public void route(String destination, String gateway) {
        exec("ip", ipFamily(destination), "route", "replace", destination, "via", gateway);
    }

    public void deleteRoute(String destination) {
        exec("ip", ipFamily(destination), "route", "del", destination);
    }

    public void linkDown(String ifname) {
        exec("ip", "link", "set", ifname, "down");
    }

    public void linkUp(String ifname) {
        exec("ip", "link", "set", ifname, "up");
    }

    /** PIDs of every process inside (empty for root: we never list the root namespace). */
    public List<Long> pids() {
        if (isRoot()) return List.of();
        return pidsOf(name);
    }

    @Override
    public void close() {
        if (isRoot() || closed) return;
        closed = true;
        List<Daemon> copy;
        synchronized (daemons) {
            copy = List.copyOf(daemons);
        }
        for (Daemon d : copy.reversed()) d.stop();
        destroy(name);
        unregister.run();
        synchronized (LIVE) {
            LIVE.remove(name);
        }
    }

    @Override
    public String toString() {
        return isRoot() ? "root namespace" : name;
    }

    static String ipFamily(String address) {
        return address.contains(":") ? "-6" : "-4";
    }

    private static List<Long> pidsOf(String name) {
        Exec r = Exec.run(List.of("ip", "netns", "pids", name));
        List<Long> pids = new ArrayList<>();
        if (!r.ok()) return pids;
        for (String line : r.stdout().split("\\s+")) {
            if (!line.isBlank()) pids.add(Long.parseLong(line.trim()));
        }
        return pids;
    }

    /** Kills what is left inside (our own processes: the name is this run's) and deletes the namespace. */
    private static void destroy(String name) {
        for (long pid : pidsOf(name)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
        for (long pid : pidsOf(name)) {
            ProcessHandle.of(pid).ifPresent(h -> h.onExit().orTimeout(5, java.util.concurrent.TimeUnit.SECONDS).exceptionally(t -> h).join());
        }
        Exec.run(List.of("ip", "netns", "delete", name));
    }
}
