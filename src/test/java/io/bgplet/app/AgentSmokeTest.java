package io.bgplet.app;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole agent on the directory source: desired state reaches a speaker, health says
 * ready, and the metrics carry Cilium's names and labels.
 */
@QuarkusTest
@TestProfile(AgentSmokeTest.Profile.class)
class AgentSmokeTest {
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("bgplet.source", "directory", "bgplet.directory", "src/test/resources/app-smoke",
                    "bgplet.node-name", "smoke-node");
        }
    }

    @Inject
    Agent agent;

    @io.quarkus.test.common.http.TestHTTPResource("/q/metrics")
    URI metrics;

    @io.quarkus.test.common.http.TestHTTPResource("/q/health/ready")
    URI ready;

    private static String get(URI uri) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        return r.statusCode() + " " + r.body();
    }

    @Test
    void desiredStateReachesTheSpeakerAndMetricsUseCiliumNames() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.speakers().containsKey("instance-65001"));
        assertThat(agent.lastResult().instances()).singleElement().satisfies(ic -> {
            assertThat(ic.localAs()).isEqualTo(65001);
            assertThat(ic.routerId().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(ic.neighbors()).singleElement().satisfies(n -> assertThat(n.port()).isEqualTo(1790));
        });
        assertThat(get(ready)).startsWith("200");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(get(metrics))
                .contains("cilium_bgp_control_plane_session_state{neighbor=\"127.0.0.9\",neighbor_asn=\"65000\",vrouter=\"65001\"} 0.0")
                .contains("cilium_bgp_control_plane_reconcile_run_duration_seconds"));
    }
}
