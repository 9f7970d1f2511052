package io.bgplet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bgplet.config.model.CiliumBGPAdvertisement;
import io.bgplet.config.model.CiliumBGPClusterConfig;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.CiliumBGPNodeConfigOverride;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.schema.Checked;
import io.bgplet.config.schema.CrdGenerator;
import io.bgplet.config.schema.Rule;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * k8s/crds is generated from the model; this test fails when the committed files differ.
 * Regenerate with {@code mvn test -Dtest=CrdGeneratorTest -Dbgplet.regen=true}.
 */
class CrdGeneratorTest {
    static final List<Class<? extends Record>> KINDS = List.of(CiliumBGPClusterConfig.class, CiliumBGPPeerConfig.class,
            CiliumBGPAdvertisement.class, CiliumBGPNodeConfigOverride.class, CiliumBGPNodeConfig.class);
    private static final Path DIR = Path.of("k8s/crds");

    @Test
    void committedCrdsEqualTheGeneratorsOutput() throws Exception {
        List<String> stale = new ArrayList<>();
        for (Class<? extends Record> kind : KINDS) {
            Path file = DIR.resolve(CrdGenerator.fileName(kind));
            String yaml = CrdGenerator.yaml(kind);
            if (Boolean.getBoolean("bgplet.regen")) {
                Files.createDirectories(DIR);
                Files.writeString(file, yaml);
            }
            if (!Files.exists(file) || !Files.readString(file).equals(yaml)) stale.add(file.toString());
        }
        assertThat(stale).as("stale CRDs; regenerate with -Dbgplet.regen=true").isEmpty();
    }

    @Test
    void crdsCarryTheCiliumShapes() throws Exception {
        JsonNode peer = new YAMLMapper().readTree(CrdGenerator.yaml(CiliumBGPPeerConfig.class));
        assertThat(peer.at("/spec/names/shortNames/0").asText()).isEqualTo("cbgppeer");
        assertThat(peer.at("/spec/names/categories").toString()).isEqualTo("[\"cilium\",\"ciliumbgp\"]");
        JsonNode v2 = peer.at("/spec/versions/0");
        assertThat(v2.path("name").asText()).isEqualTo("v2");
        assertThat(v2.path("storage").asBoolean()).isTrue();
        assertThat(v2.at("/subresources/status").isObject()).isTrue();
        JsonNode alpha = peer.at("/spec/versions/1");
        assertThat(alpha.path("deprecated").asBoolean()).isTrue();
        assertThat(alpha.path("storage").asBoolean()).isFalse();
        JsonNode timers = v2.at("/schema/openAPIV3Schema/properties/spec/properties/timers");
        assertThat(timers.at("/properties/holdTimeSeconds/minimum").asInt()).isEqualTo(3);
        assertThat(timers.at("/properties/holdTimeSeconds/default").asInt()).isEqualTo(90);
        assertThat(timers.at("/x-kubernetes-validations/0/rule").asText()).isEqualTo("self.keepAliveTimeSeconds <= self.holdTimeSeconds");
        // transport.localPort only in v2alpha1, sourceInterface only in v2
        assertThat(v2.at("/schema/openAPIV3Schema/properties/spec/properties/transport/properties/localPort").isMissingNode()).isTrue();
        assertThat(alpha.at("/schema/openAPIV3Schema/properties/spec/properties/transport/properties/localPort").isObject()).isTrue();
        assertThat(alpha.at("/schema/openAPIV3Schema/properties/spec/properties/transport/properties/sourceInterface").isMissingNode()).isTrue();

        JsonNode advert = new YAMLMapper().readTree(CrdGenerator.yaml(CiliumBGPAdvertisement.class));
        assertThat(advert.at("/spec/versions/0/subresources").isMissingNode()).isTrue();
        JsonNode item = advert.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/advertisements/items");
        assertThat(item.path("x-kubernetes-validations")).hasSize(5);
        assertThat(item.at("/properties/advertisementType/enum")).hasSize(4);
        JsonNode alphaItem = advert.at("/spec/versions/1/schema/openAPIV3Schema/properties/spec/properties/advertisements/items");
        assertThat(alphaItem.path("x-kubernetes-validations")).hasSize(2);
        assertThat(alphaItem.at("/properties/advertisementType/enum")).hasSize(3);
        assertThat(alphaItem.at("/properties/interface").isMissingNode()).isTrue();

        JsonNode cluster = new YAMLMapper().readTree(CrdGenerator.yaml(CiliumBGPClusterConfig.class));
        JsonNode instances = cluster.at("/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/bgpInstances");
        assertThat(instances.path("maxItems").asInt()).isEqualTo(16);
        assertThat(instances.path("x-kubernetes-list-type").asText()).isEqualTo("map");
        assertThat(instances.at("/items/properties/localASN/maximum").asLong()).isEqualTo(4294967295L);
        assertThat(instances.at("/items/properties/peers/items/properties/peerASN/default").asInt()).isZero();
    }

    @Test
    void everyCelRuleHasItsJavaTwin() {
        for (Class<? extends Record> kind : KINDS) collect(kind, new ArrayList<>()).forEach(c -> {
            if (c.getAnnotationsByType(Rule.class).length > 0) assertThat(Checked.class).isAssignableFrom(c);
        });
    }

    private static List<Class<?>> collect(Class<?> c, List<Class<?>> seen) {
        if (seen.contains(c)) return seen;
        seen.add(c);
        for (Class<?> nested : c.getDeclaredClasses()) if (nested.isRecord()) collect(nested, seen);
        return seen;
    }
}
