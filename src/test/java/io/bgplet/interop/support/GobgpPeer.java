package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;

/**
 * GoBGP 3.10 in a namespace: {@code gobgpd -f CONFIG.toml --api-hosts 127.0.0.1:PORT} (the
 * namespace's own loopback, so the port never clashes) and the {@code gobgp} CLI with
 * {@code -j}. Routes in the spec are added with {@code gobgp global rib add} once the API
 * answers. gobgpd waits a random 5-10 s before its first outgoing connection: make it
 * passive when bgplet (or another daemon) can dial it. 4-octet AS cannot be turned off.
 */
public final class GobgpPeer implements PeerDaemon {
    /** GoBGP's SessionState enum, index = value. */
    private static final List<String> STATES = List.of("UNKNOWN", "IDLE", "CONNECT", "ACTIVE", "OPENSENT", "OPENCONFIRM", "ESTABLISHED");

    private final Netns ns;
    private final PeerSpec spec;
    private final Path logDir;
    private final String name;
    private final int apiPort;
    private Daemon gobgpd;
    private String extraConfig = "";

    public GobgpPeer(Netns ns, PeerSpec spec, Path logDir, String name, int apiPort) {
        this.ns = ns;
        this.spec = spec;
        this.logDir = logDir;
        this.name = name;
        this.apiPort = apiPort;
    }

    public GobgpPeer(Netns ns, PeerSpec spec, Path logDir) {
        this(ns, spec, logDir, "gobgp", 50051);
    }

    /**
     * TOML appended to the rendered config before {@link #start()}, for what {@link PeerSpec}
     * does not model (e.g. {@code [global.apply-policy.config]}).
     */
    public GobgpPeer extraConfig(String toml) {
        this.extraConfig = toml;
        return this;
    }

