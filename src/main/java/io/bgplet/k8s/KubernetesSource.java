package io.bgplet.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bgplet.config.Inputs;
import io.bgplet.config.Manifests;
import io.bgplet.config.Problem;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Kubernetes config source: one shared informer per {@link ApiResource}, each object
 * bound through {@link Manifests} (the manifest directory's path, so both sources validate
 * alike) and kept decoded until it changes. The listener hears {@link Inputs} snapshots:
 * <ul>
 * <li>never before every informer has listed once (an empty cache is not "everything was
 *     deleted": reliability.md section 6);</li>
 * <li>never while an informer is not watching (API server gone, relist in progress): the
 *     last snapshot stays in force, so an outage withdraws nothing;</li>
 * <li>the first change after a quiet period is delivered at once; changes that come while a
 *     pass runs or within {@link #COALESCE} of its start arrive as one snapshot in the next
 *     ({@link Coalescer}, Cilium's 1-deep rate-limited signal), and only when something changed; the periodic resync re-delivers the last snapshot so
 *     the agent reconciles the speakers (and host-derived state) against it.</li>
 * </ul>
 * Informers get an exception handler that always retries: fabric8's default stops an informer
 * on some watch errors, which would freeze the config silently.
 */
public final class KubernetesSource implements AutoCloseable {
    /** Passes start at least this far apart; changes within it arrive as one snapshot. */
    public static final Duration COALESCE = Coalescer.MIN_INTERVAL;
    public static final Duration DEFAULT_RESYNC = Duration.ofMinutes(1);
    /** While not ready with changes pending, look again this often. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private static final System.Logger LOG = System.getLogger(KubernetesSource.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final String secretsNamespace;
    private final Consumer<Inputs> listener;
    private final Duration resync;
    private final Map<String, Decoded> objects = new ConcurrentHashMap<>();
    private final List<Informed> informers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bgplet-k8s-source");
        t.setDaemon(true);
        return t;
    });
    private final Coalescer coalescer = new Coalescer(executor, () -> emit(false));
    private volatile boolean dirty;
    private volatile boolean closed;
    private volatile Inputs snapshot;
    private volatile int delivered;

    /** One object as read: its identity, the JSON as the API server sent it, and its binding. */
    record Decoded(String kind, String name, String uid, String resourceVersion, ObjectNode json, Manifests.Parsed parsed) {}

    /** A running informer and the version of the resource it watches. */
    record Informed(ApiResource resource, String version, SharedIndexInformer<GenericKubernetesResource> informer) {}

    public KubernetesSource(KubernetesClient client, String secretsNamespace, Consumer<Inputs> listener, Duration resync) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretsNamespace = Objects.requireNonNull(secretsNamespace, "secretsNamespace");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.resync = Objects.requireNonNull(resync, "resync");
    }

    /** Starts the informers in the background; the listener hears the first snapshot once all have listed. */
    public void start() {
        executor.execute(this::connect);
        executor.scheduleWithFixedDelay(() -> emit(true), resync.toMillis(), resync.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Discovery (which versions are served), retried until the API server answers; then one informer per resource. */
    private void connect() {
        long backoff = 500;
        List<ApiResource> todo = new ArrayList<>(ApiResource.ALL);
        while (!todo.isEmpty() && !closed) {
            ApiResource r = todo.getFirst();
            try {
                String version = servedVersion(r);
                if (version == null) {
                    LOG.log(System.Logger.Level.DEBUG, "{0} is not served by this cluster; not watched", r.kind());
                } else {
                    inform(r, version);
                }
                todo.removeFirst();
                backoff = 500;
            } catch (KubernetesClientException e) {
                LOG.log(System.Logger.Level.WARNING, "API discovery failed, retrying in {0} ms: {1}", backoff, e.getMessage());
                sleep(backoff);
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
        for (Informed i : informers) {
            i.informer().start().whenComplete((v, e) -> {
                if (e == null) LOG.log(System.Logger.Level.DEBUG, "{0} listed", i.resource().kind());
                schedule();
            });
        }
    }

    /**
     * The first served version; required kinds fall back to their first version (the informer
     * then retries until the CRD appears), optional ones to null (not watched).
     */
    private String servedVersion(ApiResource r) {
        if (r.group().isEmpty() || r.group().equals("discovery.k8s.io")) return r.versions().getFirst();
        for (String v : r.versions()) if (client.supports(r.apiVersion(v), r.kind())) return v;
        if (r.optional()) return null;
        LOG.log(System.Logger.Level.WARNING, "{0} ({1}) is not served; install the CRDs in k8s/crds. Waiting for it.", r.kind(), r.group());
        return r.versions().getFirst();
    }

    private void inform(ApiResource r, String version) {
        ResourceDefinitionContext ctx = new ResourceDefinitionContext.Builder().withGroup(r.group()).withVersion(version)
                .withPlural(r.plural()).withKind(r.kind()).withNamespaced(r.scope() != ApiResource.Scope.CLUSTER).build();
        var op = client.genericKubernetesResources(ctx);
        SharedIndexInformer<GenericKubernetesResource> informer = switch (r.scope()) {
            case SECRETS_NAMESPACE -> op.inNamespace(secretsNamespace).runnableInformer(0);
            case ALL_NAMESPACES, CLUSTER -> op.inAnyNamespace().runnableInformer(0);
        };
        informer.exceptionHandler((started, t) -> {
            // Keep retrying whatever the error: a stopped informer would freeze its kind silently.
            LOG.log(System.Logger.Level.WARNING, "{0} informer: {1}; retrying", r.kind(), t.toString());
            return true;
        });
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(GenericKubernetesResource o) {
                put(r, version, o);
            }

            @Override
            public void onUpdate(GenericKubernetesResource old, GenericKubernetesResource o) {
                put(r, version, o);
            }

            @Override
            public void onDelete(GenericKubernetesResource o, boolean finalStateUnknown) {
                if (objects.remove(key(r.kind(), o)) != null) changed();
            }
        });
        informers.add(new Informed(r, version, informer));
    }

    private void put(ApiResource r, String version, GenericKubernetesResource o) {
        String key = key(r.kind(), o);
        Decoded old = objects.get(key);
        String rv = o.getMetadata().getResourceVersion();
        if (old != null && rv != null && rv.equals(old.resourceVersion())) return; // a resync re-delivery
        objects.put(key, decode(r, version, o));
        changed();
    }

    /** Binds one object through the same code as a manifest file: JSON text in, model records and problems out. */
    private Decoded decode(ApiResource r, String version, GenericKubernetesResource o) {
        String name = o.getMetadata().getName();
        ObjectNode json;
        Manifests.Parsed parsed;
        try {
            json = (ObjectNode) JSON.readTree(client.getKubernetesSerialization().asJson(o));
            // List items may come without apiVersion and kind; the binder needs both.
            json.put("apiVersion", r.apiVersion(version));
            json.put("kind", r.kind());
            parsed = Manifests.parse(json.toString());
        } catch (Manifests.SyntaxError | com.fasterxml.jackson.core.JsonProcessingException | RuntimeException e) {
            json = JSON.createObjectNode();
            parsed = new Manifests.Parsed(List.of(), List.of(Problem.error(r.kind(), String.valueOf(name), "", "cannot be read: " + e.getMessage())),
                    List.of());
        }
        return new Decoded(r.kind(), name, o.getMetadata().getUid(), o.getMetadata().getResourceVersion(), json, parsed);
    }

    private static String key(String kind, GenericKubernetesResource o) {
        String ns = o.getMetadata().getNamespace();
        return kind + "/" + (ns == null ? "" : ns) + "/" + o.getMetadata().getName();
    }

    private void changed() {
        dirty = true;
        schedule();
    }

    private void schedule() {
        if (!closed) coalescer.signal();
    }

    /** Builds and delivers a snapshot when every informer is synced and watching; else keeps the last one. */
    private void emit(boolean resync) {
        if (closed) return;
        if (!ready()) {
            if (dirty) executor.schedule(this::schedule, RECHECK.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        dirty = false;
        Inputs.Builder b = Inputs.builder().secretsNamespace(secretsNamespace);
        objects.keySet().stream().sorted().forEach(k -> {
            Decoded d = objects.get(k);
            if (d == null) return;
            b.addAll(d.parsed().objects());
            b.addAll(d.parsed().problems());
        });
        Inputs next = b.build();
        if (next.equals(snapshot) && !resync) return;
        snapshot = next;
        delivered++;
        try {
            listener.accept(next);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "applying a snapshot failed", e);
        }
    }

    /** True when every informer has listed once and is watching now. */
    public boolean ready() {
        if (informers.isEmpty()) return false;
        for (Informed i : informers) if (!i.informer().hasSynced() || !i.informer().isWatching()) return false;
        return true;
    }

    /** The last snapshot delivered, or null before the first. */
    public Inputs snapshot() {
        return snapshot;
    }

    /** Snapshots delivered so far (resync re-deliveries included). */
    public int delivered() {
        return delivered;
    }

    /** The kinds watched and the version each is read at. */
    public Map<String, String> watched() {
        Map<String, String> m = new java.util.TreeMap<>();
        for (Informed i : informers) m.put(i.resource().kind(), i.resource().apiVersion(i.version()));
        return m;
    }

    /** A cluster-scoped object from the cache as the API server sent it (uid, resourceVersion, status). */
    public Optional<Cached> cached(String kind, String name) {
        Decoded d = objects.get(kind + "//" + name);
        return d == null ? Optional.empty() : Optional.of(new Cached(d.uid(), d.resourceVersion(), d.json(), d.parsed().objects()));
    }

    /**
     * A cached object.
     *
     * @param json  the object as read (do not modify)
     * @param bound its binding to the config model (empty when invalid)
     */
    public record Cached(String uid, String resourceVersion, JsonNode json, List<Object> bound) {}

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Informed i : informers) i.informer().stop();
        executor.shutdownNow();
    }
}
