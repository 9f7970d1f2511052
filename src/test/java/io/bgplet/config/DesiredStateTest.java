package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPNodeConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class DesiredStateTest {
    private static <T> List<T> shuffled(List<T> l, Random r) {
        List<T> c = new ArrayList<>(l);
        Collections.shuffle(c, r);
        return c;
    }

    @Test
    void theResultDoesNotDependOnInputOrder() throws Exception {
        for (Path dir : GoldenCases.all()) {
            GoldenCases.Case c = GoldenCases.load(dir);
            String expected = ResultText.render(DesiredState.compute(c.inputs(), c.node()));
            Random r = new Random(dir.hashCode());
            for (int i = 0; i < 5; i++) {
                Inputs in = c.inputs();
                Inputs s = new Inputs(shuffled(in.clusterConfigs(), r), shuffled(in.peerConfigs(), r), shuffled(in.advertisements(), r),
                        shuffled(in.overrides(), r), shuffled(in.nodeConfigs(), r), shuffled(in.nodes(), r), shuffled(in.services(), r),
                        shuffled(in.endpointSlices(), r), shuffled(in.secrets(), r), in.podIPPools(), in.ciliumNodes(), in.host(),
                        in.secretsNamespace(), shuffled(in.problems(), r));
                assertThat(ResultText.render(DesiredState.compute(s, c.node()))).as(dir.toString()).isEqualTo(expected);
            }
        }
    }

    @Test
    void theNodeConfigRoundTripsThroughJson() throws Exception {
        GoldenCases.Case c = GoldenCases.load(GoldenCases.ROOT.resolve("overrides"));
        CiliumBGPNodeConfig nc = DesiredState.compute(c.inputs(), c.node()).nodeConfig();
        String json = ModelJson.text(nc);
        assertThat(json).contains("\"ownerReferences\"").contains("\"controller\" : true").doesNotContain("null");
        Manifests.Parsed back = Manifests.parse(json);
        assertThat(back.problems()).isEmpty();
        CiliumBGPNodeConfig read = (CiliumBGPNodeConfig) back.objects().getFirst();
        assertThat(read.spec()).isEqualTo(nc.spec());
        assertThat(read.metadata().controller("CiliumBGPClusterConfig").name()).isEqualTo("cc");
    }

    @Test
    void aMissingNodeConfiguresNothing() throws Exception {
        GoldenCases.Case c = GoldenCases.load(GoldenCases.ROOT.resolve("seed-lab-k8s-ctr"));
        Result r = DesiredState.compute(c.inputs(), "no-such-node");
        assertThat(r.instances()).isEmpty();
        assertThat(r.problems()).extracting(Problem::toString).contains("Node no-such-node: not found; nothing is configured");
    }
}
