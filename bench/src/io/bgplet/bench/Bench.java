package io.bgplet.bench;

import io.bgplet.interop.support.Link;
import io.bgplet.interop.support.Netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The orchestrator (run from bench/run.sh, as root): for each run and each DUT in turn
 * (alternating), builds generator ns - DUT ns - sink ns joined by veth pairs on
 * 198.18.0.0/15, starts the sink, the DUT (CPU 1) and the generator (CPU 0, table encoded
 * before the clock), sends GO and measures until the sink (or, for ingest, the DUT) holds
 * every prefix. Prints one line per run and a table of medians with ratios to BIRD.
 */
public final class Bench {
    static final int TOOLS_CPU = 0;

    record Options(String scenario, int prefixes, int prefixes6, int runs, List<String> duts, int peers, int churn, Path out) {}

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String scenario = a.get("scenario", "transit");
        if (scenario.equals("api") || scenario.equals("k8s")) {
            Path out = Path.of(a.get("out", "bench/target"));
            if (scenario.equals("api")) ApiBench.main(a, out);
            else K8sBench.main(a, out);
            System.exit(0);
        }
        int prefixes = a.integer("prefixes", 50_000);
        Options o = new Options(scenario, prefixes, a.integer("prefixes6", 0), a.integer("runs", 3),
                List.of(a.get("duts", "none,bgplet,bird,frr,gobgp").split(",")), scenario.equals("peers") ? a.integer("peers", 50) : 1,
                scenario.equals("churn") ? a.integer("churn", 10_000) : 0, Path.of(a.get("out", "bench/target")));
        int gobgpRuns = a.integer("gobgp-runs", prefixes > 200_000 ? 1 : o.runs());
        Files.createDirectories(o.out());
        Path csv = o.out().resolve("results.csv");
        if (!Files.exists(csv)) Files.writeString(csv, Result.CSV_HEADER + "\n");
        System.out.printf("scenario %s, %d IPv4 + %d IPv6 prefixes, %d peer(s), churn %d, runs %d, DUTs %s; bgplet JVM: %s%n",
                scenario, prefixes, o.prefixes6(), o.peers(), o.churn(), o.runs(), o.duts(), String.join(" ", BgpletProcess.jvmOptions()));
        List<Result> results = new ArrayList<>();
        for (int run = 1; run <= o.runs(); run++) {
            for (String dut : o.duts()) {
                if (dut.equals("gobgp") && run > gobgpRuns) continue;
                if (dut.equals("none") && scenario.equals("ingest")) continue;
                long began = System.nanoTime();
                System.out.println("load average before " + dut + " run " + run + ": " + Files.readString(Path.of("/proc/loadavg")).strip());
                Result r;
                try {
                    r = new Run(o, dut, run).execute();
                } catch (RuntimeException e) {
                    System.out.println("FAILED " + dut + " run " + run + ": " + e.getMessage());
                    r = Result.failed(scenario, dut, run, o.prefixes(), e.getMessage());
                }
                r = r.withHarnessSeconds((System.nanoTime() - began) / 1e9);
                results.add(r);
                System.out.println(r.line());
                Files.writeString(csv, r.csv() + "\n", StandardOpenOption.APPEND);
            }
        }
        String table = Result.table(results);
        System.out.println();
        System.out.println(table);
        Files.writeString(o.out().resolve("table-" + scenario + "-" + prefixes + "-" + Instant.now().toString().replace(':', '-') + ".md"), table);
        System.exit(0);
    }

    /** The JDK running this harness (Temurin 25): the same java runs the generator, sink and bgplet. */
    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** One measured run: fresh namespaces, fresh processes, everything stopped at the end. */
    private record Run(Options o, String dutName, int run) {
        Result execute() throws IOException {
            boolean noDut = dutName.equals("none");
            boolean ingest = o.scenario().equals("ingest");
            Path logs = o.out().resolve("logs").resolve(o.scenario() + "-" + o.prefixes() + "-" + dutName + "-" + run);
            Files.createDirectories(logs);
            List<AutoCloseable> closers = new ArrayList<>();
            Dut dut = null;
            try {
                Netns gen = own(closers, Netns.create("gen"));
                Netns sinkNs = ingest ? null : own(closers, Netns.create("sink"));
                Netns dutNs = noDut ? null : own(closers, Netns.create("dut"));
                List<String> gens = new ArrayList<>();
                List<String> gens6 = new ArrayList<>();
                String dutAddress = "198.18.1.1";
                Link toGen = own(closers, Link.veth(gen, Link.ifname("g"), noDut ? sinkNs : dutNs, Link.ifname("dg")));
                toGen.b().address("198.18.1.1/24");
                if (o.prefixes6() > 0) toGen.b().address("2001:db8:1::1/64");
                for (int p = 0; p < o.peers(); p++) {
                    String g = o.peers() == 1 ? "198.18.1.2" : "198.18.1." + (10 + p);
                    toGen.a().address(g + "/24");
                    gens.add(g);
                    if (o.prefixes6() > 0) {
                        toGen.a().address("2001:db8:1::" + Integer.toHexString(10 + p) + "/64");
                        gens6.add("2001:db8:1::" + Integer.toHexString(10 + p));
                    }
                }
                String sinkAddress = noDut ? dutAddress : "198.18.2.2";
                if (!noDut && !ingest) {
                    Link toSink = own(closers, Link.veth(dutNs, Link.ifname("ds"), sinkNs, Link.ifname("s")));
                    toSink.a().address("198.18.2.1/24");
                    toSink.b().address("198.18.2.2/24");
                    if (o.prefixes6() > 0) {
                        toSink.a().address("2001:db8:2::1/64");
                        toSink.b().address("2001:db8:2::2/64");
                    }
                }
                long total = o.prefixes() + (long) o.prefixes6();
                Child sink = null;
                if (!ingest) {
                    sink = own(closers, Child.start(sinkNs, "sink", TOOLS_CPU, List.of(java(), "-Xms512m", "-Xmx1g", "-XX:+UseParallelGC",
                            "-cp", System.getProperty("bench.classpath"), Sink.class.getName(), "--listen", sinkAddress,
                            "--prefixes", Long.toString(total)), logs));
                    sink.await("LISTENING", Duration.ofSeconds(60));
                }
                if (!noDut) {
                    dut = own(closers, Dut.of(dutName));
                    dut.start(dutNs, new Dut.Plan(dutAddress, gens, ingest ? null : sinkAddress, o.prefixes(), o.prefixes6() > 0, logs));
                }
                List<String> genCmd = new ArrayList<>(List.of(java(), "-Xms1g", "-Xmx2g", "-XX:+UseParallelGC", "-cp", System.getProperty("bench.classpath"),
                        Generator.class.getName(), "--remote", dutAddress, "--locals", String.join(",", gens),
                        "--prefixes", Integer.toString(o.prefixes()), "--prefixes6", Integer.toString(o.prefixes6()), "--churn", Integer.toString(o.churn())));
                if (!gens6.isEmpty()) genCmd.addAll(List.of("--locals6", String.join(",", gens6)));
                Child generator = own(closers, Child.start(gen, "generator", TOOLS_CPU, genCmd, logs));
                String built = generator.await("BUILT", Duration.ofMinutes(5));
                generator.await("READY", Duration.ofSeconds(120));
                if (sink != null) sink.await("ESTABLISHED", Duration.ofSeconds(60));
                BirdDut.sleep(1000); // let the DUT finish session start-up work
                List<Long> pids = dut == null ? List.of() : dut.pids();
                double cpu0 = cpu(pids);
                if (sink != null) sink.send("EXPECT " + total + " 0");
                generator.send("GO");
                long t0 = generator.awaitTime("START", Duration.ofSeconds(30));
                Duration limit = Duration.ofMinutes(20);
                long t1 = ingest ? dut.awaitIngest(o.prefixes(), limit) : sink.awaitTime("DONE", limit);
                long tSent = generator.awaitTime("SENT", limit);
                double cpu1 = cpu(pids);
                double churnSeconds = Double.NaN, churnCpu = Double.NaN;
                if (o.churn() > 0) {
                    BirdDut.sleep(1000);
                    double c0 = cpu(pids);
                    sink.send("EXPECT " + total + " " + o.churn());
                    generator.send("CHURN");
                    long c1 = generator.awaitTime("CHURNSTART", Duration.ofSeconds(30));
                    long c2 = sink.awaitTime("DONE", limit);
                    churnSeconds = (c2 - c1) / 1e9;
                    churnCpu = cpu(pids) - c0;
                }
                double rss = 0;
                for (long pid : pids) rss += Proc.peakRssMb(pid);
                return new Result(o.scenario(), dutName, run, total, (t1 - t0) / 1e9, (tSent - t0) / 1e9, cpu1 - cpu0, rss,
                        churnSeconds, churnCpu, built.substring(6), 0, null);
            } finally {
                // The DUT goes first: closing the generator first would make it withdraw the whole
                // table, work that is not measured but would fill a JFR profile.
                closers.stream().filter(c -> c instanceof Dut).findFirst().ifPresent(closers::remove);
                if (dut != null) closers.add(dut);
                for (AutoCloseable c : closers.reversed()) {
                    try {
                        c.close();
                    } catch (Exception e) {
                        System.out.println("cleanup: " + e);
                    }
                }
            }
        }

        private static <T extends AutoCloseable> T own(List<AutoCloseable> closers, T c) {
            closers.add(c);
            return c;
        }

        private static double cpu(List<Long> pids) {
            double s = 0;
            for (long pid : pids) s += Proc.cpuSeconds(pid);
            return s;
        }
    }
}
