package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;

/**
 * BIRD 2.0 in a namespace: {@code bird -f -c CONF -s SOCKET -P PIDFILE}, one
 * {@code protocol bgp} per neighbour (named n1, n2, ... in spec order), queried with
 * {@code birdc -s SOCKET}. Routes to originate are blackhole statics with their attributes
 * set in the export filter; add/remove at run time rewrites the config and runs
 * {@code birdc configure}. Stale flags are not reported (always false).
 */
public final class BirdPeer implements PeerDaemon {
    private static final Pattern ROUTE_LINE = Pattern.compile("^(\\S+)?\\s+(\\w+)\\s+\\[(\\S+)\\s[^\\]]*\\]\\s*(\\*)?.*$");

    private final Netns ns;
    private final PeerSpec spec;
    private final Path logDir;
    private final String name;
    private final List<RouteSpec> routes;
    private Path state;
    private Daemon bird;

    public BirdPeer(Netns ns, PeerSpec spec, Path logDir, String name) {
        this.ns = ns;
        this.spec = spec;
        this.logDir = logDir;
        this.name = name;
        this.routes = new ArrayList<>(spec.routes());
    }

    public BirdPeer(Netns ns, PeerSpec spec, Path logDir) {
        this(ns, spec, logDir, "bird");
    }

    @Override
    public void start() {
        try {
            state = Files.createTempDirectory("bgpl-" + Interop.runId() + "-" + name + "-");
            writeConfig();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write BIRD config", e);
        }
        bird = ns.start(name, List.of("bird", "-f", "-c", conf().toString(), "-s", socket(), "-P", state.resolve("bird.pid").toString()),
                logDir.resolve(name + ".log"));
        Awaitility.await(name + " answering birdc").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> {
                    if (!bird.isAlive()) throw new IllegalStateException(name + " died at start:\n" + log());
                    return Exec.run(List.of("birdc", "-s", socket(), "show", "status")).ok();
                });
    }

    /** Runs a birdc command ("show protocols all n1", "disable n1"); returns its output. */
    public String birdc(String... words) {
        List<String> cmd = new ArrayList<>(List.of("birdc", "-s", socket()));
        cmd.addAll(List.of(words));
        return Exec.check(cmd).stdout();
    }

    /** BIRD's protocol name for the neighbour with this address. */
    public String protocolFor(String neighbor) {
        for (int i = 0; i < spec.neighbors().size(); i++) {
            if (spec.neighbors().get(i).address().equals(neighbor)) return BirdConfig.protocolName(i);
        }
        throw new IllegalArgumentException("no neighbour " + neighbor);
    }

    /** "Established", "Active", "Connect", "Idle", ... from {@code show protocols all}. */
    public String neighborState(String neighbor) {
        Matcher m = Pattern.compile("BGP state:\\s+(\\S+)").matcher(birdc("show", "protocols", "all", protocolFor(neighbor)));
        return m.find() ? m.group(1) : "unknown";
    }

    @Override
    public boolean isEstablished(String neighbor) {
        return "Established".equals(neighborState(neighbor));
    }

    /** The full {@code show protocols all} text for the neighbour (capabilities, hold timer, route counts). */
    public String protocolDetails(String neighbor) {
        return birdc("show", "protocols", "all", protocolFor(neighbor));
    }

    /** Routes imported from the neighbour ({@code Routes: N imported}) for its first channel. */
    public long importedRoutes(String neighbor) {
        Matcher m = Pattern.compile("Routes:\\s+(\\d+) imported").matcher(protocolDetails(neighbor));
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Override
    public List<Route> routes(String family) {
        return parseRoutes(birdc("show", "route", "all", "table", family.equals("ipv6") ? "master6" : "master4"));
    }

    /** Originates another route (config rewrite + {@code birdc configure}). */
    public void addRoute(RouteSpec r) {
        routes.add(r);
        reconfigure();
    }

    public void removeRoute(String prefix) {
        routes.removeIf(r -> r.prefix().equals(prefix));
        reconfigure();
    }

    public Daemon daemon() {
        return bird;
    }

    @Override
    public String log() {
        return bird == null ? "" : bird.logText();
    }

    @Override
    public void stop() {
        if (bird != null) bird.stop();
        if (state != null) Exec.run(List.of("rm", "-rf", state.toString()));
    }

    private void reconfigure() {
        try {
            writeConfig();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String out = birdc("configure");
        if (!out.contains("Reconfigured") && !out.contains("Reconfiguration in progress")) {
            throw new IllegalStateException("birdc configure: " + out);
        }
    }

    private void writeConfig() throws IOException {
        String text = BirdConfig.render(spec, routes);
        Files.writeString(conf(), text);
        Files.writeString(logDir.resolve(name + ".conf"), text);
    }

    private Path conf() {
        return state.resolve("bird.conf");
    }

    private String socket() {
        return state.resolve("bird.ctl").toString();
    }

    /** Parses {@code show route all}: a header line per path, then tab-indented attributes. */
    static List<Route> parseRoutes(String text) {
        List<Route> out = new ArrayList<>();
        String prefix = null;
        RouteBuilder current = null;
        for (String line : text.split("\n")) {
            if (line.startsWith("BIRD ") || line.startsWith("Table ") || line.isBlank()) continue;
            if (line.startsWith("\t")) {
                if (current != null) current.attribute(line.trim());
                continue;
            }
            Matcher m = ROUTE_LINE.matcher(line);
            if (!m.matches()) continue;
            if (current != null) out.add(current.build());
            if (m.group(1) != null) prefix = m.group(1);
            current = new RouteBuilder(prefix, m.group(4) != null);
        }
        if (current != null) out.add(current.build());
        return out;
    }

    private static final class RouteBuilder {
        final String prefix;
        final boolean best;
        final List<Long> asPath = new ArrayList<>();
        String nextHop;
        Long med;
        Long localPref;
        final List<String> communities = new ArrayList<>();
        final List<String> large = new ArrayList<>();

        RouteBuilder(String prefix, boolean best) {
            this.prefix = prefix;
            this.best = best;
        }

        void attribute(String line) {
            int colon = line.indexOf(": ");
            if (colon < 0) return;
            String key = line.substring(0, colon);
            String value = line.substring(colon + 2).trim();
            switch (key) {
                case "BGP.as_path" -> {
                    for (String t : value.replaceAll("[{}]", " ").trim().split("\\s+")) if (!t.isEmpty()) asPath.add(Long.parseLong(t));
                }
                case "BGP.next_hop" -> nextHop = value.split("\\s+")[0];
                case "BGP.med" -> med = Long.parseLong(value);
                case "BGP.local_pref" -> localPref = Long.parseLong(value);
                case "BGP.community" -> tuples(value, communities);
                case "BGP.large_community" -> tuples(value, large);
                default -> { }
            }
        }

        /** "(65001,100) (65001,200)" or "(65001, 1, 2)" to "65001:100", "65001:1:2". */
        private static void tuples(String value, List<String> into) {
            Matcher m = Pattern.compile("\\(([^)]*)\\)").matcher(value);
            while (m.find()) into.add(m.group(1).replaceAll("\\s", "").replace(',', ':'));
        }

        Route build() {
            return new Route(prefix, asPath, nextHop, med, localPref, communities, large, false, best, List.of());
        }
    }
}
