package io.bgplet.config;

import java.util.List;
import java.util.Objects;

/**
 * {@link DesiredState#compute} for a stream of snapshots of one node: when a snapshot differs
 * from the last one only in Services and EndpointSlices, only the Services that changed (or
 * whose EndpointSlices did) are computed again ({@link ServiceContributions}) and the peers'
 * advertisement lists are updated from them; anything else (Nodes, the Cilium CRDs, Secrets,
 * the host, the problems read with the objects) or any doubt computes in full. Same inputs,
 * same result as {@link DesiredState#compute}: the property test holds it to that.
 *
 * <p>Not thread-safe: one caller, the source's listener.
 */
public final class IncrementalDesiredState {
    private final String nodeName;
    private Inputs last;
    private Result lastResult;
    /** Null: the last full pass could not build an index; every snapshot is computed in full. */
    private ServiceContributions index;
    private boolean lastIncremental;
    private long incremental;
    private long full;

    public IncrementalDesiredState(String nodeName) {
        this.nodeName = Objects.requireNonNull(nodeName, "nodeName");
    }

    public Result compute(Inputs inputs) {
        if (index != null && onlyServicesDiffer(last, inputs)) {
            Result r = index.update(last, inputs, lastResult);
            if (r != null) {
                last = inputs;
                lastResult = r;
                lastIncremental = true;
                incremental++;
                return r;
            }
        }
        Result r = DesiredState.compute(inputs, nodeName);
        last = inputs;
        lastResult = r;
        index = ServiceContributions.build(inputs, nodeName, r);
        lastIncremental = false;
        full++;
        return r;
    }

    /** Whether the last {@link #compute} updated the previous result instead of computing in full. */
    public boolean lastWasIncremental() {
        return lastIncremental;
    }

    /** Snapshots computed incrementally and in full so far. */
    public long incrementalPasses() {
        return incremental;
    }

    public long fullPasses() {
        return full;
    }

    /** Everything but Services and EndpointSlices is equal (the same objects, usually: one == per element). */
    static boolean onlyServicesDiffer(Inputs a, Inputs b) {
        return same(a.clusterConfigs(), b.clusterConfigs()) && same(a.peerConfigs(), b.peerConfigs())
                && same(a.advertisements(), b.advertisements()) && same(a.overrides(), b.overrides())
                && same(a.nodeConfigs(), b.nodeConfigs()) && same(a.nodes(), b.nodes()) && same(a.secrets(), b.secrets())
                && same(a.podIPPools(), b.podIPPools()) && same(a.ciliumNodes(), b.ciliumNodes())
                && a.host().equals(b.host()) && a.secretsNamespace().equals(b.secretsNamespace())
                && same(a.problems(), b.problems());
    }

    private static boolean same(List<?> a, List<?> b) {
        if (a == b) return true;
        if (a.size() != b.size()) return false;
        for (int i = 0; i < a.size(); i++) if (a.get(i) != b.get(i) && !a.get(i).equals(b.get(i))) return false;
        return true;
    }
}
