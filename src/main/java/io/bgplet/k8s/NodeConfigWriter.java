package io.bgplet.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.bgplet.config.ModelJson;
import io.bgplet.config.Result;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.Condition;
import io.bgplet.config.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Writes the node's own CiliumBGPNodeConfig and nothing else: the spec as Cilium's operator
 * would (owned by the ClusterConfig, {@code controller: true}, its uid from the informer
 * cache), and the status as Cilium's agent does, through the status subresource. Each pass
 * writes only what differs from the cached object. Passes run every {@link #PERIOD} and,
 * coalesced over {@link #COALESCE}, right after a session changes state.
 * As Cilium's agent: the period has a normal jitter (sigma 500 ms); a failed pass is retried up
 * to {@link #RETRIES} times with delays growing by 1.2 from {@link #FIRST_RETRY}, then the
 * periodic passes go on; with the status report off (Cilium's
 * {@code enable-bgp-control-plane-status-report=false}) the status is cleared and no longer
 * written, while the spec still is.
 */
public final class NodeConfigWriter implements AutoCloseable {
    public static final Duration PERIOD = Duration.ofSeconds(5);
    /** State changes closer together than this are written in one pass (API writes, not latency, matter here). */
    static final Duration COALESCE = Duration.ofMillis(100);
    static final Duration JITTER_SIGMA = Duration.ofMillis(500);
    static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    static final int RETRIES = 10;
    static final String KIND = "CiliumBGPNodeConfig";

    private static final System.Logger LOG = System.getLogger(NodeConfigWriter.class.getName());
    private static final ObjectMapper JSON = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final KubernetesClient client;
    private final KubernetesSource source;
    private final String node;
    private final Supplier<Observed> observed;
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "bgplet-k8s-status");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger specWrites = new AtomicInteger();
    private final AtomicInteger statusWrites = new AtomicInteger();
    private ScheduledFuture<?> pending;
    private volatile boolean statusReport;
    private int failures;
    private final java.util.Random jitter = new java.util.Random();
    /** The status last written and the resourceVersion it was written over: a cache still showing that version is stale. */
    private JsonNode lastStatus;
    private String lastStatusOver;

    public NodeConfigWriter(KubernetesClient client, KubernetesSource source, String node, Supplier<Observed> observed, Clock clock) {
        this(client, source, node, observed, clock, true);
    }

    public NodeConfigWriter(KubernetesClient client, KubernetesSource source, String node, Supplier<Observed> observed, Clock clock,
                            boolean statusReport) {
        this.statusReport = statusReport;
        this.client = Objects.requireNonNull(client, "client");
        this.source = Objects.requireNonNull(source, "source");
        this.node = Objects.requireNonNull(node, "node");
        this.observed = Objects.requireNonNull(observed, "observed");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void start() {
        executor.schedule(this::periodic, nextPeriod(), TimeUnit.MILLISECONDS);
    }

    /** Turns the status report on or off (off clears the status on the next pass). */
    void statusReport(boolean on) {
        statusReport = on;
        changed();
    }

    private void periodic() {
        try {
            passQuietly();
        } finally {
            if (!executor.isShutdown()) executor.schedule(this::periodic, nextPeriod(), TimeUnit.MILLISECONDS);
        }
    }

    /** The period with normal jitter, kept within 3 sigma. */
    private long nextPeriod() {
        double g = Math.max(-3, Math.min(3, jitter.nextGaussian()));
        return PERIOD.toMillis() + Math.round(g * JITTER_SIGMA.toMillis());
    }

    /** Delay before retry number {@code attempt} (1-based) after a failed pass. */
    static long retryDelayMillis(int attempt) {
        return Math.round(FIRST_RETRY.toMillis() * Math.pow(1.2, attempt - 1));
    }

    /** A session changed state (or the desired state changed): write soon, coalesced. */
    public synchronized void changed() {
        if (pending != null && !pending.isDone()) return;
        pending = executor.schedule(() -> {
            synchronized (this) {
                pending = null;
            }
            passQuietly();
        }, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Spec writes (create or patch) so far. */
    public int specWrites() {
        return specWrites.get();
    }

    /** Status writes so far. */
    public int statusWrites() {
        return statusWrites.get();
    }

    private void passQuietly() {
        try {
            pass();
            failures = 0;
        } catch (RuntimeException e) {
            failures++;
            boolean retry = failures <= RETRIES;
            String next = retry ? "retry " + failures + " of " + RETRIES + " in " + retryDelayMillis(failures) + " ms"
                    : "next periodic pass in about " + PERIOD.toSeconds() + " s";
            if (e instanceof KubernetesClientException) {
                LOG.log(System.Logger.Level.WARNING, "writing CiliumBGPNodeConfig {0} failed ({1}); {2}", node, e.getMessage(), next);
            } else {
                LOG.log(System.Logger.Level.ERROR, "writing CiliumBGPNodeConfig " + node + " failed; " + next, e);
            }
            if (retry) executor.schedule(this::passQuietly, retryDelayMillis(failures), TimeUnit.MILLISECONDS);
            else failures = 0;
        }
    }

    /** One pass: spec, then status, each written only when it differs. */
    synchronized void pass() {
        Observed o = observed.get();
        if (o == null || !source.ready()) return; // nothing applied yet, or the cache may be stale: write nothing
        Result result = o.result();
        String version = source.watched().getOrDefault(KIND, "cilium.io/v2");
        if (result.nodeConfig() == null || result.clusterConfig() == null) {
            // No ClusterConfig selects the node: no spec to write (deleting is the operator's and
            // garbage collection's job); an existing NodeConfig still gets the node's problems.
            JsonNode existing = source.cached(KIND, node).map(KubernetesSource.Cached::json).orElse(null);
            if (existing != null) writeStatus(version, existing, o);
            return;
        }
        KubernetesSource.Cached owner = source.cached("CiliumBGPClusterConfig", result.clusterConfig()).orElse(null);
        if (owner == null || owner.uid() == null) return;
        CiliumBGPNodeConfig desired = owned(result.nodeConfig(), version, owner.uid());

        JsonNode live = source.cached(KIND, node).map(KubernetesSource.Cached::json).orElse(null);
        CiliumBGPNodeConfig liveBound = source.cached(KIND, node).flatMap(c -> c.bound().stream()
                .filter(CiliumBGPNodeConfig.class::isInstance).map(CiliumBGPNodeConfig.class::cast).findFirst()).orElse(null);
        ObjectNode desiredJson = (ObjectNode) ModelJson.object(desired);
        desiredJson.put("apiVersion", version);
        if (live == null) {
            live = create(version, desiredJson);
            if (live == null) return;
        } else if (liveBound == null || !liveBound.spec().equals(desired.spec()) || !sameController(live, desired)) {
            String patch = jsonPatch(Map.of("/metadata/ownerReferences", desiredJson.path("metadata").path("ownerReferences"),
                    "/spec", desiredJson.get("spec")));
            live = toJson(ops(version).withName(node).patch(PatchContext.of(PatchType.JSON), patch));
            specWrites.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "CiliumBGPNodeConfig {0}: spec updated", node);
        }
        writeStatus(version, live, o);
    }

    private void writeStatus(String version, JsonNode live, Observed o) {
        List<Condition> previous = conditions(live.path("status").path("conditions"));
        CiliumBGPNodeConfig.Status status = NodeConfigStatus.build(o, previous, clock.instant());
        // Report off: an empty status, which clears peers and conditions once, then matches.
        JsonNode want = statusReport ? normalized(JSON.valueToTree(status)) : JSON.createObjectNode();
        JsonNode have = live.path("status").isObject() ? normalized(live.get("status")) : null;
        String rv = live.path("metadata").path("resourceVersion").asText("");
        if (!statusReport && (have == null || have.isEmpty())) return;
        if (want.equals(have)) return;
        if (want.equals(lastStatus) && rv.equals(lastStatusOver)) return; // our last write, not yet in the cache
        // A JSON patch replacing /status as a whole, as Cilium's agent writes it: lists replaced, not merged.
        ops(version).withName(node).subresource("status").patch(PatchContext.of(PatchType.JSON), jsonPatch(Map.of("/status", want)));
        lastStatus = want;
        lastStatusOver = rv;
        statusWrites.incrementAndGet();
    }

    private JsonNode create(String version, ObjectNode desiredJson) {
        GenericKubernetesResource r = client.getKubernetesSerialization().unmarshal(desiredJson.toString(), GenericKubernetesResource.class);
        try {
            JsonNode created = toJson(ops(version).resource(r).create());
            specWrites.incrementAndGet();
            LOG.log(System.Logger.Level.INFO, "CiliumBGPNodeConfig {0} created", node);
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) throw e;
            return null; // created by us a moment ago or by Cilium's operator: the cache will show it
        }
    }

    private static CiliumBGPNodeConfig owned(CiliumBGPNodeConfig nc, String version, String uid) {
        ObjectMeta.OwnerReference ref = nc.metadata().controller("CiliumBGPClusterConfig");
        ObjectMeta meta = new ObjectMeta(nc.name(), null, nc.metadata().labels(), Map.of(), null,
                List.of(new ObjectMeta.OwnerReference(version, ref.kind(), ref.name(), uid, true)));
        return new CiliumBGPNodeConfig(meta, nc.spec(), null);
    }

    /** RFC 6902 "add" operations: add replaces a member that exists and creates one that does not. */
    private static String jsonPatch(Map<String, JsonNode> values) {
        com.fasterxml.jackson.databind.node.ArrayNode ops = JSON.createArrayNode();
        values.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> ops.addObject().put("op", "add").put("path", e.getKey()).set("value", e.getValue()));
        return ops.toString();
    }

    private static boolean sameController(JsonNode live, CiliumBGPNodeConfig desired) {
        ObjectMeta.OwnerReference want = desired.metadata().ownerReferences().getFirst();
        for (JsonNode o : live.path("metadata").path("ownerReferences")) {
            if (o.path("controller").asBoolean(false)) {
                return o.path("kind").asText().equals(want.kind()) && o.path("name").asText().equals(want.name())
                        && o.path("uid").asText().equals(want.uid());
            }
        }
        return false;
    }

    private static List<Condition> conditions(JsonNode node) {
        List<Condition> out = new ArrayList<>();
        for (JsonNode c : node) {
            try {
                out.add(JSON.treeToValue(c, Condition.class));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                // not a condition we can read: dropped on our next write
            }
        }
        return out;
    }

    /** Through text, so 5 as an int and 5 as a long compare equal. */
    private static JsonNode normalized(JsonNode n) {
        try {
            return JSON.readTree(JSON.writeValueAsString(n));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode toJson(GenericKubernetesResource r) {
        try {
            return JSON.readTree(client.getKubernetesSerialization().asJson(r));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> ops(String apiVersion) {
        String v = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup("cilium.io").withVersion(v)
                .withPlural("ciliumbgpnodeconfigs").withKind(KIND).withNamespaced(false).build());
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
