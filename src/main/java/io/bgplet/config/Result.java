package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.speaker.InstanceConfig;

import java.util.List;

/**
 * The desired state of one node.
 *
 * @param node          the node's name
 * @param clusterConfig the CiliumBGPClusterConfig that configures the node, or null when none selects it
 * @param nodeConfig    the CiliumBGPNodeConfig the operator would write (owner: clusterConfig), or null
 * @param instances     the speaker's configuration, one per instance that could be built
 * @param problems      what is wrong, sorted; each maps to a log line and, where Cilium has one, a condition
 */
public record Result(String node, String clusterConfig, CiliumBGPNodeConfig nodeConfig, List<InstanceConfig> instances,
                     List<Problem> problems) {
    public Result {
        instances = List.copyOf(instances);
        problems = problems.stream().distinct().sorted(Problem.ORDER).toList();
    }
}
