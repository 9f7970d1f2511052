package io.bgplet.k8s;

import io.bgplet.config.Result;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the node's status reports: the desired state last applied and the sessions each
 * instance runs now.
 *
 * @param result   the desired state of the node
 * @param sessions per instance name, its sessions
 */
public record Observed(Result result, Map<String, List<PeerSession>> sessions) {
    public Observed {
        Objects.requireNonNull(result, "result");
        sessions = Map.copyOf(sessions);
    }
}
