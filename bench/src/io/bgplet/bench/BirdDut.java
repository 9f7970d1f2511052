package io.bgplet.bench;

import io.bgplet.interop.support.Daemon;
import io.bgplet.interop.support.Exec;
import io.bgplet.interop.support.Netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** BIRD 2: one table (master4), one protocol bgp per neighbour, import all / export all, no kernel protocol. */
final class BirdDut implements Dut {
    private Path state;
    private Daemon bird;

    @Override
    public String name() {
        return "bird";
    }

    static String config(Plan p) {
        StringBuilder c = new StringBuilder("router id " + p.routerId() + ";\nlog stderr { warning, error, fatal, bug };\nprotocol device { }\n");
        String channels = p.ipv6() ? "ipv4 { %s }; ipv6 { %s };" : "ipv4 { %s };";
        for (int i = 0; i < p.generators().size(); i++) {
            c.append("protocol bgp g").append(i).append(" {\n  local as 64500;\n  neighbor ").append(p.generators().get(i))
                    .append(" as 64501;\n  passive on;\n  hold time 240; keepalive time 80;\n  ")
                    .append(channels.formatted("import all; export none;", "import all; export none;")).append("\n}\n");
        }
        if (p.sink() != null) {
            c.append("protocol bgp sink {\n  local as 64500;\n  neighbor ").append(p.sink())
                    .append(" as 64502;\n  hold time 240; keepalive time 80; connect delay time 1; connect retry time 1;\n  ")
                    .append(channels.formatted("import none; export all;", "import none; export all; next hop address 2001:db8:2::1;"))
                    .append("\n}\n");
        }
        return c.toString();
    }

    @Override
    public void start(Netns ns, Plan p) {
        try {
            state = Files.createTempDirectory("bgpl-bench-bird-");
            Files.writeString(state.resolve("bird.conf"), config(p));
            Files.writeString(p.logDir().resolve("bird.conf"), config(p));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        bird = ns.start("bird", List.of("taskset", "-c", Integer.toString(CPU), "bird", "-f", "-c", state.resolve("bird.conf").toString(),
                "-s", socket(), "-P", state.resolve("bird.pid").toString()), p.logDir().resolve("bird.log"));
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Exec.run(List.of("birdc", "-s", socket(), "show", "status")).ok()) {
            if (!bird.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("bird did not start: " + bird.logText());
            sleep(50);
        }
    }

    private String socket() {
        return state.resolve("bird.ctl").toString();
    }

    @Override
    public List<Long> pids() {
        return List.of(bird.pid());
    }

    private static final Pattern COUNT = Pattern.compile("(\\d+) of (\\d+) routes");

    @Override
    public long awaitIngest(long n, Duration timeout) {
        return Dut.poll(() -> {
            Matcher m = COUNT.matcher(Exec.check(List.of("birdc", "-s", socket(), "show", "route", "count")).stdout());
            return m.find() ? Long.parseLong(m.group(1)) : -1;
        }, n, 100, timeout);
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (bird != null) bird.stop();
        if (state != null) Exec.run(List.of("rm", "-rf", state.toString()));
    }
}
