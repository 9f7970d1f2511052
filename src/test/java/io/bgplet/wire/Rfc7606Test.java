package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One case per row of reliability.md 1.1 (RFC 7606): the general table, then the table per
 * attribute. Each builds the UPDATE's bytes and checks the action and, for a reset, the
 * exact NOTIFICATION.
 */
class Rfc7606Test {
    static final String ORIGIN = "40 01 01 00";
    static final String AS_PATH = "40 02 06 02 01 0000fde8";
    static final String NEXT_HOP = "40 03 04 c0000201";
    static final String BASE = ORIGIN + AS_PATH + NEXT_HOP;
    static final String NLRI = "18 c63364";
    static final String LOCAL_PREF = "40 05 04 00000064";
    static final String MP_REACH_V6 = "80 0e 1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8";
    static final CodecOptions EBGP = CodecOptions.MODERN;
    static final CodecOptions IBGP = new CodecOptions(true, false, true);
    static final CodecOptions OLD = CodecOptions.INITIAL;

    static final ErrorAction OK = ErrorAction.NONE;
    static final ErrorAction DISCARD = ErrorAction.ATTRIBUTE_DISCARD;
    static final ErrorAction TAW = ErrorAction.TREAT_AS_WITHDRAW;

    static byte[] withNlri(String attributes) {
        return WireBytes.update("", attributes, NLRI);
    }

    static Arguments ok(String row, byte[] m, CodecOptions o, ErrorAction action) {
        return Arguments.of(row, m, o, action, null);
    }

    static Arguments reset(String row, byte[] m, CodecOptions o, int subcode, String data) {
        return Arguments.of(row, m, o, ErrorAction.SESSION_RESET, new Notification(3, subcode, hex(data)));
    }

    static Stream<Arguments> general() {
        return Stream.of(
                reset("withdrawn len + attr len + 23 > message length", WireBytes.message(2, "0000", "0010", ORIGIN), EBGP, 1, ""),
                reset("withdrawn len alone overruns", WireBytes.message(2, "0040", "0000"), EBGP, 1, ""),
                reset("MP_REACH twice", WireBytes.update("", ORIGIN + AS_PATH + MP_REACH_V6 + MP_REACH_V6, ""), EBGP, 1, ""),
                reset("MP_UNREACH twice", WireBytes.update("", "800f0300020180 0f 03 0002 01", ""), EBGP, 1, ""),
                ok("other attribute repeated: first kept", withNlri(BASE + "40 01 01 02"), EBGP, DISCARD),
                ok("last attribute overruns total attr len", withNlri(BASE + "c0 08 08 fde80064"), EBGP, TAW),
                ok("fewer than 3 octets left", withNlri(BASE + "c0 08"), EBGP, TAW),
                ok("fewer than 4 octets left with extended length", withNlri(BASE + "d0 08 00"), EBGP, TAW),
                reset("MP_REACH itself overruns: NLRI cannot be located", WireBytes.update("", ORIGIN + AS_PATH + "80 0e 40 0002 01", ""), EBGP, 1, ""),
                ok("ORIGIN missing with NLRI", withNlri(AS_PATH + NEXT_HOP), EBGP, TAW),
                ok("AS_PATH missing with NLRI", withNlri(ORIGIN + NEXT_HOP), EBGP, TAW),
                ok("NEXT_HOP missing with IPv4 NLRI", withNlri(ORIGIN + AS_PATH), EBGP, TAW),
                ok("NEXT_HOP not needed with MP_REACH only", WireBytes.update("", ORIGIN + AS_PATH + MP_REACH_V6, ""), EBGP, OK),
                ok("LOCAL_PREF missing from iBGP", withNlri(BASE), IBGP, TAW),
                ok("mandatory attributes not needed without NLRI", WireBytes.update("", "80 04 04 00000001", ""), EBGP, OK),
                ok("flags O/T conflict", withNlri("c0 01 01 00" + AS_PATH + NEXT_HOP), EBGP, TAW),
                ok("Partial on a well-known attribute", withNlri("60 01 01 00" + AS_PATH + NEXT_HOP), EBGP, TAW),
                ok("low 4 flag bits ignored", withNlri("4f 01 01 00" + "47 02 06 02 01 0000fde8" + NEXT_HOP), EBGP, OK),
                ok("zero-length ORIGIN is malformed", withNlri("40 01 00" + AS_PATH + NEXT_HOP), EBGP, TAW),
                ok("zero-length AS_PATH is fine", withNlri(ORIGIN + "40 02 00" + NEXT_HOP), EBGP, OK),
                ok("zero-length ATOMIC_AGGREGATE is fine", withNlri(BASE + "40 06 00"), EBGP, OK),
                reset("IPv4 NLRI prefix length > 32", WireBytes.update("", BASE, "21 c0000201 00"), EBGP, 10, ""),
                reset("IPv4 NLRI overrun", WireBytes.update("", BASE, "18 c633"), EBGP, 10, ""),
                reset("IPv4 withdrawn prefix length > 32", WireBytes.update("28 c0000201 00", "", ""), EBGP, 10, ""),
                reset("MP_REACH bad next-hop length", WireBytes.update("", ORIGIN + AS_PATH + "80 0e 0f 0002 01 05 2001db8000 00 20 20010db8", ""), EBGP, 9,
                        "80 0e 0f 0002 01 05 2001db8000 00 20 20010db8"),
                reset("MP_REACH NLRI overrun", WireBytes.update("", ORIGIN + AS_PATH + "80 0e 18 0002 01 10 20010db8000000000000000000000001 00 40 2001", ""), EBGP, 9,
                        "80 0e 18 0002 01 10 20010db8000000000000000000000001 00 40 2001"),
                reset("MP_REACH too short", WireBytes.update("", ORIGIN + AS_PATH + "80 0e 04 0002 0100", ""), EBGP, 9, "80 0e 04 0002 0100"),
                reset("MP_UNREACH too short", WireBytes.update("", "80 0f 02 0002", ""), EBGP, 9, "80 0f 02 0002"),
                reset("MP_UNREACH prefix length > 128", WireBytes.update("", "80 0f 05 0002 01 81 20", ""), EBGP, 9, "80 0f 05 0002 01 81 20"),
                reset("MP_REACH flag error", WireBytes.update("", ORIGIN + AS_PATH + "c0 0e 1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8", ""), EBGP, 4,
                        "c0 0e 1a 0002 01 10 20010db8000000000000000000000001 00 20 20010db8"),
                reset("attributes without NLRI and a TaW error", WireBytes.update("", "80 04 03 000001", ""), EBGP, 5, "80 04 03 000001"),
                reset("withdrawals and a TaW error, no NLRI", WireBytes.update("18 c63364", "40 01 01 07", ""), EBGP, 6, "40 01 01 07"),
                ok("attributes without NLRI and a discard error", WireBytes.update("", "40 06 01 00", ""), EBGP, DISCARD),
                ok("IPv4 End-of-RIB is not an error", WireBytes.update("", "", ""), EBGP, OK),
                ok("IPv6 End-of-RIB is not an error", WireBytes.update("", "80 0f 03 0002 01", ""), EBGP, OK),
                ok("typed NLRI, unknown route type: only that route is dropped",
                        WireBytes.update("", ORIGIN + AS_PATH + "80 0e 0d 0019 46 04 c0000201 00 63 02 abcd", ""), EBGP, OK));
    }

