package io.bgplet.interop.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;

/**
 * ExaBGP 4.2 in a namespace with an API process ({@code interop/exabgp_api.py}): tests
 * write commands into a FIFO ({@link #command}, {@link #announce}, {@link #announceRaw},
 * {@link #withdraw}), and every JSON event ExaBGP emits (state changes, OPENs, UPDATEs and
 * NOTIFICATIONs received) is appended to {@code <name>-events.jsonl}, which
 * {@link #events()}, {@link #receivedRoutes} and {@link #isEstablished} read. ExaBGP has no
 * RIB of its own: {@link #routes} is what it received. Generic attributes
 * ({@code 0xTYPE 0xFLAGS 0xVALUE}) forge flags and contents; lengths are always computed.
 */
public final class ExabgpPeer implements PeerDaemon {
    private final Netns ns;
    private final PeerSpec spec;
    private final Path logDir;
    private final String name;
    private Path state;
    private Path fifo;
    private Path events;
    private Daemon exabgp;

    public ExabgpPeer(Netns ns, PeerSpec spec, Path logDir, String name) {
        this.ns = ns;
        this.spec = spec;
        this.logDir = logDir;
        this.name = name;
    }

    public ExabgpPeer(Netns ns, PeerSpec spec, Path logDir) {
        this(ns, spec, logDir, "exabgp");
    }

