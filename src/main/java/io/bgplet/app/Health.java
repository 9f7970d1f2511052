package io.bgplet.app;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Liveness never depends on the API server or a peer (cilium#31702: an agent killed by its
 * liveness probe during an API outage took BGP down with it). Readiness says the config
 * source delivered its first snapshot and the speakers run.
 */
@ApplicationScoped
@RegisterForReflection
public class Health {
    @Inject
    Agent agent;

    @Liveness
    HealthCheck alive() {
        return () -> HealthCheckResponse.up("bgplet");
    }

    @Readiness
    HealthCheck ready() {
        return () -> HealthCheckResponse.named("config-source")
                .status(agent.synced())
                .withData("node", String.valueOf(agent.nodeName()))
                .withData("instances", agent.speakers().size())
                .build();
    }
}
