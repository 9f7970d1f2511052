package io.bgplet.bench;

import io.bgplet.interop.support.Netns;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * bgplet as its own JVM in the DUT namespace ({@link BgpletDut}), pinned to the DUT CPU.
 * Heap settings: {@link #JVM_OPTIONS}, or BGPLET_JVM_OPTS; BENCH_JFR=1 adds a flight
 * recording into the run's log directory.
 */
final class BgpletProcess implements Dut {
    // Compact object headers (JEP 519, product in JDK 25): 8-byte headers instead of 12; a full
    // table's transit allocated 11 % less and kept 10 % less heap after GC (docs/benchmarks.md).
    static final String JVM_OPTIONS = "-Xms64m -Xmx1g -XX:+UseParallelGC -XX:+UseCompactObjectHeaders";
    private Child jvm;

    @Override
    public String name() {
        return "bgplet";
    }

    static List<String> jvmOptions() {
        String env = System.getenv("BGPLET_JVM_OPTS");
        return List.of((env == null || env.isBlank() ? JVM_OPTIONS : env).trim().split("\\s+"));
    }

    @Override
    public void start(Netns ns, Plan p) {
        List<String> cmd = new ArrayList<>(List.of(Bench.java()));
        cmd.addAll(jvmOptions());
        if ("1".equals(System.getenv("BENCH_JFR"))) {
            // jdk.ObjectCount (a class histogram per recording chunk) shows what the heap holds.
            cmd.add("-XX:StartFlightRecording=filename=" + p.logDir().resolve("bgplet.jfr")
                    + ",settings=profile,dumponexit=true,jdk.ObjectCount#enabled=true");
        }
        cmd.addAll(List.of("-cp", System.getProperty("bench.dut.classpath"), BgpletDut.class.getName(),
                "--router-id", p.routerId(), "--gens", String.join(",", p.generators()), "--expect", Long.toString(p.expect())));
        if (p.sink() != null) cmd.addAll(List.of("--sink", p.sink()));
        if (p.ipv6()) cmd.add("--ipv6");
        if (p.api()) cmd.addAll(List.of("--api", "127.0.0.1:50051"));
        jvm = Child.start(ns, "bgplet", CPU, cmd, p.logDir());
        jvm.await("UP", Duration.ofSeconds(60));
    }

    @Override
    public List<Long> pids() {
        return List.of(jvm.pid());
    }

    @Override
    public long awaitIngest(long n, Duration timeout) {
        return jvm.awaitTime("LOCRIB", timeout);
    }

    @Override
    public void close() {
        if (jvm != null) jvm.close();
    }
}
