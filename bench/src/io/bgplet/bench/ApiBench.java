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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Scenario 5 ("api"): ingest of the table from one generator (as in "ingest"), then the
 * GLOBAL IPv4 table listed through the GoBGP API's ListPath by {@link ApiClient} (one JVM in
 * the DUT namespace on the tools CPU, the same client for bgplet and gobgpd). Each run lists
 * --lists times (default 3: the first finds the DUT's listing code and the client cold, the
 * last is reported as "warm"); per listing: request to last response, destinations and
 * paths counted, DUT CPU and client CPU over the call.
 */
final class ApiBench {
    record Listing(String dut, int run, int call, double seconds, long destinations, long paths, double dutCpu, double clientCpu, String failure) {
        String line() {
            if (failure != null) return String.format(Locale.ROOT, "%-7s run %d FAILED (%s)", dut, run, failure);
            return String.format(Locale.ROOT, "%-7s run %d list %d: %.3f s, %d destinations, %d paths, DUT CPU %.2f s, client CPU %.2f s",
                    dut, run, call, seconds, destinations, paths, dutCpu, clientCpu);
        }
    }

    private ApiBench() {}

    static void main(Args a, Path out) throws IOException {
        int prefixes = a.integer("prefixes", 50_000);
        int runs = a.integer("runs", 3);
        int lists = a.integer("lists", 3);
        List<String> duts = List.of(a.get("duts", "bgplet,gobgp").split(","));
        Files.createDirectories(out);
        System.out.printf("scenario api, %d IPv4 prefixes, runs %d, %d ListPath call(s) per run, DUTs %s; bgplet JVM: %s%n",
                prefixes, runs, lists, duts, String.join(" ", BgpletProcess.jvmOptions()));
        List<Listing> all = new ArrayList<>();
        for (int run = 1; run <= runs; run++) {
            for (String dut : duts) {
                System.out.println("load average before " + dut + " run " + run + ": " + Files.readString(Path.of("/proc/loadavg")).strip());
                List<Listing> got;
                try {
                    got = once(dut, run, prefixes, lists, out);
                } catch (RuntimeException e) {
                    got = List.of(new Listing(dut, run, 0, Double.NaN, 0, 0, Double.NaN, Double.NaN, e.getMessage()));
                }
                for (Listing l : got) {
                    System.out.println(l.line());
                    Files.writeString(out.resolve("api-results.csv"), String.format(Locale.ROOT, "%s,%d,%s,%d,%d,%.4f,%d,%d,%.2f,%.2f,%s%n",
                            Instant.now(), prefixes, l.dut, l.run, l.call, l.seconds, l.destinations, l.paths, l.dutCpu, l.clientCpu,
                            l.failure == null ? "" : '"' + l.failure.replace('"', '\'') + '"'), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                }
                all.addAll(got);
            }
        }
        String table = table(all, prefixes, lists);
        System.out.println();
        System.out.println(table);
        Files.writeString(out.resolve("table-api-" + prefixes + "-" + Instant.now().toString().replace(':', '-') + ".md"), table);
    }

    private static List<Listing> once(String dutName, int run, int prefixes, int lists, Path out) throws IOException {
        Path logs = out.resolve("logs").resolve("api-" + prefixes + "-" + dutName + "-" + run);
        Files.createDirectories(logs);
        List<AutoCloseable> closers = new ArrayList<>();
        Dut dut = null;
        try {
            Netns gen = own(closers, Netns.create("gen"));
            Netns dutNs = own(closers, Netns.create("dut"));
            Link toGen = own(closers, Link.veth(gen, Link.ifname("g"), dutNs, Link.ifname("dg")));
            toGen.b().address("198.18.1.1/24");
            toGen.a().address("198.18.1.2/24");
            dut = Dut.of(dutName);
            dut.start(dutNs, new Dut.Plan("198.18.1.1", List.of("198.18.1.2"), null, prefixes, false, logs, true));
            Child client = own(closers, Child.start(dutNs, "client", Bench.TOOLS_CPU, List.of(Bench.java(), "-Xms256m", "-Xmx1g", "-XX:+UseParallelGC",
                    "-cp", System.getProperty("bench.dut.classpath"), ApiClient.class.getName(), "--target", "127.0.0.1:50051"), logs));
            Child generator = own(closers, Child.start(gen, "generator", Bench.TOOLS_CPU, List.of(Bench.java(), "-Xms1g", "-Xmx2g", "-XX:+UseParallelGC",
                    "-cp", System.getProperty("bench.classpath"), Generator.class.getName(), "--remote", "198.18.1.1", "--locals", "198.18.1.2",
                    "--prefixes", Integer.toString(prefixes), "--prefixes6", "0", "--churn", "0"), logs));
            generator.await("BUILT", Duration.ofMinutes(5));
            generator.await("READY", Duration.ofSeconds(120));
            client.await("READY", Duration.ofSeconds(60));
            generator.send("GO");
            dut.awaitIngest(prefixes, Duration.ofMinutes(20));
            generator.awaitTime("SENT", Duration.ofMinutes(5));
            BirdDut.sleep(2000); // the DUT settles (gobgpd: its summary can lead its table work)
            List<Listing> result = new ArrayList<>();
            for (int call = 1; call <= lists; call++) {
                double cpu0 = cpu(dut.pids());
                client.send("LIST");
                String[] w = client.await("LISTED", Duration.ofMinutes(20)).split(" ");
                double cpu1 = cpu(dut.pids());
                result.add(new Listing(dutName, run, call, (Long.parseLong(w[2]) - Long.parseLong(w[1])) / 1e9, Long.parseLong(w[3]),
                        Long.parseLong(w[4]), cpu1 - cpu0, Double.parseDouble(w[5]), null));
                BirdDut.sleep(1000);
            }
            return result;
        } finally {
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

    /** Medians per DUT of the first (cold) and last (warm) call, ratio of gobgpd's warm time to each. */
    static String table(List<Listing> all, int prefixes, int lists) {
        Map<String, List<Listing>> by = new LinkedHashMap<>();
        for (Listing l : all) by.computeIfAbsent(l.dut, k -> new ArrayList<>()).add(l);
        StringBuilder t = new StringBuilder("Scenario api, " + prefixes + " prefixes, ListPath GLOBAL ipv4; medians\n\n");
        t.append("| DUT | runs ok | first call s | last call s | gobgpd / DUT (last) | destinations | paths | DUT CPU s (last) | client CPU s (last) |\n");
        t.append("|---|---|---|---|---|---|---|---|---|\n");
        double gobgp = by.containsKey("gobgp") ? median(last(by.get("gobgp"), lists), Listing::seconds) : Double.NaN;
        for (var e : by.entrySet()) {
            List<Listing> first = e.getValue().stream().filter(l -> l.failure == null && l.call == 1).toList();
            List<Listing> lastCalls = last(e.getValue(), lists);
            double s = median(lastCalls, Listing::seconds);
            t.append(String.format(Locale.ROOT, "| %s | %d/%d | %.3f | %.3f | %s | %.0f | %.0f | %.2f | %.2f |%n", e.getKey(), lastCalls.size(),
                    e.getValue().stream().mapToInt(Listing::run).distinct().count(), median(first, Listing::seconds), s,
                    Double.isNaN(gobgp) ? "" : String.format(Locale.ROOT, "%.2f", gobgp / s), median(lastCalls, l -> l.destinations),
                    median(lastCalls, l -> l.paths), median(lastCalls, Listing::dutCpu), median(lastCalls, Listing::clientCpu)));
        }
        return t.toString();
    }

    private static List<Listing> last(List<Listing> ls, int lists) {
        return ls.stream().filter(l -> l.failure == null && l.call == lists).toList();
    }

    static double median(List<Listing> ls, java.util.function.ToDoubleFunction<Listing> f) {
        double[] v = ls.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static <T extends AutoCloseable> T own(List<AutoCloseable> closers, T c) {
        closers.add(c);
        return c;
    }

    static double cpu(List<Long> pids) {
        double s = 0;
        for (long pid : pids) s += Proc.cpuSeconds(pid);
        return s;
    }
}
