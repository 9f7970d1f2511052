package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.message;
import static io.bgplet.wire.WireBytes.update;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published malformed inputs of reliability.md section 2 that apply to IPv4/IPv6
 * unicast, as raw messages. Each is a file of the fuzz regression corpus (run through the
 * invariants by {@link MessageFuzzTest#message}) and here gets its expected RFC 7606 outcome.
 * Regenerate the files with {@code -Dwire.writeCorpus=true}.
 */
class CveCorpusTest {
    static final Path DIR = Path.of("src/test/resources/io/bgplet/wire/MessageFuzzTestInputs/message");
    static final String ORIGIN = "40 01 01 00";
    static final String AS_PATH = "40 02 06 02 01 0000fde8";
    static final String NEXT_HOP = "40 03 04 c0000201";
    static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
    static final String NLRI = "18 c63364";
    static final String OPEN_FIXED = "04 fde8 005a c0000201";
    static final CodecOptions NEW = CodecOptions.MODERN;
    static final CodecOptions OLD = CodecOptions.INITIAL;
    static final CodecOptions NEW_EXTENDED = new CodecOptions(true, true, false);

    record Case(String name, byte[] bytes, CodecOptions options, Consumer<DecodeResult> expect) {
        @Override public String toString() { return name; }
    }

    static Consumer<DecodeResult> reset(int code, int subcode) {
        return r -> {
            assertThat(r).isInstanceOf(DecodeResult.Fatal.class);
            Notification n = ((DecodeResult.Fatal) r).notification();
            assertThat(n.code() + "/" + n.subcode()).isEqualTo(code + "/" + subcode);
        };
    }

    static Consumer<DecodeResult> salvaged(ErrorAction action) {
        return r -> {
            assertThat(r).isInstanceOf(DecodeResult.Salvaged.class);
            DecodeResult.Salvaged s = (DecodeResult.Salvaged) r;
            assertThat(s.action()).isEqualTo(action);
            if (action == ErrorAction.TREAT_AS_WITHDRAW) assertThat(s.update().treatAsWithdraw()).contains(Prefix.parse("198.51.100.0/24"));
        };
    }

    static Consumer<DecodeResult> ok(Consumer<Message> more) {
        return r -> {
            assertThat(r).isInstanceOf(DecodeResult.Ok.class);
            more.accept(((DecodeResult.Ok) r).message());
        };
    }

    static String asPathOf(int segments, int perSegment) {
        StringBuilder v = new StringBuilder();
        for (int s = 0; s < segments; s++) {
            v.append(String.format("02%02x", perSegment));
            for (int i = 0; i < perSegment; i++) v.append(String.format("%08x", 64512 + i));
        }
        int len = v.length() / 2;
        return (len > 255 ? String.format("50 02 %04x", len) : String.format("40 02 %02x", len)) + v;
    }

    static List<Case> cases() {
        return List.of(
                new Case("frr-cve-2022-40302-ext-opt-param-length-truncated", message(1, OPEN_FIXED, "ff ff 00"), OLD, reset(2, 0)),
                new Case("frr-cve-2022-40318-ext-opt-param-length-overrun", message(1, OPEN_FIXED, "ff ff 0010 02 0002 0200"), OLD, reset(2, 0)),
                new Case("frr-cve-2022-43681-open-ends-after-opt-len", message(1, OPEN_FIXED, "08"), OLD, reset(2, 0)),
                new Case("frr-cve-2022-36440-four-octet-as-capability-short", message(1, OPEN_FIXED, "04 02 02 4100"), OLD, reset(2, 0)),
                new Case("frr-cve-2022-37032-dynamic-capability-message", message(6, "00 00"), NEW, reset(1, 3)),
                new Case("frr-cve-2023-41361-software-version-capability-oversize", message(1, OPEN_FIXED, "06 02 04 49 ff 0102"), OLD, reset(2, 0)),
                new Case("gobgp-cve-2025-43971-software-version-capability-length-0", message(1, OPEN_FIXED, "04 02 02 49 00"), OLD,
                        ok(m -> assertThat(((Open) m).capabilities()).containsExactly(new Capability.Unknown(73, new byte[0])))),
                new Case("frr-cve-2023-41358-nlri-with-attribute-length-0", update("", "", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("frr-cve-2023-46752-mp-reach-next-hop-length-overrun", update("", ORIGIN + AS_PATH + "80 0e 05 0002 01 ff 00", ""), NEW, reset(3, 9)),
                new Case("frr-cve-2023-46753-only-unknown-attribute-31-with-nlri", update("", "c0 1f 02 abcd", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("frr-cve-2023-47234-mp-unreach-and-nlri-no-mandatory", update("", "80 0f 03 0002 01", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("frr-cve-2023-47235-eor-with-malformed-origin", update("", "80 0f 03 0002 01" + "40 01 01 09", ""), NEW, reset(3, 6)),
                new Case("frr-cve-2023-47235-eor-with-discardable-error", update("", "80 0f 03 0002 01" + "40 06 01 00", ""), NEW,
                        r -> assertThat(((DecodeResult.Salvaged) r).update().endOfRib()).contains(Family.IPV6_UNICAST)),
                new Case("frr-cve-2023-38802-corrupt-tunnel-encapsulation", update("", BASE + "c0 17 06 0001 0010 0102", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("frr-cve-2024-44070-tunnel-tlv-longer-than-attribute", update("", BASE + "c0 17 08 0001 ffff 01 02 0000", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("frr-cve-2023-31489-prefix-sid-tlv-overrun", update("", BASE + "c0 28 05 01 0009 0000", NLRI), NEW, salvaged(ErrorAction.ATTRIBUTE_DISCARD)),
                new Case("frr-cve-2024-31948-prefix-sid-bad-flags", update("", BASE + "80 28 06 01 0003 000001", NLRI), NEW, salvaged(ErrorAction.ATTRIBUTE_DISCARD)),
                new Case("frr-cve-2023-41359-aigp-length-0-kept-opaque", update("", BASE + "80 1a 00", NLRI), NEW, ok(m -> { })),
                new Case("openbgpd-cve-2023-38283-bad-attribute-length", update("", BASE + "80 04 05 0000000001", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("gobgp-cve-2026-41643-as4-path-before-as-path-malformed",
                        update("", ORIGIN + "c0 11 04 02 02 0001" + "40 02 04 02 01 fde8" + NEXT_HOP, NLRI), OLD, salvaged(ErrorAction.ATTRIBUTE_DISCARD)),
                new Case("gobgp-cve-2026-41642-unknown-attribute-with-o-0", update("", BASE + "40 63 01 00", NLRI), NEW, reset(3, 2)),
                new Case("gobgp-ghsa-frrj-87jh-2772-zero-length-as-path", update("", ORIGIN + "40 02 00" + NEXT_HOP, NLRI), NEW,
                        ok(m -> assertThat(((Update) m).attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.EMPTY))),
                new Case("gobgp-cve-2026-42285-inconsistent-attribute-lengths", update("", ORIGIN + AS_PATH + "40 03 20 c0000201", NLRI), NEW,
                        salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("gobgp-cve-2026-37462-update-length-underflow", message(2, "0000 ffff", ORIGIN), NEW, reset(3, 1)),
                new Case("gobgp-cve-2026-37462-withdrawn-length-underflow", message(2, "ffff 0000"), NEW, reset(3, 1)),
                new Case("gobgp-cve-2026-30405-next-hop-length-0", update("", ORIGIN + AS_PATH + "40 03 00", NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("gobgp-3392-origin-without-transitive-flag", update("", "00 01 01 00" + AS_PATH + NEXT_HOP, NLRI), NEW, salvaged(ErrorAction.TREAT_AS_WITHDRAW)),
                new Case("bird-cve-2019-16159-shutdown-communication-length", message(3, "06 02 ff 6869"), NEW,
                        ok(m -> assertThat(((Notification) m).shutdownCommunication()).isNull())),
                new Case("bird-cve-2026-49943-as-path-of-2295-asns", update("", ORIGIN + asPathOf(9, 255) + NEXT_HOP, NLRI), NEW_EXTENDED,
                        ok(m -> assertThat(((Update) m).attribute(Attribute.AsPath.class).orElseThrow().selectionLength()).isEqualTo(2295))),
                new Case("openbgpd-2012-nonzero-low-flag-bits", update("", "4f 01 01 00" + "4f 02 06 02 01 0000fde8" + "4f 03 04 c0000201" + "c7 08 04 fde80064", NLRI), NEW,
                        ok(m -> assertThat(((Update) m).attributes()).hasSize(4))),
                new Case("openbgpd-2009-as-path-over-255-asns", update("", ORIGIN + asPathOf(2, 200) + NEXT_HOP, NLRI), NEW,
                        ok(m -> assertThat(((Update) m).attribute(Attribute.AsPath.class).orElseThrow().prepend(65000, 100).selectionLength()).isEqualTo(500))),
                new Case("junose-as4-path-with-confederation-segment", update("", ORIGIN + "40 02 04 02 01 5ba0" + NEXT_HOP + "c0 11 06 03 01 fa56ea00", NLRI), OLD,
                        salvaged(ErrorAction.ATTRIBUTE_DISCARD)));
    }

    static Stream<Arguments> each() {
        return cases().stream().map(c -> Arguments.of(c.name(), c));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("each")
    void expectedOutcome(String name, Case c) {
        c.expect().accept(WireBytes.decode(c.bytes(), c.options()));
        FuzzInvariants.check(c.bytes());
    }

    @Test
    void corpusFilesAreTheseBytes() throws IOException {
        boolean write = Boolean.getBoolean("wire.writeCorpus");
        if (write) Files.createDirectories(DIR);
        for (Case c : cases()) {
            Path f = DIR.resolve(c.name());
            if (write) Files.write(f, c.bytes());
            assertThat(f).as(c.name()).exists();
            assertThat(Files.readAllBytes(f)).as(c.name()).isEqualTo(c.bytes());
        }
    }
}
