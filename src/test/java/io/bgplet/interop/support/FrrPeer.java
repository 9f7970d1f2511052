package io.bgplet.interop.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;

/**
 * FRR 8.4 (zebra + bgpd from /usr/lib/frr/) in a namespace, configured from a
 * {@link PeerSpec} and queried through {@code vtysh ... json}.
 *
 * <p>Per lab-notes: both daemons run as user frr (root is refused) with every path of
 * their own in a short state directory under /tmp owned by frr; bgpd runs with -n so
 * routes stay out of the namespace's kernel table unless {@link #kernelRoutes(boolean)}.
 * The 4-octet AS capability cannot be turned off.
 */
public final class FrrPeer implements PeerDaemon {
    private final Netns ns;
    private final PeerSpec spec;
    private final Path logDir;
    private final String name;
    private Path state;
    private boolean installRoutes;
    private final List<String> routerBgpLines = new ArrayList<>();
    private Daemon zebra;
    private Daemon bgpd;

    /** {@code name} labels files and processes ("frr", "router"). */
    public FrrPeer(Netns ns, PeerSpec spec, Path logDir, String name) {
        this.ns = ns;
        this.spec = spec;
        this.logDir = logDir;
        this.name = name;
    }

    public FrrPeer(Netns ns, PeerSpec spec, Path logDir) {
        this(ns, spec, logDir, "frr");
    }

    /** Let bgpd install its best routes into the namespace's kernel table (off by default). */
    public FrrPeer kernelRoutes(boolean on) {
        this.installRoutes = on;
        return this;
    }

    /**
     * Extra lines for the {@code router bgp} block, before the neighbours: e.g.
     * "no bgp fast-external-failover" (so a link-down test measures the hold timer, not
     * FRR's interface tracking), "bgp graceful-restart preserve-fw-state".
     */
    public FrrPeer routerBgpLines(String... lines) {
        routerBgpLines.addAll(List.of(lines));
        return this;
    }

