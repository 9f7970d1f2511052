package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 6793 4.2.3: what a NEW speaker makes of AS_PATH and AS4_PATH from an OLD one. */
class As4ConversionTest {
    static final String ORIGIN = "40 01 01 00";
    static final String NEXT_HOP = "40 03 04 c0000201";

    static Update decodeOld(String attributes) {
        DecodeResult r = WireBytes.decode(WireBytes.update("", ORIGIN + NEXT_HOP + attributes, "18 c63364"), CodecOptions.INITIAL);
        assertThat(r).isInstanceOf(DecodeResult.Ok.class);
        return (Update) ((DecodeResult.Ok) r).message();
    }

    @Test
    void leadingAsnsOfAsPathArePrependedToAs4Path() {
        // AS_PATH has 3 ASNs, AS4_PATH 2: the first ASN of AS_PATH goes in front of AS4_PATH.
        Update u = decodeOld("40 02 08 02 03 fde9 fdea 5ba0" + "c0 11 0a 02 02 fa56ea00 00011170");
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(65001, 4200000000L, 70000));
        assertThat(u.attributes()).noneMatch(a -> a instanceof Attribute.As4Path || a instanceof Attribute.As4Aggregator);
    }

    @Test
    void longerAs4PathIsIgnored() {
        Update u = decodeOld("40 02 04 02 01 5ba0" + "c0 11 0a 02 02 fa56ea00 00011170");
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(Open.AS_TRANS));
    }

    @Test
    void aggregatorOtherThanAsTransVoidsBothAs4Attributes() {
        Update u = decodeOld("40 02 04 02 01 5ba0" + "c0 07 06 fde8 c0000202" + "c0 11 06 02 01 fa56ea00" + "c0 12 08 fa56ea00 c0000203");
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(Open.AS_TRANS));
        assertThat(u.attribute(Attribute.Aggregator.class)).contains(new Attribute.Aggregator(65000, RandomMessages.v4(0xC0000202)));
    }

    @Test
    void asTransAggregatorTakesAs4Aggregator() {
        Update u = decodeOld("40 02 04 02 01 5ba0" + "c0 07 06 5ba0 c0000202" + "c0 11 06 02 01 fa56ea00" + "c0 12 08 fa56ea00 c0000203");
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(4200000000L));
        assertThat(u.attribute(Attribute.Aggregator.class)).contains(new Attribute.Aggregator(4200000000L, RandomMessages.v4(0xC0000203)));
    }

    @Test
    void leadingConfederationSegmentsAreKept() {
        Update u = decodeOld("40 02 0a 03 01 fde8 02 02 fde9 5ba0" + "c0 11 0a 02 02 0000fde9 fa56ea00");
        assertThat(u.attribute(Attribute.AsPath.class).orElseThrow().segments()).containsExactly(
                new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {65000}),
                new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65001, 4200000000L}));
    }

    @Test
    void as4PathBeforeAsPathIsFine() {
        // GoBGP CVE-2026-41643 shape, well-formed: order on the wire does not matter.
        Update u = decodeOld("c0 11 06 02 01 fa56ea00" + "40 02 04 02 01 5ba0");
        assertThat(u.attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(4200000000L));
    }

    @Test
    void as4AttributesOnANewSessionAreDiscarded() {
        DecodeResult r = WireBytes.decode(WireBytes.update("", ORIGIN + NEXT_HOP + "40 02 06 02 01 0000fde8" + "c0 11 06 02 01 fa56ea00", "18 c63364"),
                CodecOptions.MODERN);
        DecodeResult.Salvaged s = (DecodeResult.Salvaged) r;
        assertThat(s.action()).isEqualTo(ErrorAction.ATTRIBUTE_DISCARD);
        assertThat(s.update().attribute(Attribute.AsPath.class)).contains(Attribute.AsPath.sequence(65000));
        assertThat(s.update().attributes()).hasSize(3);
    }

    @Test
    void encodingForOldPeerWithoutWideAsnsAddsNothing() {
        Update u = new Update(List.of(), List.of(Attribute.Origin.IGP_ORIGIN, Attribute.AsPath.sequence(65000),
                new Attribute.NextHop(RandomMessages.v4(0xC0000201))), List.of(Prefix.parse("198.51.100.0/24")));
        assertThat(WireBytes.hexOf(WireBytes.encode(u, CodecOptions.INITIAL))).contains(WireBytes.hexOf(hex("40 02 04 02 01 fde8"))).doesNotContain("c011");
    }
}
