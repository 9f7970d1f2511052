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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 6 ("k8s"): bgplet with the manifest-directory source ({@link K8sDut}) advertising
 * the LoadBalancer IPs of --services Services to the sink; after the sink holds them all,
 * --changes changes at --rate per second, each moving one Service to a new ingress IP
 * (a withdrawal and an announcement at the sink), written atomically into the folder. Per
 * change: time from the rename to the read at the sink that carried the new prefix, and to
 * the one that carried both the new prefix and the old one's withdrawal ("done"); UPDATEs
 * the sink got during the change phase; whether the session stayed up. The DUT's SNAP lines
 * split the latency into detection (watch event, coalescing, re-reading the folder),
 * DesiredState and apply-to-wire.
 */
final class K8sBench {
    record Run(int run, double[] done, double[] announce, long updates, long events, int snapshots, boolean reset, int lost,
               double detectMs, double computeMs, double applyMs, double wireMs, double initialSeconds, double dutCpu, String failure) {
        String line() {
            if (failure != null) return "bgplet run " + run + " FAILED (" + failure + ")";
            return String.format(Locale.ROOT, "bgplet run %d: done p50 %.1f ms, p99 %.1f ms, max %.1f ms; announce p50 %.1f ms, p99 %.1f ms; "
                            + "%d UPDATEs for %d prefix events, %d snapshots, lost %d, session %s; median split: detect %.1f ms, compute %.1f ms, "
                            + "apply %.1f ms, wire %.1f ms; initial %.2f s; DUT CPU %.2f s",
                    run, pct(done, 50), pct(done, 99), pct(done, 100), pct(announce, 50), pct(announce, 99), updates, events, snapshots, lost,
                    reset ? "RESET" : "up", detectMs, computeMs, applyMs, wireMs, initialSeconds, dutCpu);
        }
    }

    private K8sBench() {}

