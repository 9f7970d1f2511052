package io.bgplet.cli;

import apipb.Attribute;
import apipb.Gobgp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI end to end against {@link FakeAgent}: golden text and JSON, arguments, errors, exit codes. */
class CliTest {
    private static FakeAgent agent;

    record Result(int code, String out, String err) {}

    @BeforeAll
    static void start() throws IOException {
        agent = new FakeAgent();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        agent.close();
    }

    static Result cli(String... args) {
        return cliOn(agent.port(), args);
    }

    static Result cliOn(int port, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", Integer.toString(port)));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = BgpletCli.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of("NODE_NAME", "node-a"));
        return new Result(code, out.toString(), err.toString());
    }

    /** Compares with src/test/resources/cli/NAME; -Dcli.golden.update=true rewrites the file (then review the diff). */
    static void golden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/cli", name);
        String normalized = actual.replaceAll("(\"(age|uptime)-nanoseconds\" : )\\d+", "$1N");
        if (Boolean.getBoolean("cli.golden.update")) Files.writeString(file, normalized, StandardCharsets.UTF_8);
        assertThat(normalized).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void peersTable() throws IOException {
        Result r = cli("peers");
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        golden("peers.txt", r.out());
    }

    @Test
    void peersJsonAndYaml() throws IOException {
        Result json = cli("peers", "-o", "json");
        assertThat(json.code()).isZero();
        golden("peers.json", json.out());
        Result yaml = cli("-o", "yaml", "peers");
        assertThat(yaml.code()).isZero();
        assertThat(yaml.out()).contains("node-a:", "peer-address: 192.0.2.1", "session-state: established");
    }

    @Test
    void routesDefaultPrintsTheNote() throws IOException {
        Result r = cli("routes");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith(RouteQuery.DEFAULT_NOTE + "\n\n");
        golden("routes-available.txt", r.out());
        // fully specified: no note, same table
        Result full = cli("routes", "available", "ipv4", "unicast");
        assertThat(full.out()).doesNotContain("Defaulting").isEqualTo(r.out().substring(RouteQuery.DEFAULT_NOTE.length() + 2));
    }

    @Test
    void routesJsonHasNoNote() throws IOException {
        Result r = cli("routes", "-o", "json");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("Defaulting");
        golden("routes-available.json", r.out());
    }

    @Test
    void routesAdvertisedShowsPeerColumnOnlyWithoutPeerFilter() throws IOException {
        Result all = cli("routes", "advertised", "ipv4", "unicast");
        golden("routes-advertised.txt", all.out());
        Result one = cli("routes", "advertised", "ipv4", "unicast", "peer", "192.0.2.1");
        assertThat(one.out().lines().findFirst().orElseThrow()).isEqualTo("Node     VRouter   Prefix            NextHop      Age    Attrs");
    }

    @Test
    void routesIpv6AndPeerFilter() throws IOException {
        Result v6 = cli("routes", "available", "ipv6", "unicast");
        golden("routes-ipv6.txt", v6.out());
        Result filtered = cli("routes", "available", "ipv4", "unicast", "peer", "198.51.100.7");
        assertThat(filtered.out().lines().count()).isEqualTo(2);
        assertThat(filtered.out()).contains("198.51.100.7").doesNotContain("192.0.2.1 ");
    }

    @Test
    void badRouteArgumentsExitOne() {
        Result r = cli("routes", "available", "ipv4", "unicast", "bogus", "x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("bgplet: unknown routes argument 'bogus'");
        Result missing = cli("routes", "peer");
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).startsWith("bgplet: missing value after 'peer'");
        Result unknown = cli("frobnicate");
        assertThat(unknown.code()).isEqualTo(1);
        assertThat(unknown.err()).startsWith("bgplet: ");
    }

    @Test
    void ribAddSendsGobgpShapedPath() {
        int before = agent.added.size();
        Result r = cli("rib", "add", "203.0.113.0/24", "nexthop", "192.0.2.1", "community", "65000:100", "large-community",
                "65000:1:2", "local-pref", "200", "med", "10");
        assertThat(r.code()).as(r.err()).isZero();
        Gobgp.AddPathRequest req = agent.added.get(before);
        assertThat(req.getTableType()).isEqualTo(Gobgp.TableType.GLOBAL);
        Gobgp.Path p = req.getPath();
        assertThat(p.getFamily()).isEqualTo(FakeAgent.v4());
        assertThat(PathText.prefix(p)).isEqualTo("203.0.113.0/24");
        assertThat(PathText.attrs(p)).isEqualTo("[{Origin: ?} {Nexthop: 192.0.2.1} {Communities: 65000:100} "
                + "{LargeCommunity: [ 65000:1:2]} {LocalPref: 200} {Med: 10}]");
        assertThat(p.getPattrs(2).is(Attribute.CommunitiesAttribute.class)).isTrue();
        assertThat(PathText.unpack(p.getPattrs(2), Attribute.CommunitiesAttribute.class).getCommunities(0)).isEqualTo((int) 4259840100L);
    }