    static Stream<Arguments> perAttribute() {
        return Stream.of(
                ok("ORIGIN len 2", withNlri("40 01 02 0000" + AS_PATH + NEXT_HOP), EBGP, TAW),
                ok("ORIGIN value 3", withNlri("40 01 01 03" + AS_PATH + NEXT_HOP), EBGP, TAW),
                ok("AS_PATH unknown segment type", withNlri(ORIGIN + "40 02 06 05 01 0000fde8" + NEXT_HOP), EBGP, TAW),
                ok("AS_PATH segment overrun", withNlri(ORIGIN + "40 02 06 02 02 0000fde8" + NEXT_HOP), EBGP, TAW),
                ok("AS_PATH segment underrun", withNlri(ORIGIN + "40 02 07 02 01 0000fde8 02" + NEXT_HOP), EBGP, TAW),
                ok("AS_PATH segment of length 0", withNlri(ORIGIN + "40 02 02 02 00" + NEXT_HOP), EBGP, TAW),
                ok("NEXT_HOP len 5", withNlri(ORIGIN + AS_PATH + "40 03 05 c000020100"), EBGP, TAW),
                ok("MED len 3", withNlri(BASE + "80 04 03 000001"), EBGP, TAW),
                ok("LOCAL_PREF from eBGP (well-formed)", withNlri(BASE + LOCAL_PREF), EBGP, DISCARD),
                ok("LOCAL_PREF from eBGP (malformed)", withNlri(BASE + "40 05 02 0001"), EBGP, DISCARD),
                ok("LOCAL_PREF from iBGP len 2", withNlri(BASE + "40 05 02 0001"), IBGP, TAW),
                ok("ATOMIC_AGGREGATE len 1", withNlri(BASE + "40 06 01 00"), EBGP, DISCARD),
                ok("AGGREGATOR len 8 on a 2-octet session", withNlri(ORIGIN + "40 02 04 02 01 fde8" + NEXT_HOP + "c0 07 08 0000fde8 c0000201"), OLD, DISCARD),
                ok("AGGREGATOR len 6 on a 4-octet session", withNlri(BASE + "c0 07 06 fde8 c0000201"), EBGP, DISCARD),
                ok("COMMUNITIES len 0", withNlri(BASE + "c0 08 00"), EBGP, TAW),
                ok("COMMUNITIES len 6", withNlri(BASE + "c0 08 06 fde80064 0001"), EBGP, TAW),
                ok("ORIGINATOR_ID from eBGP", withNlri(BASE + "80 09 04 c0000201"), EBGP, DISCARD),
                ok("ORIGINATOR_ID from iBGP len 3", withNlri(BASE + LOCAL_PREF + "80 09 03 c00002"), IBGP, TAW),
                ok("CLUSTER_LIST from eBGP", withNlri(BASE + "80 0a 04 c0000201"), EBGP, DISCARD),
                ok("CLUSTER_LIST from iBGP len 0", withNlri(BASE + LOCAL_PREF + "80 0a 00"), IBGP, TAW),
                ok("CLUSTER_LIST from iBGP len 5", withNlri(BASE + LOCAL_PREF + "80 0a 05 c000020100"), IBGP, TAW),
                ok("EXTENDED_COMMUNITIES len 0", withNlri(BASE + "c0 10 00"), EBGP, TAW),
                ok("EXTENDED_COMMUNITIES len 7", withNlri(BASE + "c0 10 07 00020000fde800"), EBGP, TAW),
                ok("EXTENDED_COMMUNITIES unknown type is fine", withNlri(BASE + "c0 10 08 ee99000000000001"), EBGP, OK),
                ok("IPv6 EXTENDED_COMMUNITIES len 19", withNlri(BASE + "c0 19 13 " + "00".repeat(19)), EBGP, TAW),
                ok("AS4_PATH malformed", withNlri(ORIGIN + "40 02 04 02 01 fde8" + NEXT_HOP + "c0 11 06 07 01 0000fde8"), OLD, DISCARD),
                ok("AS4_AGGREGATOR len 6", withNlri(ORIGIN + "40 02 04 02 01 fde8" + NEXT_HOP + "c0 12 06 fde8 c0000201"), OLD, DISCARD),
                ok("LARGE_COMMUNITY len 8", withNlri(BASE + "c0 20 08 0000fde8 00000001"), EBGP, TAW),
                ok("LARGE_COMMUNITY len 0", withNlri(BASE + "c0 20 00"), EBGP, TAW),
                ok("OTC len 2", withNlri(BASE + "c0 23 02 fde8"), EBGP, TAW),
                ok("Prefix-SID TLV overrun", withNlri(BASE + "c0 28 04 01 0007 00"), EBGP, DISCARD),
                ok("Tunnel Encapsulation TLV overrun", withNlri(BASE + "c0 17 05 0008 0010 00"), EBGP, TAW),
                ok("Traffic Engineering too short", withNlri(BASE + "80 18 04 01020304"), EBGP, TAW),
                ok("ATTR_SET inner attribute overrun", withNlri(BASE + "c0 80 07 0000fde8 40 01 05"), EBGP, TAW),
                reset("unknown with O=0 (claims well-known)", withNlri(BASE + "40 63 02 abcd"), EBGP, 2, "40 63 02 abcd"),
                ok("unknown optional transitive is kept", withNlri(BASE + "c0 63 02 abcd"), EBGP, OK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("general")
    void generalTable(String row, byte[] message, CodecOptions options, ErrorAction action, Notification reset) {
        check(message, options, action, reset);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("perAttribute")
    void attributeTable(String row, byte[] message, CodecOptions options, ErrorAction action, Notification reset) {
        check(message, options, action, reset);
    }

    static void check(byte[] message, CodecOptions options, ErrorAction action, Notification reset) {
        DecodeResult r = WireBytes.decode(message, options);
        switch (action) {
            case NONE -> assertThat(r).isInstanceOf(DecodeResult.Ok.class);
            case ATTRIBUTE_DISCARD, TREAT_AS_WITHDRAW -> {
                assertThat(r).isInstanceOf(DecodeResult.Salvaged.class);
                DecodeResult.Salvaged s = (DecodeResult.Salvaged) r;
                assertThat(s.action()).isEqualTo(action);
                assertThat(s.problems()).isNotEmpty();
                if (action == TAW) assertThat(s.update().treatAsWithdraw()).isNotEmpty();
            }
            case SESSION_RESET -> {
                assertThat(r).isInstanceOf(DecodeResult.Fatal.class);
                assertThat(((DecodeResult.Fatal) r).notification()).isEqualTo(reset);
            }
        }
    }
}
