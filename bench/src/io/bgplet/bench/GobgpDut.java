package io.bgplet.bench;

import io.bgplet.interop.support.Daemon;
import io.bgplet.interop.support.Exec;
import io.bgplet.interop.support.Netns;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * gobgpd: global export policy rejecting toward the generators (a neighbour condition in an
 * export policy matches the destination peer), default accept; no zebra, so nothing is
 * installed. Its API listens on the DUT namespace's own loopback.
 */
final class GobgpDut implements Dut {
    private Netns ns;
    private Daemon gobgpd;

    @Override
    public String name() {
        return "gobgp";
    }

    static String config(Plan p) {
        StringBuilder c = new StringBuilder("[global.config]\n  as = 64500\n  router-id = \"" + p.routerId() + "\"\n  port = 179\n");
        c.append("[global.apply-policy.config]\n  export-policy-list = [\"not-to-generators\"]\n  default-export-policy = \"accept-route\"\n");
        c.append("[[defined-sets.neighbor-sets]]\n  neighbor-set-name = \"generators\"\n  neighbor-info-list = [");
        c.append(String.join(", ", p.generators().stream().map(g -> "\"" + g + "\"").toList())).append("]\n");
        c.append("[[policy-definitions]]\n  name = \"not-to-generators\"\n  [[policy-definitions.statements]]\n    name = \"reject\"\n");
        c.append("    [policy-definitions.statements.conditions.match-neighbor-set]\n      neighbor-set = \"generators\"\n");
        c.append("    [policy-definitions.statements.actions]\n      route-disposition = \"reject-route\"\n");
        for (String g : p.generators()) c.append(neighbor(g, 64501, true, p.ipv6()));
        if (p.sink() != null) c.append(neighbor(p.sink(), 64502, false, p.ipv6()));
        return c.toString();
    }

    private static String neighbor(String address, long as, boolean passive, boolean v6) {
        StringBuilder c = new StringBuilder("\n[[neighbors]]\n  [neighbors.config]\n    neighbor-address = \"" + address + "\"\n    peer-as = " + as + "\n");
        c.append("  [neighbors.transport.config]\n    passive-mode = ").append(passive).append('\n');
        c.append("  [neighbors.timers.config]\n    connect-retry = 1\n    hold-time = 240\n    keepalive-interval = 80\n");
        for (String f : v6 ? List.of("ipv4", "ipv6") : List.of("ipv4")) {
            c.append("  [[neighbors.afi-safis]]\n    [neighbors.afi-safis.config]\n      afi-safi-name = \"").append(f).append("-unicast\"\n");
        }
        return c.toString();
    }

    @Override
    public void start(Netns ns, Plan p) {
        this.ns = ns;
        try {
            Files.writeString(p.logDir().resolve("gobgpd.toml"), config(p));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        gobgpd = ns.start("gobgpd", List.of("taskset", "-c", Integer.toString(CPU), "gobgpd", "-f", p.logDir().resolve("gobgpd.toml").toString(),
                "--api-hosts", "127.0.0.1:50051", "-l", "warn"), p.logDir().resolve("gobgpd.log"));
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!ns.run("gobgp", "-u", "127.0.0.1", "-p", "50051", "neighbor").ok()) {
            if (!gobgpd.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("gobgpd did not start: " + gobgpd.logText());
            BirdDut.sleep(100);
        }
    }

    @Override
    public List<Long> pids() {
        return List.of(gobgpd.pid());
    }

    private static final Pattern DEST = Pattern.compile("Destination: (\\d+)");

    @Override
    public long awaitIngest(long n, java.time.Duration timeout) {
        return Dut.poll(() -> {
            Matcher m = DEST.matcher(ns.exec("gobgp", "-u", "127.0.0.1", "-p", "50051", "global", "rib", "summary", "-a", "ipv4"));
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }, n, 500, timeout);
    }

    @Override
    public void close() {
        if (gobgpd != null) gobgpd.stop();
    }
}