    static void main(Args a, Path out) throws IOException {
        int services = a.integer("services", 10_000), files = a.integer("files", services), changes = a.integer("changes", 500);
        int rate = a.integer("rate", 100), runs = a.integer("runs", 3);
        System.out.printf("scenario k8s, %d Services in %d file(s), %d changes at %d/s, runs %d; bgplet JVM: %s%n",
                services, files, changes, rate, runs, String.join(" ", BgpletProcess.jvmOptions()));
        List<Run> all = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            System.out.println("load average before run " + run + ": " + Files.readString(Path.of("/proc/loadavg")).strip());
            Run r;
            try {
                r = once(run, services, files, changes, rate, out);
            } catch (RuntimeException e) {
                r = new Run(run, new double[0], new double[0], 0, 0, 0, false, 0, 0, 0, 0, 0, 0, 0, e.getMessage());
            }
            System.out.println(r.line());
            Files.writeString(out.resolve("k8s-results.csv"), Instant.now() + "," + services + "," + files + "," + r.line().replace(',', ';') + "\n",
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            all.add(r);
        }
        String table = table(all, services, files, changes, rate);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("table-k8s-" + services + "-" + Instant.now().toString().replace(':', '-') + ".md"), table);
    }

    private static Run once(int run, int services, int files, int changes, int rate, Path out) throws IOException {
        Path logs = out.resolve("logs").resolve("k8s-" + services + "-" + files + "-" + run);
        Path dir = logs.resolve("manifests");
        if (Files.exists(dir)) try (var s = Files.list(dir)) {
            for (Path p : s.toList()) Files.delete(p);
        }
        Files.createDirectories(dir);
        List<AutoCloseable> closers = new ArrayList<>();
        try {
            Netns dutNs = ApiBench.own(closers, Netns.create("dut"));
            Netns sinkNs = ApiBench.own(closers, Netns.create("sink"));
            Link link = ApiBench.own(closers, Link.veth(dutNs, Link.ifname("ds"), sinkNs, Link.ifname("s")));
            link.a().address("198.18.2.1/24");
            link.b().address("198.18.2.2/24");
            Child sink = ApiBench.own(closers, Child.start(sinkNs, "sink", Bench.TOOLS_CPU, List.of(Bench.java(), "-Xms256m", "-Xmx512m",
                    "-XX:+UseParallelGC", "-cp", System.getProperty("bench.classpath"), Sink.class.getName(), "--listen", "198.18.2.2",
                    "--prefixes", Integer.toString(2 * (services + changes)), "--hold", "90"), logs));
            sink.await("LISTENING", Duration.ofSeconds(60));
            K8sManifests m = new K8sManifests(dir, services, files);
            int[] ips = new int[services];
            for (int i = 0; i < services; i++) ips[i] = K8sManifests.ip(i);
            m.writeBase("198.18.2.1", "198.18.2.2");
            m.writeAll(ips);
            List<String> cmd = new ArrayList<>(List.of(Bench.java()));
            cmd.addAll(BgpletProcess.jvmOptions());
            if ("1".equals(System.getenv("BENCH_JFR"))) cmd.add("-XX:StartFlightRecording=filename=" + logs.resolve("bgplet.jfr") + ",settings=profile,dumponexit=true");
            cmd.addAll(List.of("-cp", System.getProperty("bench.dut.classpath"), K8sDut.class.getName(), "--dir", dir.toString()));
            long started = System.nanoTime();
            Child dut = ApiBench.own(closers, Child.start(dutNs, "bgplet", Dut.CPU, cmd, logs));
            dut.await("UP", Duration.ofSeconds(120));
            sink.await("ESTABLISHED", Duration.ofSeconds(60));
            sink.send("EXPECT " + services + " 0");
            long converged = sink.awaitTime("DONE", Duration.ofMinutes(5));
            BirdDut.sleep(3000); // JIT and the first polls settle
            dut.drain();
            sink.send("TRACE");
            sink.send("STATS");
            long updates0 = Long.parseLong(sink.await("STATS", Duration.ofSeconds(10)).split(" ")[2]);
            double cpu0 = Proc.cpuSeconds(dut.pid());
            long[] at = new long[changes];
            long[] oldKey = new long[changes], newKey = new long[changes];
            long t0 = System.nanoTime() + 50_000_000L;
            for (int j = 0; j < changes; j++) {
                long due = t0 + j * 1_000_000_000L / rate;
                while (System.nanoTime() < due) Thread.onSpinWait(); // 10 ms apart at 100/s: sleep's granularity is too coarse under load
                int s = (int) ((long) j * 7919 % services);
                oldKey[j] = Wire.key4(ips[s], 32);
                ips[s] = K8sManifests.ip(services + j);
                newKey[j] = Wire.key4(ips[s], 32);
                m.rewrite(s, ips);
                at[j] = System.nanoTime();
            }
            BirdDut.sleep(4000); // longer than the 2 s poll: a change the watch missed still shows
            sink.send("STATS");
            List<String> seen = sink.until("STATS", Duration.ofSeconds(30));
            double cpu1 = Proc.cpuSeconds(dut.pid());
            long updates = Long.parseLong(seen.getLast().split(" ")[2]) - updates0;
            Map<Long, Long> announced = new HashMap<>(), withdrawn = new HashMap<>();
            long events = 0;
            boolean reset = false;
            for (String line : seen) {
                String[] w = line.split(" ");
                if (w[0].equals("EV")) {
                    events++;
                    (w[1].equals("A") ? announced : withdrawn).putIfAbsent(Long.parseLong(w[2]), Long.parseLong(w[3]));
                } else if (line.startsWith("ERROR") || line.startsWith("ESTABLISHED")) {
                    reset = true;
                }
            }
            List<long[]> snaps = new ArrayList<>();
            for (String line : dut.drain()) {
                String[] w = line.split(" ");
                if (w[0].equals("SNAP")) snaps.add(new long[] {Long.parseLong(w[1]), Long.parseLong(w[2]), Long.parseLong(w[3])});
            }
            double[] done = new double[changes], announce = new double[changes];
            double[] detect = new double[changes], compute = new double[changes], apply = new double[changes], wire = new double[changes];
            int lost = 0, n = 0;
            for (int j = 0; j < changes; j++) {
                Long a = announced.get(newKey[j]), w = withdrawn.get(oldKey[j]);
                if (a == null || w == null) {
                    lost++;
                    continue;
                }
                done[n] = (Math.max(a, w) - at[j]) / 1e6;
                announce[n] = (a - at[j]) / 1e6;
                long[] snap = null;
                for (long[] sn : snaps) {
                    if (sn[0] >= at[j]) {
                        snap = sn;
                        break;
                    }
                }
                if (snap != null) {
                    detect[n] = (snap[0] - at[j]) / 1e6;
                    compute[n] = (snap[1] - snap[0]) / 1e6;
                    apply[n] = (snap[2] - snap[1]) / 1e6;
                    wire[n] = (Math.max(a, w) - snap[2]) / 1e6;
                }
                n++;
            }
            return new Run(run, Arrays.copyOf(done, n), Arrays.copyOf(announce, n), updates, events, snaps.size(), reset, lost,
                    pct(Arrays.copyOf(detect, n), 50), pct(Arrays.copyOf(compute, n), 50), pct(Arrays.copyOf(apply, n), 50),
                    pct(Arrays.copyOf(wire, n), 50), (converged - started) / 1e9, cpu1 - cpu0, null);
        } finally {
            for (AutoCloseable c : closers.reversed()) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.out.println("cleanup: " + e);
                }
            }
        }
    }

    /** The p-th percentile (nearest rank) of the values; p 100 is the maximum. */
    static double pct(double[] v, double p) {
        if (v.length == 0) return Double.NaN;
        double[] s = v.clone();
        Arrays.sort(s);
        int rank = (int) Math.ceil(p / 100 * s.length);
        return s[Math.max(0, Math.min(s.length - 1, rank - 1))];
    }

    static String table(List<Run> all, int services, int files, int changes, int rate) {
        StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "Scenario k8s, %d Services in %d file(s), %d changes at %d/s; "
                + "change (rename) to UPDATE at the sink, ms%n%n", services, files, changes, rate));
        t.append("| run | done p50 | done p99 | done max | announce p50 | announce p99 | UPDATEs | prefix events | snapshots | lost | session | "
                + "detect p50 | compute p50 | apply p50 | wire p50 | initial s | DUT CPU s |\n");
        t.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Run r : all) {
            if (r.failure != null) {
                t.append("| ").append(r.run).append(" | failed: ").append(r.failure).append(" |\n");
                continue;
            }
            t.append(String.format(Locale.ROOT, "| %d | %.1f | %.1f | %.1f | %.1f | %.1f | %d | %d | %d | %d | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |%n",
                    r.run, pct(r.done, 50), pct(r.done, 99), pct(r.done, 100), pct(r.announce, 50), pct(r.announce, 99), r.updates, r.events,
                    r.snapshots, r.lost, r.reset ? "reset" : "up", r.detectMs, r.computeMs, r.applyMs, r.wireMs, r.initialSeconds, r.dutCpu));
        }
        List<Run> ok = all.stream().filter(r -> r.failure == null).toList();
        if (!ok.isEmpty()) {
            double[] pooled = ok.stream().flatMapToDouble(r -> Arrays.stream(r.done)).toArray();
            t.append(String.format(Locale.ROOT, "| all %d runs | %.1f | %.1f | %.1f | | | | | | | | | | | | | |%n", ok.size(),
                    pct(pooled, 50), pct(pooled, 99), pct(pooled, 100)));
        }
        return t.toString();
    }
}
