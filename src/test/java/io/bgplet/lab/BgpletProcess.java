package io.bgplet.lab;

import io.bgplet.interop.support.Daemon;
import io.bgplet.interop.support.Exec;
import io.bgplet.interop.support.Netns;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The packaged agent ({@code target/quarkus-app/quarkus-run.jar}) running as its own JVM
 * inside a node's namespace, on the directory source, as a DaemonSet pod would run it:
 * NODE_NAME from the environment. Stopped by PID (SIGTERM, then SIGKILL after 5 s).
 */
final class BgpletProcess implements AutoCloseable {
    /** Each node has its own namespace, so one fixed port is free in every one of them. */
    static final int HTTP_PORT = 18080;

    private final Netns ns;
    private final Daemon daemon;

    private BgpletProcess(Netns ns, Daemon daemon) {
        this.ns = ns;
        this.daemon = daemon;
    }

    static Path jar() {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `mvn package -DskipTests` first (failsafe runs after package)");
        }
        return jar;
    }

    static BgpletProcess start(Netns ns, String nodeName, Path manifests, Path logDir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java,
                // Three agents, FRR and the test share two busy cores: keep each JVM small.
                "-Xmx256m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED",
                "-Dbgplet.source=directory",
                "-Dbgplet.directory=" + manifests,
                "-Dbgplet.node-name=" + nodeName,
                "-Dquarkus.http.port=" + HTTP_PORT,
                "-jar", jar().toString());
        Daemon d = ns.start("bgplet-" + nodeName, cmd, Map.of("NODE_NAME", nodeName), logDir.resolve("bgplet-" + nodeName + ".log"));
        return new BgpletProcess(ns, d);
    }

    /** GET on the agent's HTTP port from inside its namespace; "" when it does not answer. */
    String get(String path) {
        Exec r = ns.run("curl", "-s", "--max-time", "5", "http://127.0.0.1:" + HTTP_PORT + path);
        return r.ok() ? r.stdout() : "";
    }

    /** POST with an empty body on the agent's HTTP port from inside its namespace; "" when it does not answer. */
    String post(String path) {
        Exec r = ns.run("curl", "-s", "--max-time", "30", "-X", "POST", "http://127.0.0.1:" + HTTP_PORT + path);
        return r.ok() ? r.stdout() : "";
    }

    /**
     * The bundled CLI from the same jar, run in the agent's namespace as `kubectl exec` into
     * the pod would: NODE_NAME set (the DaemonSet's downward API), dialing 127.0.0.1:50051.
     */
    Exec cli(String nodeName, String... args) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of("env", "NODE_NAME=" + nodeName, java, "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        return ns.run(cmd.toArray(String[]::new));
    }

    Daemon daemon() {
        return daemon;
    }

    @Override
    public void close() {
        daemon.stop();
    }
}
