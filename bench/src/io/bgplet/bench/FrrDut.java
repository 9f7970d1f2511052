package io.bgplet.bench;

import io.bgplet.interop.support.Daemon;
import io.bgplet.interop.support.Exec;
import io.bgplet.interop.support.Netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * FRR: zebra plus {@code bgpd -n} (no kernel install), both pinned to the DUT CPU and both
 * counted; generators in one peer-group with an outbound deny-all route-map, the sink with
 * an inbound one; {@code no bgp ebgp-requires-policy}, advertisement-interval 0. Launch as in
 * the interop harness (lab-notes): user frr, state in a short /tmp directory.
 */
final class FrrDut implements Dut {
    private Path state;
    private Daemon zebra;
    private Daemon bgpd;

    @Override
    public String name() {
        return "frr";
    }

    static String config(Plan p) {
        StringBuilder c = new StringBuilder("frr defaults traditional\nhostname dut\nlog stdout warnings\n!\n");
        c.append("route-map NONE deny 10\n!\n");
        c.append("router bgp 64500\n bgp router-id ").append(p.routerId()).append('\n');
        c.append(" no bgp ebgp-requires-policy\n no bgp network import-check\n");
        c.append(" neighbor GEN peer-group\n neighbor GEN remote-as 64501\n neighbor GEN passive\n");
        c.append(" neighbor GEN timers 80 240\n neighbor GEN advertisement-interval 0\n");
        for (String g : p.generators()) c.append(" neighbor ").append(g).append(" peer-group GEN\n");
        if (p.sink() != null) {
            String s = " neighbor " + p.sink() + " ";
            c.append(s).append("remote-as 64502\n").append(s).append("timers 80 240\n").append(s).append("timers connect 1\n")
                    .append(s).append("advertisement-interval 0\n");
        }
        List<String> fams = p.ipv6() ? List.of("ipv4", "ipv6") : List.of("ipv4");
        for (String f : fams) {
            c.append(" address-family ").append(f).append(" unicast\n");
            c.append("  neighbor GEN activate\n  neighbor GEN route-map NONE out\n");
            if (p.sink() != null) {
                c.append("  neighbor ").append(p.sink()).append(" activate\n");
                c.append("  neighbor ").append(p.sink()).append(" route-map NONE in\n");
            }
            c.append(" exit-address-family\n");
        }
        return c.append("!\n").toString();
    }

    @Override
    public void start(Netns ns, Plan p) {
        try {
            state = Files.createTempDirectory("bgpl-bench-frr-");
            Files.writeString(state.resolve("bgpd.conf"), config(p));
            Files.writeString(state.resolve("zebra.conf"), "hostname dut\nlog stdout warnings\n");
            Files.writeString(p.logDir().resolve("bgpd.conf"), config(p));
            Exec.check(List.of("chown", "-R", "frr:frr", state.toString()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        String dir = state.toString();
        String cpu = Integer.toString(CPU);
        String zserv = dir + "/zserv.api";
        zebra = ns.start("zebra", List.of("taskset", "-c", cpu, "/usr/lib/frr/zebra", "-f", dir + "/zebra.conf", "-i", dir + "/zebra.pid",
                "-z", zserv, "--vty_socket", dir, "-u", "frr", "-g", "frr"), p.logDir().resolve("zebra.log"));
        long deadline = System.nanoTime() + 15_000_000_000L;
        while (!Files.exists(Path.of(zserv))) {
            if (!zebra.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("zebra did not start: " + zebra.logText());
            BirdDut.sleep(50);
        }
        bgpd = ns.start("bgpd", List.of("taskset", "-c", cpu, "/usr/lib/frr/bgpd", "-f", dir + "/bgpd.conf", "-i", dir + "/bgpd.pid",
                "-z", zserv, "--vty_socket", dir, "-u", "frr", "-g", "frr", "-n", "-p", "179"), p.logDir().resolve("bgpd.log"));
        while (!Exec.run(vtysh("show bgp summary json")).ok()) {
            if (!bgpd.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("bgpd did not start: " + bgpd.logText());
            BirdDut.sleep(100);
        }
    }

    private List<String> vtysh(String command) {
        return new ArrayList<>(List.of("vtysh", "--vty_socket", state.toString(), "-c", command));
    }

    @Override
    public List<Long> pids() {
        return List.of(bgpd.pid(), zebra.pid());
    }

    private static final Pattern RIB = Pattern.compile("\"ribCount\":\\s*(\\d+)");

    @Override
    public long awaitIngest(long n, java.time.Duration timeout) {
        return Dut.poll(() -> {
            Matcher m = RIB.matcher(Exec.check(vtysh("show bgp ipv4 unicast summary json")).stdout());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }, n, 100, timeout);
    }

    @Override
    public void close() {
        if (bgpd != null) bgpd.stop();
        if (zebra != null) zebra.stop();
        if (state != null) Exec.run(List.of("rm", "-rf", state.toString()));
    }
}
