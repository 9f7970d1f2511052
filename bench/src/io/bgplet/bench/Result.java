package io.bgplet.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run, and the table of medians.
 *
 * @param seconds        GO until the sink (ingest: the DUT) holds every prefix
 * @param testersSeconds GO until the generator wrote its last byte (bgperf2's "testers")
 * @param cpuSeconds     DUT utime+stime over the run
 * @param peakRssMb      DUT VmHWM at the end (summed over its processes)
 * @param churnSeconds   churn phase: first event sent until the sink agrees (NaN without churn)
 */
record Result(String scenario, String dut, int run, long prefixes, double seconds, double testersSeconds, double cpuSeconds,
              double peakRssMb, double churnSeconds, double churnCpuSeconds, String generator, double harnessSeconds, String failure) {
    static final String CSV_HEADER = "scenario,dut,run,prefixes,seconds,testers_seconds,dut_cpu_seconds,peak_rss_mb,churn_seconds,churn_cpu_seconds,harness_seconds,failure";

    static Result failed(String scenario, String dut, int run, long prefixes, String why) {
        return new Result(scenario, dut, run, prefixes, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, "", 0, why);
    }

    Result withHarnessSeconds(double s) {
        return new Result(scenario, dut, run, prefixes, seconds, testersSeconds, cpuSeconds, peakRssMb, churnSeconds, churnCpuSeconds, generator, s, failure);
    }

    String line() {
        if (failure != null) return String.format(Locale.ROOT, "%-7s run %d FAILED (%s) [harness %.0f s]", dut, run, failure, harnessSeconds);
        return String.format(Locale.ROOT, "%-7s run %d: %.3f s (generator done at %.3f s), DUT CPU %.2f s, peak RSS %.0f MB%s [harness %.0f s; generator: %s]",
                dut, run, seconds, testersSeconds, cpuSeconds, peakRssMb,
                Double.isNaN(churnSeconds) ? "" : String.format(Locale.ROOT, ", churn %.3f s (CPU %.2f s)", churnSeconds, churnCpuSeconds),
                harnessSeconds, generator);
    }

    String csv() {
        return String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.2f,%.1f,%.4f,%.2f,%.1f,%s", scenario, dut, run, prefixes, seconds,
                testersSeconds, cpuSeconds, peakRssMb, churnSeconds, churnCpuSeconds, harnessSeconds,
                failure == null ? "" : '"' + failure.replace('"', '\'').replace('\n', ' ') + '"');
    }

    /** Medians per DUT, in first-seen order, with the ratio of wall time to BIRD's median. */
    static String table(List<Result> results) {
        Map<String, List<Result>> by = new LinkedHashMap<>();
        for (Result r : results) by.computeIfAbsent(r.dut, k -> new ArrayList<>()).add(r);
        double bird = by.containsKey("bird") ? median(by.get("bird"), Result::seconds) : Double.NaN;
        double birdChurn = by.containsKey("bird") ? median(by.get("bird"), Result::churnSeconds) : Double.NaN;
        boolean churn = results.stream().anyMatch(r -> !Double.isNaN(r.churnSeconds));
        StringBuilder t = new StringBuilder();
        String scenario = results.isEmpty() ? "" : results.getFirst().scenario;
        long n = results.isEmpty() ? 0 : results.getFirst().prefixes;
        t.append("Scenario ").append(scenario).append(", ").append(n).append(" prefixes; medians\n\n");
        t.append("| DUT | runs ok | time until all prefixes | x BIRD | generator done | DUT CPU s | peak RSS MB |");
        if (churn) t.append(" churn s | churn x BIRD |");
        t.append("\n|---|---|---|---|---|---|---|").append(churn ? "---|---|" : "").append('\n');
        for (var e : by.entrySet()) {
            List<Result> ok = e.getValue().stream().filter(r -> r.failure == null).toList();
            double s = median(ok, Result::seconds);
            t.append(String.format(Locale.ROOT, "| %s | %d/%d | %.3f s | %s | %.3f s | %s | %s |", label(e.getKey()), ok.size(), e.getValue().size(), s,
                    Double.isNaN(bird) || Double.isNaN(s) ? "" : String.format(Locale.ROOT, "%.2f", s / bird),
                    median(ok, Result::testersSeconds), fmt(median(ok, Result::cpuSeconds), "%.2f"), fmt(median(ok, Result::peakRssMb), "%.0f")));
            if (churn) {
                double c = median(ok, Result::churnSeconds);
                t.append(String.format(Locale.ROOT, " %.3f | %s |", c, Double.isNaN(birdChurn) ? "" : String.format(Locale.ROOT, "%.2f", c / birdChurn)));
            }
            t.append('\n');
        }
        return t.toString();
    }

    private static String label(String dut) {
        return dut.equals("none") ? "no DUT (generator -> sink)" : dut;
    }

    private static String fmt(double v, String f) {
        return Double.isNaN(v) || v == 0 ? "" : String.format(Locale.ROOT, f, v);
    }

    static double median(List<Result> rs, java.util.function.ToDoubleFunction<Result> f) {
        double[] v = rs.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
