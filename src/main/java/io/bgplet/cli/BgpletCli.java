package io.bgplet.cli;

import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.File;
import java.io.PrintWriter;
import java.util.Map;

/**
 * {@code bgplet <command>}: the client side of GoBGP's API, formatted like cilium's BGP
 * commands. Global options match gobgp's defaults (127.0.0.1:50051, plaintext).
 */
@Command(name = "bgplet", mixinStandardHelpOptions = true, version = "bgplet client",
        description = "Client for a running bgplet agent (GoBGP 3.10 gRPC API).",
        subcommands = {PeersCommand.class, RoutesCommand.class, RibCommand.class, WatchCommand.class, ExplainCommand.class})
public final class BgpletCli {
    /** Output formats of peers and routes; json and yaml follow cilium's kebab-case models. */
    enum Format { table, json, yaml }

    @Option(names = {"-u", "--address"}, scope = ScopeType.INHERIT, defaultValue = "127.0.0.1",
            description = "Agent API address (default: ${DEFAULT-VALUE}).")
    String address;

    @Option(names = {"-p", "--port"}, scope = ScopeType.INHERIT, defaultValue = "50051",
            description = "Agent API port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--tls", scope = ScopeType.INHERIT, description = "Use TLS (default: plaintext h2c like gobgp).")
    boolean tls;

    @Option(names = "--tls-ca", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "PEM file of CA certificates trusted for --tls (implies --tls; default: the JDK's CAs).")
    File tlsCa;

    @Option(names = "--tls-cert", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "PEM client certificate chain for agents that require one (implies --tls; needs --tls-key).")
    File tlsCert;

    @Option(names = "--tls-key", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "PEM (PKCS#8) private key of --tls-cert.")
    File tlsKey;

    @Option(names = "--tls-server-name", scope = ScopeType.INHERIT, paramLabel = "NAME",
            description = "Name to check the agent's certificate against instead of --address (implies --tls).")
    String tlsServerName;

    @Option(names = {"-o", "--output"}, scope = ScopeType.INHERIT, defaultValue = "table",
            description = "Output format of peers and routes: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format output;

    final Map<String, String> env;

    BgpletCli(Map<String, String> env) {
        this.env = env;
    }

    Connection connect() {
        return Connection.open(address, port, new Connection.Tls(tls, tlsCa, tlsCert, tlsKey, tlsServerName));
    }

    /** Node name for the Node column: NODE_NAME (set by the DaemonSet), else the agent's router id. */
    String nodeName(String routerId) {
        String n = env.get("NODE_NAME");
        return n == null || n.isBlank() ? routerId : n;
    }

    /** Runs one command line; returns the process exit code (0 ok, 1 any error). Starts no server. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        CommandLine cl = new CommandLine(new BgpletCli(env));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, a) -> {
            err.println("bgplet: " + e.getMessage());
            err.println("See 'bgplet --help'.");
            err.flush();
            return 1;
        });
        cl.setExecutionExceptionHandler((e, c, r) -> {
            err.println("bgplet: " + (e instanceof CliException ? e.getMessage() : String.valueOf(e)));
            err.flush();
            return 1;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static int run(String... args) {
        // A short-lived client gains nothing from Netty's Unsafe buffers (JDK 25 warns on stderr
        // when they load) or its epoll transport (a native library to extract and load).
        if (System.getProperty("io.netty.noUnsafe") == null) System.setProperty("io.netty.noUnsafe", "true");
        if (System.getProperty("io.netty.transport.noNative") == null) System.setProperty("io.netty.transport.noNative", "true");
        // On a plain class path (bin/bgplet) Netty would pick SLF4J, whose JBoss binding needs
        // Quarkus' log manager and complains on stderr: the JDK's logging is enough for a client.
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
        return run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.getenv());
    }

    public static void main(String... args) {
        System.exit(run(args));
    }
}
