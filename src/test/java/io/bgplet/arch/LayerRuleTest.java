package io.bgplet.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layer rule of DESIGN.md: wire -> session -> speaker, wire -> rib -> policy -> speaker,
 * config -> speaker (port), k8s -> config, api -> speaker, wire -> rib -> fib (kernel routes
 * through FFM, no framework), app -> everything.
 */
class LayerRuleTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.bgplet");
    }

    private static void allowOnly(String layer, String... allowed) {
        StringBuilder forbidden = new StringBuilder();
        String[] all = {"wire", "session", "rib", "policy", "speaker", "config", "k8s", "api", "cli", "app", "fib"};
        java.util.List<String> ok = java.util.List.of(allowed);
        java.util.List<String> bad = new java.util.ArrayList<>();
        for (String l : all) if (!l.equals(layer) && !ok.contains(l)) bad.add("io.bgplet." + l + "..");
        ArchRule rule = noClasses().that().resideInAPackage("io.bgplet." + layer + "..")
                .should().dependOnClassesThat().resideInAnyPackage(bad.toArray(String[]::new))
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test void wireDependsOnNoOtherLayer() { allowOnly("wire"); }
    @Test void sessionUsesWireOnly() { allowOnly("session", "wire"); }
    @Test void ribUsesWireOnly() { allowOnly("rib", "wire"); }
    @Test void policyUsesRibAndWire() { allowOnly("policy", "rib", "wire"); }
    @Test void speakerUsesCoreLayers() { allowOnly("speaker", "wire", "session", "rib", "policy"); }
    @Test void configUsesSpeakerPortOnly() { allowOnly("config", "wire", "speaker"); }
    @Test void k8sFeedsConfig() { allowOnly("k8s", "config", "wire", "speaker"); }
    @Test void apiTranslatesToSpeaker() { allowOnly("api", "speaker", "wire", "rib", "policy", "session"); }
    @Test void cliUsesStubsOnly() { allowOnly("cli"); }
    /** The kernel FIB: the app bridges speaker events to it, so it sees only the RIB's types. */
    @Test void fibUsesRibAndWire() { allowOnly("fib", "rib", "wire"); }

    @Test
    void pureLayersImportNoFrameworks() {
        noClasses().that().resideInAnyPackage("io.bgplet.wire..", "io.bgplet.rib..", "io.bgplet.policy..", "io.bgplet.config..",
                        "io.bgplet.fib..")
                .or().resideInAPackage("io.bgplet.session")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.quarkus..", "io.grpc..", "io.fabric8..", "jakarta.enterprise..", "jakarta.inject..", "io.netty.channel..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void noCycles() {
        slices().matching("io.bgplet.(*)..").should().beFreeOfCycles().allowEmptyShould(true).check(classes);
    }
}
