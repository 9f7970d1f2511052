package io.bgplet.config;

import io.bgplet.config.model.EndpointSlice;
import io.bgplet.config.model.ObjectMeta;
import io.bgplet.config.model.Service;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The correctness guard of the incremental desired state: for every golden case, random
 * sequences of Service and EndpointSlice adds, updates and deletes (fixed seeds), the
 * incremental result equals {@link DesiredState#compute} of the same snapshot after every step.
 */
class IncrementalDesiredStateTest {
    private static final String[] NAMESPACES = {"default", "web", "other"};
    private static final String[] NAMES = {"web", "api", "db", "cache", "edge", "local-here", "cluster-policy", "s1", "s2", "s3"};
    private static final String[] IPV4 = {"192.0.2.20", "192.0.2.21", "192.0.2.22", "192.0.2.40", "192.0.2.41", "203.0.113.7",
            "198.18.0.9", "198.51.100.20", "198.51.100.21"};
    private static final String[] IPV6 = {"2001:db8::20", "2001:db8:1::9", "2001:db8:2::1"};
    private static final String[] TYPES = {"LoadBalancer", "LoadBalancer", "LoadBalancer", "ClusterIP", "NodePort", "ExternalName"};
    private static final String[] CLASSES = {null, null, null, Service.BGP_CONTROL_PLANE_CLASS, "other.io/lb"};

    @Test
    void equalsTheFullComputationForRandomServiceChanges() throws Exception {
        long incremental = 0;
        Map<String, Long> incrementalByCase = new HashMap<>();
        for (Path dir : GoldenCases.all()) {
            GoldenCases.Case c = GoldenCases.load(dir);
            for (long seed = 1; seed <= 4; seed++) {
                Random r = new Random(seed * 31 + dir.getFileName().toString().hashCode());
                IncrementalDesiredState inc = new IncrementalDesiredState(c.node());
                Inputs in = c.inputs();
                check(inc, in, c.node(), dir + " seed " + seed + " start");
                for (int step = 0; step < 150; step++) {
                    in = mutate(in, r, c.node());
                    check(inc, in, c.node(), dir + " seed " + seed + " step " + step);
                }
                incremental += inc.incrementalPasses();
                incrementalByCase.merge(dir.getFileName().toString(), inc.incrementalPasses(), Long::sum);
            }
        }
        // Not a vacuous pass: the cases with Service advertisements were mostly updated incrementally.
        assertThat(incremental).isGreaterThan(1000);
        for (String name : List.of("etp-local", "overlapping-merge", "aggregation", "service-lb-class")) {
            assertThat(incrementalByCase.get(name)).as(name).isGreaterThan(300L);
        }
    }

    @Test
    void aChangedNodeOrCrdComputesInFull() throws Exception {
        GoldenCases.Case c = GoldenCases.load(GoldenCases.ROOT.resolve("etp-local"));
        IncrementalDesiredState inc = new IncrementalDesiredState(c.node());
        inc.compute(c.inputs());
        assertThat(inc.lastWasIncremental()).isFalse();
        Inputs moved = c.inputs().withServices(c.inputs().services().subList(1, c.inputs().services().size()));
        assertThat(inc.compute(moved)).isEqualTo(DesiredState.compute(moved, c.node()));
        assertThat(inc.lastWasIncremental()).isTrue();
        Inputs noAdverts = new Inputs(moved.clusterConfigs(), moved.peerConfigs(), List.of(), moved.overrides(), moved.nodeConfigs(),
                moved.nodes(), moved.services(), moved.endpointSlices(), moved.secrets(), moved.podIPPools(), moved.ciliumNodes(),
                moved.host(), moved.secretsNamespace(), moved.problems());
        assertThat(inc.compute(noAdverts)).isEqualTo(DesiredState.compute(noAdverts, c.node()));
        assertThat(inc.lastWasIncremental()).isFalse();
    }

    private static void check(IncrementalDesiredState inc, Inputs in, String node, String what) {
        Result expected = DesiredState.compute(in, node);
        Result got = inc.compute(in);
        if (!got.equals(expected)) {
            assertThat(ResultText.render(got)).as(what + (inc.lastWasIncremental() ? " (incremental)" : " (full)"))
                    .isEqualTo(ResultText.render(expected));
        }
        assertThat(got).as(what).isEqualTo(expected);
    }

    /** One random change: mostly Services, some EndpointSlices, now and then a reorder or a change of something else. */
    private static Inputs mutate(Inputs in, Random r, String node) {
        List<Service> services = new ArrayList<>(in.services());
        List<EndpointSlice> slices = new ArrayList<>(in.endpointSlices());
        int op = r.nextInt(100);
        if (op < 30 || services.isEmpty()) {
            Service s = randomService(r);
            String key = ServiceContributions.key(s);
            // Names are unique per namespace in a cluster; a manifest folder can still hold two (op 0: keep them).
            boolean taken = services.stream().anyMatch(o -> ServiceContributions.key(o).equals(key));
            if (taken && op != 0) s = randomService(r, s.name() + "-" + r.nextInt(1_000_000), s.namespace());
            services.add(r.nextInt(services.size() + 1), s);
        } else if (op < 55) {
            int i = r.nextInt(services.size());
            Service old = services.get(i);
            services.set(i, randomService(r, old.metadata().name(), old.namespace()));
        } else if (op < 70) {
            services.remove(r.nextInt(services.size()));
        } else if (op < 85) {
            Service s = services.get(r.nextInt(services.size()));
            if (!slices.isEmpty() && r.nextBoolean()) slices.remove(r.nextInt(slices.size()));
            else slices.add(slice(s, r, node));
        } else if (op < 92) {
            Collections.shuffle(services, r);
        } else if (op < 96) {
            // Several at once, as a coalesced pass would bring.
            for (int k = 0; k < 5 && !services.isEmpty(); k++) {
                int i = r.nextInt(services.size());
                services.set(i, randomService(r, services.get(i).metadata().name(), services.get(i).namespace()));
            }
            services.add(randomService(r, "burst-" + r.nextInt(1_000_000), "web"));
        } else if (!in.advertisements().isEmpty()) {
            // Something other than Services: the next pass computes in full.
            List<io.bgplet.config.model.CiliumBGPAdvertisement> adverts = new ArrayList<>(in.advertisements());
            Collections.rotate(adverts, 1);
            return new Inputs(in.clusterConfigs(), in.peerConfigs(), r.nextBoolean() ? adverts : adverts.subList(1, adverts.size()),
                    in.overrides(), in.nodeConfigs(), in.nodes(), services, slices, in.secrets(), in.podIPPools(), in.ciliumNodes(),
                    in.host(), in.secretsNamespace(), in.problems());
        }
        return new Inputs(in.clusterConfigs(), in.peerConfigs(), in.advertisements(), in.overrides(), in.nodeConfigs(), in.nodes(),
                services, slices, in.secrets(), in.podIPPools(), in.ciliumNodes(), in.host(), in.secretsNamespace(), in.problems());
    }

    private static Service randomService(Random r) {
        return randomService(r, NAMES[r.nextInt(NAMES.length)], NAMESPACES[r.nextInt(NAMESPACES.length)]);
    }

    private static Service randomService(Random r, String name, String namespace) {
        Map<String, String> labels = new HashMap<>();
        if (r.nextBoolean()) labels.put("app", r.nextBoolean() ? "a" : "b");
        if (r.nextInt(3) == 0) labels.put("advertise", "bgp");
        if (r.nextInt(4) == 0) labels.put("somekey", "never-used-value");
        ObjectMeta meta = new ObjectMeta(name, namespace, labels, Map.of(), null, List.of());
        return new Service(meta, TYPES[r.nextInt(TYPES.length)], ips(r, 2), ips(r, 1), CLASSES[r.nextInt(CLASSES.length)], ips(r, 2),
                r.nextInt(3) == 0 ? "Local" : null, r.nextInt(4) == 0 ? "Local" : null);
    }

    private static List<String> ips(Random r, int max) {
        List<String> out = new ArrayList<>();
        int n = r.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(20);
            out.add(k == 0 ? "not-an-ip" : k < 4 ? IPV6[r.nextInt(IPV6.length)] : IPV4[r.nextInt(IPV4.length)]);
        }
        return out;
    }

    private static EndpointSlice slice(Service s, Random r, String node) {
        Map<String, String> labels = Map.of(EndpointSlice.SERVICE_NAME_LABEL, s.name());
        ObjectMeta meta = new ObjectMeta(s.name() + "-" + r.nextInt(1000), s.namespace(), labels, Map.of(), null, List.of());
        List<EndpointSlice.Endpoint> eps = new ArrayList<>();
        int n = 1 + r.nextInt(2);
        for (int i = 0; i < n; i++) {
            eps.add(new EndpointSlice.Endpoint(r.nextBoolean() ? node : "elsewhere", r.nextInt(4) != 0, null, r.nextInt(5) == 0));
        }
        return new EndpointSlice(meta, eps);
    }
}