    @Test
    void ribAddIpv6UsesMpReachAndDelSendsDeletePath() {
        int before = agent.added.size();
        assertThat(cli("rib", "add", "2001:db8:a::/48", "nexthop", "2001:db8::1").code()).isZero();
        Gobgp.Path p = agent.added.get(before).getPath();
        assertThat(p.getFamily()).isEqualTo(FakeAgent.v6());
        assertThat(PathText.nextHop(p)).isEqualTo("2001:db8::1");
        assertThat(p.getPattrs(1).is(Attribute.MpReachNLRIAttribute.class)).isTrue();
        int deletedBefore = agent.deleted.size();
        assertThat(cli("rib", "del", "203.0.113.0/24").code()).isZero();
        assertThat(PathText.prefix(agent.deleted.get(deletedBefore).getPath())).isEqualTo("203.0.113.0/24");
        assertThat(agent.deleted.get(deletedBefore).getTableType()).isEqualTo(Gobgp.TableType.GLOBAL);
    }

    @Test
    void ribRejectsBadInputWithoutCallingTheServer() {
        int before = agent.added.size();
        assertThat(cli("rib", "add", "203.0.113.0/33").err()).startsWith("bgplet: invalid prefix length");
        assertThat(cli("rib", "add", "203.0.113.0/24", "community", "70000:1").err()).startsWith("bgplet: invalid community");
        assertThat(cli("rib", "add", "203.0.113.0/24", "nexthop", "2001:db8::1").err()).contains("does not match the family");
        assertThat(cli("rib", "add", "203.0.113.0/24", "nexthop", "example.com").code()).isEqualTo(1);
        assertThat(cli("rib", "move", "203.0.113.0/24").err()).startsWith("bgplet: rib: expected 'add' or 'del'");
        assertThat(agent.added).hasSize(before);
    }

    @Test
    void watchPrintsOneLinePerEvent() {
        Result r = cli("watch");
        assertThat(r.code()).isZero();
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ \\[NEIGH\\] 192.0.2.1 fsm: ESTABLISHED admin: UP");
        assertThat(lines.get(1)).endsWith(" [ROUTE] 203.0.113.0/24 via 192.0.2.1 aspath [65001 65010] attrs "
                + "[{Origin: i} {LocalPref: 200} {Communities: 65000:99, no-export}]");
        assertThat(lines.get(2)).endsWith(" [DELROUTE] 198.51.100.0/24 via 0.0.0.0 aspath [] attrs [{Origin: i}]");
    }

    @Test
    void explainNamesTheDecidingStep() throws IOException {
        Result r = cli("explain", "203.0.113.0/24");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow())
                .isEqualTo("203.0.113.0/24: 2 paths, best via 192.0.2.1, decided by local-pref (RFC 4271 9.1.2.1)");
        golden("explain.txt", r.out());
        Result single = cli("explain", "198.51.100.0/24");
        assertThat(single.out()).startsWith("198.51.100.0/24: 1 path, best is the only path");
        Result absent = cli("explain", "192.0.2.0/24");
        assertThat(absent.code()).isEqualTo(1);
        assertThat(absent.err()).isEqualTo("bgplet: network 192.0.2.0/24 not in table\n");
    }

    @Test
    void unreachableAgentFailsFastWithAClearMessage() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // free once closed: nothing listens there
        }
        long start = System.nanoTime();
        Result r = cliOn(port, "peers");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("bgplet: cannot reach bgplet at 127.0.0.1:" + port + "\n");
        assertThat(ms).isLessThan(2000);
    }

    @Test
    void clientCommandsBindNoListeningSocket() throws IOException {
        Set<Long> before = listeningInodesOfThisProcess();
        cli("peers");
        cli("routes");
        cli("watch");
        cliOn(1, "peers");
        Set<Long> after = listeningInodesOfThisProcess();
        after.removeAll(before);
        assertThat(after).as("listening sockets opened by the CLI").isEmpty();
        assertThat(before).as("the fake agent's own socket is seen, so the check can fail").isNotEmpty();
    }

    /** Inodes of LISTEN TCP sockets (state 0A in /proc/net/tcp*) whose descriptors this JVM holds. */
    static Set<Long> listeningInodesOfThisProcess() throws IOException {
        Set<Long> listening = new HashSet<>();
        for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(f)).subList(1, Files.readAllLines(Path.of(f)).size())) {
                String[] c = line.trim().split("\\s+");
                if (c[3].equals("0A")) listening.add(Long.parseLong(c[9]));
            }
        }
        Set<Long> mine = new HashSet<>();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        long inode = Long.parseLong(target.substring(8, target.length() - 1));
                        if (listening.contains(inode)) mine.add(inode);
                    }
                } catch (IOException ignored) {
                    // descriptor closed while listing
                }
            }
        }
        return mine;
    }
}