    @Override
    public void start() {
        try {
            // Unix socket paths must stay under 108 bytes, so state lives in /tmp, logs in logDir.
            state = Files.createTempDirectory("bgpl-" + Interop.runId() + "-" + name + "-");
            Path bgpdConf = state.resolve("bgpd.conf");
            Path zebraConf = state.resolve("zebra.conf");
            // Routes are added over vtysh once bgpd is up: network statements read from the
            // file are announced only ~5 s after start, ones added at run time at once.
            String conf = FrrConfig.render(withoutRoutes(spec), name, routerBgpLines);
            Files.writeString(bgpdConf, conf);
            Files.writeString(zebraConf, "hostname " + name + "\nlog stdout informational\n");
            Files.writeString(logDir.resolve(name + "-bgpd.conf"), conf);
            Exec.check(List.of("chown", "-R", "frr:frr", state.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write FRR config", e);
        }
        String dir = state.toString();
        String zserv = state.resolve("zserv.api").toString();
        zebra = ns.start(name + "-zebra", List.of("/usr/lib/frr/zebra", "-f", dir + "/zebra.conf", "-i", dir + "/zebra.pid",
                "-z", zserv, "--vty_socket", dir, "-u", "frr", "-g", "frr"), logDir.resolve(name + "-zebra.log"));
        Awaitility.await(name + " zebra socket").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.exists(state.resolve("zserv.api")) || !zebra.isAlive());
        List<String> cmd = new ArrayList<>(List.of("/usr/lib/frr/bgpd", "-f", dir + "/bgpd.conf", "-i", dir + "/bgpd.pid",
                "-z", zserv, "--vty_socket", dir, "-u", "frr", "-g", "frr"));
        if (!installRoutes) cmd.add("-n");
        if (spec.listenAddress() != null) cmd.addAll(List.of("-l", spec.listenAddress()));
        cmd.addAll(List.of("-p", Integer.toString(spec.listenPort())));
        bgpd = ns.start(name + "-bgpd", cmd, logDir.resolve(name + "-bgpd.log"));
        Awaitility.await(name + " bgpd answering vtysh").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!bgpd.isAlive() || !zebra.isAlive()) throw new IllegalStateException(name + " died at start:\n" + log());
                    return Exec.run(vtyshCommand(List.of("show bgp summary json"))).ok();
                });
        for (RouteSpec r : spec.routes()) addNetwork(r);
    }

    /** Runs vtysh commands in order (e.g. "conf t", "router bgp 65001", "network ..."); returns stdout. */
    public String vtysh(String... commands) {
        Exec r = Exec.run(vtyshCommand(List.of(commands)));
        if (!r.ok()) throw new IllegalStateException("vtysh " + List.of(commands) + " failed: " + r.stdout() + r.stderr());
        return r.stdout();
    }

    /** A show command ending in "json", parsed. */
    public JsonNode json(String showCommand) {
        return Json.parse(vtysh(showCommand), "vtysh " + showCommand);
    }

    /** The neighbour's FSM state as FRR names it ("Established", "Active", "Idle", ...). */
    public String neighborState(String neighbor) {
        JsonNode n = json("show bgp neighbors " + neighbor + " json").path(neighbor);
        return n.path("bgpState").asText("unknown");
    }

    @Override
    public boolean isEstablished(String neighbor) {
        return "Established".equals(neighborState(neighbor));
    }

    /** Prefixes accepted from the neighbour for "ipv4" or "ipv6" unicast. */
    public long receivedPrefixes(String neighbor, String family) {
        return afInfo(neighbor, family).path("acceptedPrefixCounter").asLong(0);
    }

    /** Prefixes advertised to the neighbour. */
    public long advertisedPrefixes(String neighbor, String family) {
        return afInfo(neighbor, family).path("sentPrefixCounter").asLong(0);
    }

    /** The whole {@code show bgp neighbors X json} object for that neighbour. */
    public JsonNode neighbor(String neighbor) {
        return json("show bgp neighbors " + neighbor + " json").path(neighbor);
    }

    @Override
    public List<Route> routes(String family) {
        JsonNode table = json("show bgp " + family + " unicast json").path("routes");
        List<Route> out = new ArrayList<>();
        for (Iterator<String> it = table.fieldNames(); it.hasNext(); ) {
            String prefix = it.next();
            out.addAll(paths(prefix));
        }
        return out;
    }

    /** The best path (or the first) for a prefix, with every attribute FRR shows. */
    @Override
    public java.util.Optional<Route> route(String prefix) {
        List<Route> ps = paths(prefix);
        return ps.stream().filter(Route::best).findFirst().or(() -> ps.stream().findFirst());
    }

    /** Every path FRR holds for the prefix. */
    public List<Route> paths(String prefix) {
        String family = prefix.contains(":") ? "ipv6" : "ipv4";
        JsonNode detail = json("show bgp " + family + " unicast " + prefix + " json");
        List<Route> out = new ArrayList<>();
        String actual = detail.path("prefix").asText(prefix);
        if (!actual.equals(prefix)) return out; // FRR answers the longest match; we want the exact prefix
        for (JsonNode p : detail.path("paths")) out.add(toRoute(prefix, p));
        return out;
    }

    /** Announces a prefix at run time (network statement + its route-map). */
    public void addNetwork(RouteSpec r) {
        List<String> cmds = new ArrayList<>(List.of("configure terminal"));
        for (String line : FrrConfig.routeMap(r).split("\n")) if (!line.equals("!")) cmds.add(line.trim());
        cmds.add("exit");
        cmds.addAll(List.of("router bgp " + spec.localAs(), "address-family " + (r.isIpv6() ? "ipv6" : "ipv4") + " unicast",
                "network " + r.prefix() + " route-map " + FrrConfig.routeMapName(r)));
        vtysh(cmds.toArray(String[]::new));
    }

    public void removeNetwork(String prefix) {
        vtysh("configure terminal", "router bgp " + spec.localAs(),
                "address-family " + (prefix.contains(":") ? "ipv6" : "ipv4") + " unicast", "no network " + prefix);
    }

    /** {@code clear bgp NEIGHBOR soft in|out} (route refresh / re-advertise). */
    public void clearSoft(String neighbor, boolean in) {
        vtysh("clear bgp " + neighbor + " soft " + (in ? "in" : "out"));
    }

    /** Hard reset of the session. */
    public void clearHard(String neighbor) {
        vtysh("clear bgp " + neighbor);
    }

    public Netns ns() {
        return ns;
    }

    public PeerSpec spec() {
        return spec;
    }

    /** The bgpd process (e.g. to kill -9 it for a graceful-restart test). */
    public Daemon bgpd() {
        return bgpd;
    }

    public Daemon zebra() {
        return zebra;
    }

    @Override
    public String log() {
        return (zebra == null ? "" : zebra.logText()) + (bgpd == null ? "" : bgpd.logText());
    }

    @Override
    public void stop() {
        if (bgpd != null) bgpd.stop();
        if (zebra != null) zebra.stop();
        if (state != null) Exec.run(List.of("rm", "-rf", state.toString()));
    }

    private static PeerSpec withoutRoutes(PeerSpec s) {
        return new PeerSpec(s.localAs(), s.routerId(), s.listenAddress(), s.listenPort(), s.neighbors(), List.of());
    }

    private List<String> vtyshCommand(List<String> commands) {
        List<String> cmd = new ArrayList<>(List.of("vtysh", "--vty_socket", state.toString()));
        for (String c : commands) cmd.addAll(List.of("-c", c));
        return cmd;
    }

    private JsonNode afInfo(String neighbor, String family) {
        return neighbor(neighbor).path("addressFamilyInfo").path(family + "Unicast");
    }

    static Route toRoute(String prefix, JsonNode p) {
        List<Long> asPath = new ArrayList<>();
        for (JsonNode seg : p.path("aspath").path("segments")) for (JsonNode as : seg.path("list")) asPath.add(as.asLong());
        String nextHop = null;
        for (JsonNode nh : p.path("nexthops")) {
            if (nextHop == null || "global".equals(nh.path("scope").asText())) nextHop = nh.path("ip").asText(null);
            if (nextHop != null && !nextHop.startsWith("fe80")) break;
        }
        return new Route(prefix, asPath, nextHop, Json.longOrNull(p.get("metric")), Json.longOrNull(p.get("locPrf")),
                Json.texts(p.path("community").path("list")), Json.texts(p.path("largeCommunity").path("list")),
                p.path("stale").asBoolean(false), p.path("bestpath").path("overall").asBoolean(false), List.of());
    }
}
