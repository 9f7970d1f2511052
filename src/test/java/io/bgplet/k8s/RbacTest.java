package io.bgplet.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The RBAC in k8s/rbac.yaml grants exactly what the code uses, as listed in
 * {@link ApiResource#ALL}: no verb more (least privilege), no verb less (a missing one shows
 * up only as a 403 in a live cluster).
 */
class RbacTest {

    /** group/resource -> verbs, from the code's table; key "ns:" marks the secrets-namespace Role. */
    private static Map<String, Set<String>> fromCode() {
        Map<String, Set<String>> m = new HashMap<>();
        for (ApiResource r : ApiResource.ALL) {
            String prefix = r.scope() == ApiResource.Scope.SECRETS_NAMESPACE ? "ns:" : "";
            m.computeIfAbsent(prefix + r.group() + "/" + r.plural(), k -> new TreeSet<>()).addAll(r.verbs());
            if (!r.statusVerbs().isEmpty()) m.computeIfAbsent(prefix + r.group() + "/" + r.plural() + "/status", k -> new TreeSet<>()).addAll(r.statusVerbs());
        }
        return m;
    }

    private static Map<String, Set<String>> fromYaml() {
        Map<String, Set<String>> m = new HashMap<>();
        for (JsonNode d : K8sManifests.read(K8sManifests.DIR.resolve("rbac.yaml"))) {
            String kind = d.path("kind").asText();
            if (!kind.equals("ClusterRole") && !kind.equals("Role")) continue;
            String prefix = kind.equals("Role") ? "ns:" : "";
            for (JsonNode rule : d.path("rules")) {
                assertThat(rule.has("resourceNames")).isFalse();
                for (JsonNode g : rule.path("apiGroups")) {
                    for (JsonNode res : rule.path("resources")) {
                        Set<String> verbs = m.computeIfAbsent(prefix + g.asText() + "/" + res.asText(), k -> new TreeSet<>());
                        rule.path("verbs").forEach(v -> verbs.add(v.asText()));
                    }
                }
            }
        }
        return m;
    }

    @Test
    void rbacGrantsExactlyTheVerbsTheCodeUses() {
        assertThat(fromYaml()).isEqualTo(fromCode());
    }

    @Test
    void noWildcardsAndSecretsOnlyInTheirNamespace() {
        Map<String, Set<String>> yaml = fromYaml();
        for (Map.Entry<String, Set<String>> e : yaml.entrySet()) {
            assertThat(e.getKey()).doesNotContain("*");
            assertThat(e.getValue()).doesNotContain("*");
        }
        assertThat(yaml.keySet()).filteredOn(k -> k.contains("secrets")).containsExactly("ns:/secrets");
        JsonNode role = K8sManifests.one("Role", "bgplet-secrets");
        assertThat(role.path("metadata").path("namespace").asText()).isEqualTo("kube-system"); // bgplet.secrets-namespace's default
    }

    @Test
    void theOnlyWritesAreTheNodeConfigAndItsStatus() {
        Set<String> writes = new TreeSet<>();
        fromYaml().forEach((res, verbs) -> {
            for (String v : verbs) if (!v.equals("list") && !v.equals("watch")) writes.add(res + ":" + v);
        });
        assertThat(writes).containsExactlyInAnyOrder("cilium.io/ciliumbgpnodeconfigs:create", "cilium.io/ciliumbgpnodeconfigs:patch",
                "cilium.io/ciliumbgpnodeconfigs/status:patch");
    }
}
