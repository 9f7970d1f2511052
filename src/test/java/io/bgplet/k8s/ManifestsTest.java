package io.bgplet.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every manifest under k8s/ parses, has a known kind and apiVersion and the fields its kind requires. */
class ManifestsTest {
    private static final Map<String, String> API_VERSIONS = Map.of(
            "ServiceAccount", "v1",
            "ClusterRole", "rbac.authorization.k8s.io/v1",
            "ClusterRoleBinding", "rbac.authorization.k8s.io/v1",
            "Role", "rbac.authorization.k8s.io/v1",
            "RoleBinding", "rbac.authorization.k8s.io/v1",
            "DaemonSet", "apps/v1",
            "CustomResourceDefinition", "apiextensions.k8s.io/v1");

    @Test
    void everyDocumentHasAKnownKindAndApiVersionAndAName() {
        List<JsonNode> docs = K8sManifests.all();
        assertThat(docs).hasSizeGreaterThanOrEqualTo(11);
        for (JsonNode d : docs) {
            String kind = d.path("kind").asText();
            assertThat(API_VERSIONS).as("kind of %s", d.path("metadata")).containsKey(kind);
            assertThat(d.path("apiVersion").asText()).as(kind).isEqualTo(API_VERSIONS.get(kind));
            assertThat(d.path("metadata").path("name").asText()).as(kind).isNotEmpty();
            switch (kind) {
                case "ClusterRole", "Role" -> assertThat(d.path("rules").isArray() && !d.path("rules").isEmpty()).as(kind).isTrue();
                case "ClusterRoleBinding", "RoleBinding" -> {
                    assertThat(d.path("roleRef").path("name").asText()).isNotEmpty();
                    assertThat(d.path("subjects").get(0).path("kind").asText()).isEqualTo("ServiceAccount");
                }
                case "CustomResourceDefinition" -> {
                    assertThat(d.path("spec").path("group").asText()).isEqualTo("cilium.io");
                    assertThat(d.path("spec").path("versions").findValuesAsText("name")).contains("v2");
                }
                default -> { }
            }
            if (kind.equals("Role") || kind.equals("RoleBinding") || kind.equals("ServiceAccount") || kind.equals("DaemonSet")) {
                assertThat(d.path("metadata").path("namespace").asText()).as(kind + " namespace").isEqualTo("kube-system");
            }
        }
    }

    @Test
    void bindingsPointAtRolesAndTheServiceAccountThatExist() {
        for (JsonNode d : K8sManifests.all()) {
            String kind = d.path("kind").asText();
            if (!kind.endsWith("Binding")) continue;
            K8sManifests.one(d.path("roleRef").path("kind").asText(), d.path("roleRef").path("name").asText());
            JsonNode sa = d.path("subjects").get(0);
            JsonNode account = K8sManifests.one("ServiceAccount", sa.path("name").asText());
            assertThat(sa.path("namespace").asText()).isEqualTo(account.path("metadata").path("namespace").asText());
        }
    }