    @Override
    public void start() {
        Path conf = logDir.resolve(name + ".toml");
        try {
            Files.writeString(conf, GobgpConfig.render(spec) + extraConfig);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write GoBGP config", e);
        }
        gobgpd = ns.start(name, List.of("gobgpd", "-f", conf.toString(), "--api-hosts", "127.0.0.1:" + apiPort),
                logDir.resolve(name + ".log"));
        Awaitility.await(name + " API").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!gobgpd.isAlive()) throw new IllegalStateException(name + " died at start:\n" + log());
                    // The API comes up before the config file's neighbours are loaded.
                    return ns.run(cli("-j", "neighbor").toArray(String[]::new)).ok()
                            && spec.neighbors().stream().allMatch(n -> !neighborState(n.address()).equals("UNKNOWN"));
                });
        for (RouteSpec r : spec.routes()) addRoute(r);
    }

    /** Runs {@code gobgp -u 127.0.0.1 -p PORT ARGS...} inside the namespace; returns stdout. */
    public String gobgp(String... args) {
        return ns.exec(cli(args).toArray(String[]::new));
    }

    /** {@code gobgp -j ARGS...} parsed. */
    public JsonNode json(String... args) {
        List<String> a = new ArrayList<>(List.of("-j"));
        a.addAll(List.of(args));
        return Json.parse(gobgp(a.toArray(String[]::new)), "gobgp " + a);
    }

    /** "ESTABLISHED", "ACTIVE", "IDLE", ...; "UNKNOWN" if GoBGP does not know the neighbour (yet). */
    public String neighborState(String neighbor) {
        Exec r = ns.run(cli("-j", "neighbor", neighbor).toArray(String[]::new));
        if (!r.ok()) return "UNKNOWN";
        int s = Json.parse(r.stdout(), "gobgp neighbor").path("state").path("session_state").asInt(0);
        return s >= 0 && s < STATES.size() ? STATES.get(s) : "UNKNOWN";
    }

    @Override
    public boolean isEstablished(String neighbor) {
        return "ESTABLISHED".equals(neighborState(neighbor));
    }

    /** The whole {@code gobgp -j neighbor X} object (messages, capabilities, timers). */
    public JsonNode neighbor(String neighbor) {
        return json("neighbor", neighbor);
    }

    @Override
    public List<Route> routes(String family) {
        return parseRib(json("global", "rib", "-a", family));
    }

    /** The neighbour's Adj-RIB-In (what it sent, before policy). */
    public List<Route> adjIn(String neighbor, String family) {
        return parseRib(json("neighbor", neighbor, "adj-in", "-a", family));
    }

    /** {@code gobgp global rib add}: originates a route with its attributes. */
    public void addRoute(RouteSpec r) {
        List<String> a = new ArrayList<>(List.of("global", "rib", "add", "-a", r.isIpv6() ? "ipv6" : "ipv4", r.prefix()));
        if (r.nextHop() != null) a.addAll(List.of("nexthop", r.nextHop()));
        if (r.med() != null) a.addAll(List.of("med", r.med().toString()));
        if (!r.communities().isEmpty()) a.addAll(List.of("community", String.join(",", r.communities())));
        if (!r.largeCommunities().isEmpty()) a.addAll(List.of("large-community", String.join(",", r.largeCommunities())));
        if (!r.prepend().isEmpty()) a.addAll(List.of("aspath", String.join(" ", r.prepend().stream().map(String::valueOf).toList())));
        gobgp(a.toArray(String[]::new));
    }

    public void deleteRoute(String prefix) {
        gobgp("global", "rib", "del", "-a", prefix.contains(":") ? "ipv6" : "ipv4", prefix);
    }

    public Daemon daemon() {
        return gobgpd;
    }

    @Override
    public String log() {
        return gobgpd == null ? "" : gobgpd.logText();
    }

    @Override
    public void stop() {
        if (gobgpd != null) gobgpd.stop();
    }

    private List<String> cli(String... args) {
        List<String> c = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p", Integer.toString(apiPort)));
        c.addAll(List.of(args));
        return c;
    }

    /** {"prefix": [path, ...]} with GoBGP's attribute list per path. */
    static List<Route> parseRib(JsonNode rib) {
        List<Route> out = new ArrayList<>();
        for (Iterator<String> it = rib.fieldNames(); it.hasNext(); ) {
            String prefix = it.next();
            for (JsonNode path : rib.path(prefix)) out.add(toRoute(prefix, path));
        }
        return out;
    }

    private static Route toRoute(String prefix, JsonNode path) {
        List<Long> asPath = new ArrayList<>();
        String nextHop = null;
        Long med = null;
        Long localPref = null;
        List<String> communities = new ArrayList<>();
        List<String> large = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (JsonNode a : path.path("attrs")) {
            switch (a.path("type").asInt()) {
                case 2 -> a.path("as_paths").forEach(seg -> seg.path("asns").forEach(as -> asPath.add(as.asLong())));
                case 3 -> nextHop = a.path("nexthop").asText();
                case 4 -> med = a.path("metric").asLong();
                case 5 -> localPref = a.path("value").asLong();
                case 8 -> a.path("communities").forEach(v -> communities.add((v.asLong() >>> 16) + ":" + (v.asLong() & 0xFFFF)));
                case 14 -> nextHop = a.path("nexthop").asText(nextHop);
                case 32 -> a.path("value").forEach(v -> large.add(v.path("ASN").asLong() + ":"
                        + v.path("LocalData1").asLong() + ":" + v.path("LocalData2").asLong()));
                default -> {
                    if (a.has("flags") && a.has("value")) {
                        byte[] raw = Base64.getDecoder().decode(a.path("value").asText());
                        unknown.add(a.path("type").asInt() + "/" + a.path("flags").asInt() + "/" + HexFormat.of().formatHex(raw));
                    }
                }
            }
        }
        return new Route(prefix, asPath, nextHop, med, localPref, communities, large,
                path.path("stale").asBoolean(false), path.path("best").asBoolean(false), unknown);
    }
}
