package io.bgplet.app;

import io.bgplet.config.DesiredState;
import io.bgplet.config.Inputs;
import io.bgplet.config.Problem;
import io.bgplet.config.Result;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.Speaker;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The node agent: every new snapshot of the config source goes through the pure desired-state
 * function, and each resulting instance is applied to its speaker as a diff. Instances that
 * appear get a speaker; instances that go away have theirs stopped.
 */
@ApplicationScoped
public class Agent implements io.bgplet.speaker.SpeakerDirectory {
    private static final Logger LOG = Logger.getLogger(Agent.class);

    private final Map<String, Speaker> speakers = new LinkedHashMap<>();
    private volatile Result last;
    private volatile boolean synced;
    private Set<Problem> reported = Set.of();
    private String nodeName;
    private BgpletConfig config;

    @jakarta.inject.Inject
    Metrics metrics;

    @io.quarkus.scheduler.Scheduled(every = "5s", concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    void refreshMetrics() {
        Result r = last;
        if (r == null) return;
        Map<String, Speaker> now = speakers();
        for (InstanceConfig ic : r.instances()) {
            Speaker s = now.get(ic.name());
            if (s != null) metrics.refresh(ic.localAs(), s);
        }
    }

    void onStart(@Observes StartupEvent ev, BgpletConfig config, Sources sources) {
        this.config = config;
        this.nodeName = config.nodeName().orElseGet(() -> System.getenv().getOrDefault("NODE_NAME", "k8s-ctr"));
        LOG.infof("bgplet node %s, config source %s", nodeName, sources.describe());
        sources.start(this::onInputs);
    }

    void onStop(@Observes ShutdownEvent ev) {
        boolean graceful = config == null || config.gracefulShutdown();
        synchronized (this) {
            for (Speaker s : speakers.values()) {
                try {
                    s.stop(graceful).get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warnf("speaker did not stop in time: %s", e.toString());
                }
                s.close();
            }
            speakers.clear();
        }
    }

    /** Called by the source with each new snapshot (coalesced by the source). */
    synchronized void onInputs(Inputs inputs) {
        long t0 = System.nanoTime();
        Result result = DesiredState.compute(inputs.withHost(HostProbe.read()), nodeName);
        last = result;
        synced = true;
        Set<Problem> now = new HashSet<>(result.problems());
        for (Problem p : result.problems()) if (!reported.contains(p)) LOG.warn(p.toString());
        reported = now;
        Set<String> wanted = new HashSet<>();
        for (InstanceConfig ic : result.instances()) {
            wanted.add(ic.name());
            Speaker s = speakers.computeIfAbsent(ic.name(), n -> {
                LOG.infof("instance %s (AS %d, router id %s) starting", ic.name(), ic.localAs(), ic.routerId().getHostAddress());
                Speaker created = new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);
                created.addListener(metrics.listenerFor(ic.name(), ic.localAs()));
                return created;
            });
            s.apply(ic).whenComplete((v, e) -> {
                if (e != null) LOG.errorf(e, "instance %s: applying configuration failed", ic.name());
                metrics.reconcile(ic.name(), System.nanoTime() - t0, e != null || !result.problems().isEmpty());
            });
        }
        for (String name : List.copyOf(speakers.keySet())) {
            if (wanted.contains(name)) continue;
            LOG.infof("instance %s removed", name);
            Speaker s = speakers.remove(name);
            s.stop(false);
            s.close();
        }
    }

    public String nodeName() {
        return nodeName;
    }

    /** True once the source delivered its first complete snapshot. */
    public boolean synced() {
        return synced;
    }

    public Result lastResult() {
        return last;
    }

    @Override
    public synchronized Map<String, Speaker> speakers() {
        return Map.copyOf(speakers);
    }

    @Override
    public synchronized List<String> instanceNames() {
        Result r = last;
        if (r == null) return List.of();
        return r.instances().stream().map(InstanceConfig::name).filter(speakers::containsKey).toList();
    }

    @Override
    public synchronized java.util.Optional<Speaker> first() {
        Result r = last;
        if (r != null && !r.instances().isEmpty()) return java.util.Optional.ofNullable(speakers.get(r.instances().getFirst().name()));
        return speakers.values().stream().findFirst();
    }
}
