package io.bgplet.api;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node in two BGP instances: the first is served on the API port (test port 50151 here,
 * 50051 in production), the second on the next port, each bound to its own instance.
 */
@QuarkusTest
@TestProfile(GobgpInstancePortsTest.Profile.class)
class GobgpInstancePortsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                Path dir = Files.createTempDirectory("bgplet-api-ports");
                Files.write(dir.resolve("lab.yaml"), GobgpInstancePortsTest.class.getResourceAsStream("/api-ports/lab.yaml").readAllBytes());
                return Map.of("bgplet.source", "directory", "bgplet.directory", dir.toString(), "bgplet.node-name", "ports-node");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    private static GobgpCommand gobgp(int port, String... args) throws Exception {
        return GobgpCommand.run(port, args);
    }

    @Test
    void eachInstanceHasItsOwnPort() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> gobgp(port + 1, "global").exit() == 0);
        assertThat(gobgp(port, "global").output()).startsWith("AS:        65001\n");
        assertThat(gobgp(port + 1, "global").output()).startsWith("AS:        65011\n");
        assertThat(gobgp(port, "neighbor").output()).contains("127.0.0.3").doesNotContain("127.0.0.4");
        assertThat(gobgp(port + 1, "neighbor").output()).contains("127.0.0.4").doesNotContain("127.0.0.3");

        // A path added on the second port goes into the second instance only.
        GobgpCommand add = gobgp(port + 1, "global", "rib", "add", "192.0.2.0/24", "nexthop", "198.51.100.1");
        assertThat(add.exit()).as(add.output()).isZero();
        assertThat(gobgp(port + 1, "global", "rib").output()).contains("192.0.2.0/24");
        assertThat(gobgp(port, "global", "rib").output()).doesNotContain("192.0.2.0/24");

        GobgpCommand third = gobgp(port + 2, "global");
        assertThat(third.exit()).as("nothing listens for a third instance").isEqualTo(1);
    }
}