    @Test
    void daemonSetRunsOnTheHostNetworkWithProbesLimitsAndNoCapabilities() {
        JsonNode ds = K8sManifests.one("DaemonSet", "bgplet");
        JsonNode pod = ds.path("spec").path("template").path("spec");
        assertThat(ds.path("spec").path("selector").path("matchLabels"))
                .isEqualTo(ds.path("spec").path("template").path("metadata").path("labels"));
        assertThat(pod.path("hostNetwork").asBoolean()).isTrue();
        assertThat(pod.path("serviceAccountName").asText()).isEqualTo(K8sManifests.one("ServiceAccount", "bgplet").path("metadata").path("name").asText());
        JsonNode c = pod.path("containers").get(0);
        JsonNode nodeName = null;
        for (JsonNode e : c.path("env")) if (e.path("name").asText().equals("NODE_NAME")) nodeName = e;
        assertThat(nodeName).isNotNull();
        assertThat(nodeName.path("valueFrom").path("fieldRef").path("fieldPath").asText()).isEqualTo("spec.nodeName");
        assertThat(c.path("livenessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/live");
        assertThat(c.path("livenessProbe").path("httpGet").path("port").asInt()).isEqualTo(8080);
        assertThat(c.path("readinessProbe").path("httpGet").path("path").asText()).isEqualTo("/q/health/ready");
        assertThat(c.path("readinessProbe").path("httpGet").path("port").asInt()).isEqualTo(8080);
        assertThat(c.path("resources").path("requests").path("cpu").asText()).isNotEmpty();
        assertThat(c.path("resources").path("requests").path("memory").asText()).isNotEmpty();
        assertThat(c.path("resources").path("limits").path("memory").asText()).isNotEmpty();
        JsonNode sc = c.path("securityContext");
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("capabilities").path("drop").findValuesAsText("drop")).isEmpty();
        assertThat(sc.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
        assertThat(sc.path("capabilities").has("add")).as("capabilities are opt-in (commented)").isFalse();
        // A read-only root needs a writable /tmp for the JVM and Netty's native library.
        assertThat(c.path("volumeMounts").findValuesAsText("mountPath")).contains("/tmp");
    }

    @Test
    void kustomizationListsEveryManifestAndEveryCrd() throws Exception {
        JsonNode k = K8sManifests.read(K8sManifests.DIR.resolve("kustomization.yaml")).getFirst();
        List<String> resources = new ArrayList<>();
        k.path("resources").forEach(r -> resources.add(r.asText()));
        List<String> expected = new ArrayList<>();
        for (Path f : K8sManifests.files()) {
            String rel = K8sManifests.DIR.relativize(f).toString();
            if (!f.getFileName().toString().equals("kustomization.yaml")) expected.add(rel);
        }
        assertThat(resources).containsExactlyInAnyOrderElementsOf(expected);
        for (String r : resources) assertThat(Files.exists(K8sManifests.DIR.resolve(r))).as(r).isTrue();
    }

    @Test
    void theInstallRoutesOverlayAddsNetAdminAndNothingElse() throws Exception {
        JsonNode k = K8sManifests.read(K8sManifests.DIR.resolve("install-routes/kustomization.yaml")).getFirst();
        assertThat(k.path("resources").get(0).asText()).isEqualTo("..");
        JsonNode patch = k.path("patches").get(0);
        assertThat(patch.path("target").path("kind").asText()).isEqualTo("DaemonSet");
        com.fasterxml.jackson.databind.node.ObjectNode ds = K8sManifests.one("DaemonSet", patch.path("target").path("name").asText()).deepCopy();
        // Apply the JSON 6902 operations (add and replace of object members, all this overlay uses).
        JsonNode ops = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
                .readTree(patch.path("patch").asText());
        assertThat(ops).hasSize(3);
        for (JsonNode op : ops) {
            com.fasterxml.jackson.core.JsonPointer path = com.fasterxml.jackson.core.JsonPointer.compile(op.path("path").asText());
            JsonNode parent = ds.at(path.head());
            assertThat(parent.isObject()).as("parent of %s exists", path).isTrue();
            String member = path.last().getMatchingProperty();
            if (op.path("op").asText().equals("replace")) assertThat(parent.has(member)).as("%s exists to replace", path).isTrue();
            else assertThat(op.path("op").asText()).isEqualTo("add");
            ((com.fasterxml.jackson.databind.node.ObjectNode) parent).set(member, op.path("value"));
        }
        JsonNode sc = ds.path("spec").path("template").path("spec").path("containers").get(0).path("securityContext");
        assertThat(sc.path("capabilities").path("add").findValuesAsText("add")).isEmpty();
        assertThat(sc.path("capabilities").path("add")).hasSize(1);
        assertThat(sc.path("capabilities").path("add").get(0).asText()).isEqualTo("NET_ADMIN");
        assertThat(sc.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
        assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    }

    @Test
    void dockerfilesUseTheAgreedImages() throws Exception {
        String jvm = Files.readString(Path.of("Dockerfile.jvm"));
        String nat = Files.readString(Path.of("Dockerfile.native"));
        assertThat(jvm).contains("FROM eclipse-temurin:25-jre").contains("quarkus-run.jar").contains("USER 65532");
        assertThat(nat).contains("FROM quay.io/quarkus/ubi9-quarkus-mandrel-builder-image:jdk-25 AS build")
                .contains("-Dnative").contains("ubi9/ubi-minimal").contains("COPY --from=build").contains("USER 65532");
    }
}
