package io.bgplet.bench;

import io.bgplet.config.IncrementalDesiredState;
import io.bgplet.config.HostNetwork;
import io.bgplet.config.Inputs;
import io.bgplet.config.Result;
import io.bgplet.k8s.directory.ManifestDirectory;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.Speaker;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * bgplet as the agent with the manifest-directory source, for the k8s scenario: the same
 * chain as {@code app.Agent.onInputs} without Quarkus (ManifestDirectory snapshot ->
 * IncrementalDesiredState.compute -> Speaker.apply per instance), so the timing covers the source, the
 * desired-state function and the speaker. No host probe (the manifests name every address)
 * and no kernel route installation. For each snapshot it prints
 * "SNAP heardNanos computedNanos appliedNanos services full|incremental" so the orchestrator can split the
 * latency into detection (watch + coalescing + re-read), compute and apply-to-wire.
 */
public final class K8sDut {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String node = a.get("node", "bench-node");
        Map<String, Speaker> speakers = new LinkedHashMap<>();
        Object lock = new Object();
        IncrementalDesiredState desired = new IncrementalDesiredState(node);
        ManifestDirectory source = new ManifestDirectory(Path.of(a.need("dir")), inputs -> {
            long heard = System.nanoTime();
            synchronized (lock) {
                Result r = desired.compute(inputs.withHost(HostNetwork.EMPTY));
                String how = desired.lastWasIncremental() ? "incremental" : "full";
                long computed = System.nanoTime();
                if (!r.problems().isEmpty()) Generator.say("PROBLEMS " + r.problems());
                for (InstanceConfig ic : r.instances()) {
                    Speaker s = speakers.computeIfAbsent(ic.name(), n -> new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT));
                    // As app.Agent: the source's pass waits for the apply, so changes meanwhile fold into its next snapshot.
                    try {
                        s.apply(ic).get(2, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        Generator.say("WARN apply failed: " + e);
                    }
                    Generator.say("SNAP " + heard + " " + computed + " " + System.nanoTime() + " " + inputs.services().size() + " " + how);
                }
            }
        }, Duration.ofMillis(a.integer("poll-ms", (int) ManifestDirectory.DEFAULT_POLL.toMillis())));
        source.start();
        Generator.say("UP");
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            source.close();
            synchronized (lock) {
                speakers.values().forEach(Speaker::close);
            }
        }));
        new CountDownLatch(1).await();
    }
}
