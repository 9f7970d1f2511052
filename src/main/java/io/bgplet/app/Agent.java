package io.bgplet.app;

import io.bgplet.config.IncrementalDesiredState;
import io.bgplet.config.Inputs;
import io.bgplet.config.Problem;
import io.bgplet.config.Result;
import io.bgplet.fib.Safety;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The node agent: every new snapshot of the config source goes through the pure desired-state
 * function, and each resulting instance is applied to its speaker as a diff. Instances that
 * appear get a speaker; instances that go away have theirs stopped.
 */
@ApplicationScoped
public class Agent implements io.bgplet.speaker.SpeakerDirectory {
    private static final Logger LOG = Logger.getLogger(Agent.class);

    private final Map<String, Speaker> speakers = new LinkedHashMap<>();
    /** Kernel route installers, per instance with a peer that asked for one. */
    private final Map<String, RouteInstaller> installers = new LinkedHashMap<>();
    private volatile Result last;
    /** Created with the node name; recomputes only changed Services when nothing else moved. */
    private IncrementalDesiredState desired;
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
        Map<String, RouteInstaller> fibs;
        synchronized (this) {
            fibs = Map.copyOf(installers);
        }
        for (InstanceConfig ic : r.instances()) {
            RouteInstaller fib = fibs.get(ic.name());
            if (fib != null) metrics.refreshFib(Long.toString(ic.localAs()), fib.metrics());
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
            // A graceful stop leaves the kernel routes for the next run to adopt (no traffic loss).
            installers.values().forEach(i -> i.stop(graceful));
            installers.clear();
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

    /** How long the source's thread waits for the speakers to take a snapshot before it reads the next changes. */
    static final long APPLY_WAIT_MS = 2000;

    /**
     * Called by the source with each new snapshot (coalesced by the source). Returns once the
     * speakers applied it (or after {@link #APPLY_WAIT_MS}): changes that arrive meanwhile
     * fold into the source's next snapshot instead of queueing one apply each behind a slow
     * speaker (a cold JIT made that queue grow to a second in the k8s benchmark).
     */
    void onInputs(Inputs inputs) {
        List<CompletableFuture<Void>> applied = applyInputs(inputs);
        try {
            CompletableFuture.allOf(applied.toArray(CompletableFuture[]::new))
                    .get(APPLY_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // Logged by the apply's own handler; the next snapshot goes on regardless.
        }
    }

    private synchronized List<CompletableFuture<Void>> applyInputs(Inputs inputs) {
        List<CompletableFuture<Void>> applied = new ArrayList<>();
        long t0 = System.nanoTime();
        io.bgplet.config.HostNetwork host = HostProbe.read();
        if (desired == null) desired = new IncrementalDesiredState(nodeName);
        Result result = desired.compute(inputs.withHost(host));
        Safety safety = NodeSafety.of(inputs.nodes(), nodeName, host);
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
            // Before the config reaches the speaker: the installer must see the first End-of-RIB.
            installRoutes(ic, s, safety);
            applied.add(s.apply(ic).whenComplete((v, e) -> {
                if (e != null) LOG.errorf(e, "instance %s: applying configuration failed", ic.name());
                metrics.reconcile(ic.name(), System.nanoTime() - t0, e != null || !result.problems().isEmpty());
            }));
        }
        for (String name : List.copyOf(speakers.keySet())) {
            if (wanted.contains(name)) continue;
            LOG.infof("instance %s removed", name);
            Speaker s = speakers.remove(name);
            RouteInstaller fib = installers.remove(name);
            if (fib != null) fib.stop(false);
            s.stop(false);
            s.close();
        }
        return applied;
    }

    /**
     * Starts the instance's route installer when a peer first asks for one (it needs
     * CAP_NET_ADMIN; without it the error is logged and BGP goes on), then hands it the
     * install settings: an installer stays once started and removes its routes when no peer
     * installs any more.
     */
    private void installRoutes(InstanceConfig ic, Speaker s, Safety safety) {
        RouteInstaller fib = installers.get(ic.name());
        boolean wanted = ic.neighbors().stream().anyMatch(n -> n.installRoutes() != null);
        if (fib == null && wanted) {
            try {
                fib = RouteInstaller.start(ic.name(), s);
                installers.put(ic.name(), fib);
                LOG.infof("instance %s: installing learned routes into the kernel (protocol %d)", ic.name(),
                        io.bgplet.fib.KernelRoutes.PROTOCOL);
            } catch (io.bgplet.fib.NetlinkException | RuntimeException e) {
                LOG.errorf("instance %s: cannot install routes into the kernel (the agent needs CAP_NET_ADMIN): %s", ic.name(),
                        e.getMessage());
                return;
            }
        }
        if (fib != null) fib.configure(ic.neighbors(), safety);
    }

    /** Resyncs every instance's kernel routes against its RIB (POST /bgplet/fib/resync). */
    CompletableFuture<List<RouteInstaller.ResyncReport>> resyncFib() {
        List<CompletableFuture<RouteInstaller.ResyncReport>> all;
        synchronized (this) {
            all = installers.values().stream().map(RouteInstaller::resync).toList();
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                .thenApply(v -> all.stream().map(CompletableFuture::join).toList());
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