    @Override
    public void start() {
        try {
            state = Files.createTempDirectory("bgpl-" + Interop.runId() + "-" + name + "-");
            fifo = state.resolve("commands.fifo");
            Exec.check(List.of("mkfifo", fifo.toString()));
            events = logDir.resolve(name + "-events.jsonl");
            Files.writeString(events, "");
            String api = Interop.SYSTEM_PYTHON + " " + script() + " " + fifo + " " + events;
            Files.writeString(state.resolve("exabgp.conf"), ExabgpConfig.render(spec, api));
            Files.writeString(logDir.resolve(name + ".conf"), ExabgpConfig.render(spec, api));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write ExaBGP config", e);
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("exabgp.daemon.user", "root");
        env.put("exabgp.daemon.drop", "false");
        env.put("exabgp.daemon.daemonize", "false");
        env.put("exabgp.log.destination", "stdout");
        env.put("exabgp.api.cli", "false");
        env.put("exabgp.api.respawn", "false");
        boolean listens = spec.neighbors().stream().anyMatch(NeighborSpec::passive);
        if (listens) {
            String bind = spec.listenAddress() != null ? spec.listenAddress() : spec.neighbors().getFirst().localAddress();
            env.put("exabgp.tcp.bind", bind);
            env.put("exabgp.tcp.port", Integer.toString(spec.listenPort()));
        }
        exabgp = ns.start(name, List.of("exabgp", state.resolve("exabgp.conf").toString()), env, logDir.resolve(name + ".log"));
        // Ready when the API process has started: it is what every later command goes through.
        Awaitility.await(name + " API process").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!exabgp.isAlive()) throw new IllegalStateException(name + " died at start:\n" + log());
                    return ns.pids().size() >= 2;
                });
    }

    /** Sends one or more API lines ("announce route ...", "neighbor 198.51.100.1 withdraw route ..."). */
    public void command(String... lines) {
        String text = String.join("\n", lines) + "\n";
        // Opening a FIFO for writing blocks until the API process reads it; bound the wait.
        CompletableFuture<Void> write = CompletableFuture.runAsync(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            write.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // Unblock the writer thread by opening the read side ourselves, then report.
            try (var ignored = Files.newInputStream(fifo)) {
                // nothing: opening was the point
            } catch (IOException ignoredToo) {
                // best effort
            }
            throw new IllegalStateException("ExaBGP API did not take commands " + List.of(lines) + ":\n" + log(), e);
        }
    }

    public void announce(RouteSpec r) {
        command("announce " + ExabgpConfig.route(r, spec.localAs(), List.of()));
    }

    /** Announces with generic attributes, each "0xTYPE 0xFLAGS 0xVALUE" (e.g. "0x63 0xc0 0x01020304"). */
    public void announceRaw(RouteSpec r, String... attributes) {
        command("announce " + ExabgpConfig.route(r, spec.localAs(), List.of(attributes)));
    }

    public void withdraw(String prefix) {
        command("withdraw route " + prefix + " next-hop self");
    }

    /** Every JSON event so far (the API's "done"/"error" acks are skipped). */
    public List<JsonNode> events() {
        List<JsonNode> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(events)) {
                if (line.startsWith("{")) out.add(Json.parse(line, "exabgp event"));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Events of one type: "update", "state", "notification", "open", "keepalive". */
    public List<JsonNode> events(String type) {
        return events().stream().filter(e -> type.equals(e.path("type").asText())).toList();
    }

    /** The neighbour's last reported state ("up", "down", "connected"), "unknown" before any. */
    public String neighborState(String neighbor) {
        String s = "unknown";
        for (JsonNode e : events("state")) {
            if (neighbor.equals(e.path("neighbor").path("address").path("peer").asText())) s = e.path("neighbor").path("state").asText();
        }
        return s;
    }

    @Override
    public boolean isEstablished(String neighbor) {
        return "up".equals(neighborState(neighbor));
    }

    /** Routes received from all neighbours, announcements minus later withdrawals, for "ipv4"/"ipv6". */
    @Override
    public List<Route> routes(String family) {
        return List.copyOf(receivedRoutes(family).values());
    }

    public Map<String, Route> receivedRoutes(String family) {
        String key = family + " unicast";
        Map<String, Route> rib = new LinkedHashMap<>();
        for (JsonNode e : events("update")) {
            JsonNode update = e.path("neighbor").path("message").path("update");
            for (JsonNode w : update.path("withdraw").path(key)) rib.remove(w.path("nlri").asText());
            JsonNode attrs = update.path("attribute");
            JsonNode announce = update.path("announce").path(key);
            for (Iterator<String> it = announce.fieldNames(); it.hasNext(); ) {
                String nextHop = it.next();
                for (JsonNode n : announce.path(nextHop)) {
                    String prefix = n.path("nlri").asText();
                    rib.put(prefix, toRoute(prefix, nextHop, attrs));
                }
            }
        }
        return rib;
    }

    /** NOTIFICATIONs received, as "code/subcode". */
    public List<String> notificationsReceived() {
        return events("notification").stream().map(e -> {
            JsonNode n = e.path("neighbor").path("notification");
            return n.path("code").asInt() + "/" + n.path("subcode").asInt();
        }).toList();
    }

    public Daemon daemon() {
        return exabgp;
    }

    @Override
    public String log() {
        return exabgp == null ? "" : exabgp.logText();
    }

    @Override
    public void stop() {
        if (exabgp != null) exabgp.stop();
        if (state != null) Exec.run(List.of("rm", "-rf", state.toString()));
    }

    private static Route toRoute(String prefix, String nextHop, JsonNode attrs) {
        List<Long> asPath = new ArrayList<>();
        attrs.path("as-path").forEach(a -> asPath.add(a.asLong()));
        List<String> communities = new ArrayList<>();
        attrs.path("community").forEach(c -> communities.add(c.get(0).asLong() + ":" + c.get(1).asLong()));
        List<String> large = new ArrayList<>();
        attrs.path("large-community").forEach(c -> large.add(c.get(0).asLong() + ":" + c.get(1).asLong() + ":" + c.get(2).asLong()));
        return new Route(prefix, asPath, nextHop, Json.longOrNull(attrs.get("med")), Json.longOrNull(attrs.get("local-preference")),
                communities, large, false, true, List.of());
    }

    private static String script() {
        try {
            var url = ExabgpPeer.class.getResource("/interop/exabgp_api.py");
            if (url == null) throw new IllegalStateException("interop/exabgp_api.py not on the test classpath");
            return Path.of(url.toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
