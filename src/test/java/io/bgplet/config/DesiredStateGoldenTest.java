package io.bgplet.config;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * YAML in, desired state out, in the manner of OpenBGPD's config tests ({@code .in -> .ok}):
 * every folder under src/test/resources/config with an input.yaml is a case whose rendered
 * result must equal expected.yaml. Regenerate after an intended change with
 * {@code mvn test -Dtest=DesiredStateGoldenTest -Dbgplet.regen=true} and review the diff.
 */
class DesiredStateGoldenTest {
    private static final boolean REGEN = Boolean.getBoolean("bgplet.regen");

    @TestFactory
    Stream<DynamicTest> goldenCases() throws Exception {
        return GoldenCases.all().stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(), () -> check(dir)));
    }

    private static void check(Path dir) throws Exception {
        GoldenCases.Case c = GoldenCases.load(dir);
        String actual = ResultText.render(DesiredState.compute(c.inputs(), c.node()));
        Path expected = dir.resolve("expected.yaml");
        if (REGEN || !Files.exists(expected)) {
            Files.writeString(expected, actual);
            if (!REGEN) throw new AssertionError(expected + " was missing and has been written; review it");
        }
        assertThat(actual).isEqualTo(Files.readString(expected));
    }

    @Test
    void thereAreCases() throws Exception {
        assertThat(GoldenCases.all()).hasSizeGreaterThanOrEqualTo(15);
    }
}
