package io.bgplet.k8s.directory;

import io.bgplet.config.DesiredState;
import io.bgplet.config.Inputs;
import io.bgplet.config.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ManifestDirectoryTest {
    @TempDir
    Path dir;

    private final List<Inputs> heard = new CopyOnWriteArrayList<>();
    private ManifestDirectory source;

    @AfterEach
    void stop() {
        if (source != null) source.close();
    }

    private ManifestDirectory start(Duration poll) throws Exception {
        source = new ManifestDirectory(dir, heard::add, poll);
        source.start();
        return source;
    }

    private static String node(String name, String ip) {
        return "apiVersion: v1\nkind: Node\nmetadata: {name: " + name + ", labels: {enable-bgp: \"true\"}}\n"
                + "status: {addresses: [{type: InternalIP, address: " + ip + "}]}\n";
    }

    @Test
    void readsTheSeedLabAndComputesItsDesiredState() throws Exception {
        for (String f : List.of("cilium-bgp.yaml", "nodes.yaml")) Files.copy(Path.of("examples/seed-lab", f), dir.resolve(f));
        Files.writeString(dir.resolve("notes.txt"), "not a manifest");
        Files.writeString(dir.resolve("other.yml"), "apiVersion: example.com/v1\nkind: Unrelated\nmetadata: {name: x}\n");
        start(Duration.ofSeconds(30));
        Inputs in = source.snapshot();
        assertThat(in.nodes()).hasSize(3);
        assertThat(in.clusterConfigs()).hasSize(1);
        assertThat(in.peerConfigs()).hasSize(1);
        assertThat(in.advertisements()).hasSize(1);
        assertThat(in.problems()).isEmpty();
        assertThat(heard).hasSize(1);
        assertThat(DesiredState.compute(in, "k8s-w1").instances().getFirst().neighbors().getFirst().advertisements().values())
                .singleElement().satisfies(l -> assertThat(l.toString()).contains("198.18.1.0/24"));
    }

    @Test
    void seesChangesThroughTheWatch() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), node("n1", "198.51.100.1"));
        start(Duration.ofMinutes(10)); // the poll cannot be what notices
        Files.writeString(dir.resolve("b.yaml"), node("n2", "198.51.100.2"));
        await().atMost(Duration.ofSeconds(20)).until(() -> source.snapshot().nodes().size() == 2);
        Files.delete(dir.resolve("a.yaml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> source.snapshot().nodes().size() == 1);
        assertThat(source.snapshot().nodes().getFirst().name()).isEqualTo("n2");
    }

    @Test
    void pollFindsChangesTooAndUnchangedScansStaySilent() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), node("n1", "198.51.100.1"));
        start(Duration.ofMillis(200));
        Thread.sleep(700);
        assertThat(heard).hasSize(1); // polls of an unchanged folder notify nobody
        Files.writeString(dir.resolve("a.yaml"), node("n1", "198.51.100.9"));
        await().atMost(Duration.ofSeconds(10)).until(() -> source.snapshot().nodes().getFirst().internalIPs().toString().contains("198.51.100.9"));
    }

    @Test
    void aBrokenFileKeepsItsLastGoodContentAndNamesFileAndLine() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), node("n1", "198.51.100.1"));
        Files.writeString(dir.resolve("b.yaml"), node("n2", "198.51.100.2"));
        start(Duration.ofMinutes(10));
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: Node\nmetadata: {name: n1\n  labels: [\n");
        source.rescan();
        Inputs in = source.snapshot();
        assertThat(in.nodes()).extracting(n -> n.name()).containsExactly("n1", "n2");
        assertThat(in.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("file");
            assertThat(p.name()).isEqualTo("a.yaml");
            assertThat(p.path()).matches("line \\d+");
            assertThat(p.toString()).contains("keeping its last good content");
        });
        Files.writeString(dir.resolve("a.yaml"), node("n1", "198.51.100.1"));
        source.rescan();
        assertThat(source.snapshot().problems()).isEmpty();
    }

    @Test
    void aFileBrokenFromTheStartContributesOnlyItsProblem() throws Exception {
        Files.writeString(dir.resolve("bad.yaml"), "a: [\n");
        Files.writeString(dir.resolve("good.yaml"), node("n2", "198.51.100.2"));
        start(Duration.ofMinutes(10));
        assertThat(source.snapshot().nodes()).hasSize(1);
        assertThat(source.snapshot().problems()).extracting(Problem::name).containsExactly("bad.yaml");
    }

    @Test
    void invalidObjectsAreProblemsWhileTheRestLoads() throws Exception {
        Files.writeString(dir.resolve("a.yaml"), node("n1", "198.51.100.1") + "---\n"
                + "apiVersion: cilium.io/v2\nkind: CiliumBGPPeerConfig\nmetadata: {name: cilium-peer}\nspec: {timers: {holdTimeSeconds: 2}}\n");
        start(Duration.ofMinutes(10));
        assertThat(source.snapshot().nodes()).hasSize(1);
        assertThat(source.snapshot().peerConfigs()).isEmpty();
        assertThat(source.snapshot().problems()).extracting(Problem::toString)
                .containsExactly("CiliumBGPPeerConfig cilium-peer: spec.timers.holdTimeSeconds: must be 3..65535, got 2");
    }

    @Test
    void aBurstOfWritesIsCoalesced() throws Exception {
        start(Duration.ofMinutes(10));
        for (int i = 0; i < 20; i++) Files.writeString(dir.resolve("n" + i + ".yaml"), node("n" + i, "198.51.100." + (i + 1)));
        await().atMost(Duration.ofSeconds(20)).until(() -> source.snapshot().nodes().size() == 20);
        // first snapshot (empty) plus far fewer than one per file
        assertThat(heard.size()).isLessThan(10);
    }

    @Test
    void aWatchPassReadsTheNamedFilesAndSkipsHiddenTempFiles() throws Exception {
        for (int i = 0; i < 50; i++) Files.writeString(dir.resolve("n" + i + ".yaml"), node("n" + i, "198.51.100." + (i + 1)));
        start(Duration.ofMinutes(10)); // the poll cannot be what notices
        int before = heard.size();
        // An atomic write: a hidden temp file renamed over the target, as the bench and editors do.
        Path tmp = dir.resolve(".n7.yaml.tmp");
        Files.writeString(tmp, node("n7", "198.51.100.207"));
        Files.move(tmp, dir.resolve("n7.yaml"), java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(20)).until(() -> source.snapshot().nodes().stream()
                .anyMatch(n -> n.name().equals("n7") && n.internalIPs().toString().contains("198.51.100.207")));
        assertThat(source.snapshot().nodes()).hasSize(50);
        Thread.sleep(300);
        assertThat(heard.size() - before).isEqualTo(1); // the temp file's own events changed nothing
        Files.delete(dir.resolve("n8.yaml"));
        await().atMost(Duration.ofSeconds(20)).until(() -> source.snapshot().nodes().size() == 49);
    }

    @Test
    void aConfigMapDataSwapIsSeenThroughTheWatch() throws Exception {
        // Kubernetes' atomic writer: a.yaml -> ..data/a.yaml, ..data -> ..v1; an update swaps ..data to ..v2.
        Files.createDirectories(dir.resolve("..v1"));
        Files.writeString(dir.resolve("..v1/a.yaml"), node("n1", "198.51.100.1"));
        Files.createSymbolicLink(dir.resolve("..data"), Path.of("..v1"));
        Files.createSymbolicLink(dir.resolve("a.yaml"), Path.of("..data/a.yaml"));
        start(Duration.ofMinutes(10));
        assertThat(source.snapshot().nodes().getFirst().internalIPs().toString()).contains("198.51.100.1");
        Files.createDirectories(dir.resolve("..v2"));
        Files.writeString(dir.resolve("..v2/a.yaml"), node("n1", "198.51.100.2"));
        Files.createSymbolicLink(dir.resolve("..data_tmp"), Path.of("..v2"));
        Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        await().atMost(Duration.ofSeconds(20)).until(() -> source.snapshot().nodes().getFirst().internalIPs().toString().contains("198.51.100.2"));
    }
}
