package io.bgplet.wire;

import static io.bgplet.wire.WireBytes.MARKER;
import static io.bgplet.wire.WireBytes.assertGolden;
import static io.bgplet.wire.WireBytes.hex;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden UPDATEs (RFC 4271 4.3): IPv4 in the body, IPv6 in MP_REACH / MP_UNREACH. */
class UpdateCodecTest {
    static final CodecOptions EBGP = CodecOptions.MODERN;

    static InetAddress ip(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void goldenIpv4Announcement() {
        byte[] golden = hex(
                MARKER,
                "0046",                     // length 70
                "02",                       // type UPDATE
                "0000",                     // withdrawn routes length 0
                "0026",                     // total path attribute length 38
                "40 01 01 00",              // ORIGIN (well-known transitive), IGP
                "40 02 0a 02 02 0000fde8 0000fde9", // AS_PATH: AS_SEQUENCE of 2: 65000 65001
                "40 03 04 c0000201",        // NEXT_HOP 192.0.2.1
                "80 04 04 00000064",        // MULTI_EXIT_DISC 100
                "c0 08 04 fde80064",        // COMMUNITIES 65000:100
                "18 c63364",                // 198.51.100.0/24
                "19 cb007180");             // 203.0.113.128/25
        Update u = new Update(List.of(), List.of(
                Attribute.Origin.IGP_ORIGIN,
                Attribute.AsPath.sequence(65000, 65001),
                new Attribute.NextHop((java.net.Inet4Address) ip("192.0.2.1")),
                new Attribute.Med(100),
                new Attribute.Communities(new int[] {0xfde80064})),
                List.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("203.0.113.128/25")));
        assertGolden(golden, u, EBGP);
    }

    @Test
    void goldenIpv4Withdrawal() {
        byte[] golden = hex(
                MARKER, "0020", "02",
                "0009",                      // withdrawn routes length 9
                "18 c63364",                 // 198.51.100.0/24
                "20 c0000201",               // 192.0.2.1/32
                "0000");                     // no attributes, no NLRI
        assertGolden(golden, new Update(List.of(Prefix.parse("198.51.100.0/24"), Prefix.parse("192.0.2.1/32")), List.of(), List.of()), EBGP);
    }

    @Test
    void goldenEndOfRib() {
        byte[] golden = hex(MARKER, "0017", "02", "0000", "0000");
        assertGolden(golden, Update.endOfRib(Family.IPV4_UNICAST), EBGP);
        byte[] v6 = hex(MARKER, "001d", "02", "0000", "0006",
                "80 0f 03 0002 01");         // MP_UNREACH_NLRI IPv6 unicast, nothing withdrawn
        assertGolden(v6, Update.endOfRib(Family.IPV6_UNICAST), EBGP);
        assertThat(((Update) ((DecodeResult.Ok) MessageCodec.decode(v6, EBGP)).message()).endOfRib()).contains(Family.IPV6_UNICAST);
    }

    @Test
    void goldenIpv6WithLinkLocalNextHop() {
        byte[] golden = hex(
                MARKER, "005a", "02", "0000",
                "0043",                                  // attribute length 67
                "40 01 01 02",                           // ORIGIN incomplete
                "40 02 06 02 01 0000fde8",               // AS_PATH 65000
                "80 0e 33",                              // MP_REACH_NLRI, length 51
                "  0002 01",                             //   IPv6 unicast
                "  20",                                  //   next hop length 32
                "  20010db8000000000000000000000001",    //   2001:db8::1
                "  fe800000000000000000000000000001",    //   fe80::1
                "  00",                                  //   reserved
                "  20 20010db8",                         //   2001:db8::/32
                "  40 20010db800010002");                //   2001:db8:1:2::/64
        Update u = new Update(List.of(), List.of(
                Attribute.Origin.INCOMPLETE_ORIGIN,
                Attribute.AsPath.sequence(65000),
                new Attribute.MpReach(Family.IPV6_UNICAST, ip("2001:db8::1"), ip("fe80::1"),
                        List.of(Prefix.parse("2001:db8::/32"), Prefix.parse("2001:db8:1:2::/64")))), List.of());
        assertGolden(golden, u, EBGP);
    }

    @Test
    void goldenTwoOctetSessionAddsAs4Attributes() {
        // RFC 6793 4.2.2: toward an OLD speaker 4200000000 becomes AS_TRANS and AS4_PATH carries it.
        byte[] golden = hex(
                MARKER, "0050", "02", "0000",
                "0035",                          // attribute length 53
                "40 01 01 00",                   // ORIGIN IGP
                "40 02 06 02 02 fde8 5ba0",      // AS_PATH 65000 23456 (2-octet ASNs)
                "40 03 04 c0000201",             // NEXT_HOP
                "c0 07 06 5ba0 c0000202",        // AGGREGATOR AS_TRANS 192.0.2.2
                "c0 11 0a 02 02 0000fde8 fa56ea00",  // AS4_PATH 65000 4200000000
                "c0 12 08 fa56ea00 c0000202",    // AS4_AGGREGATOR 4200000000 192.0.2.2
                "18 c63364");
        Update u = new Update(List.of(), List.of(
                Attribute.Origin.IGP_ORIGIN,
                Attribute.AsPath.sequence(65000, 4200000000L),
                new Attribute.NextHop((java.net.Inet4Address) ip("192.0.2.1")),
                new Attribute.Aggregator(4200000000L, (java.net.Inet4Address) ip("192.0.2.2"))),
                List.of(Prefix.parse("198.51.100.0/24")));
        assertGolden(golden, u, CodecOptions.INITIAL);
    }

    @Test
    void unknownOptionalTransitiveIsPassedOnWithPartial() {
        Update u = new Update(List.of(), List.of(new Attribute.Unknown(0xC0, 99, new byte[] {1, 2})), List.of());
        byte[] b = WireBytes.encode(u, EBGP);
        assertThat(WireBytes.hexOf(b)).endsWith("0005" + "e06302" + "0102");
    }

    @Test
    void goldenInternalWithEveryAttribute() {
        byte[] golden = hex(
                MARKER, "0081", "02", "0000",
                "0065",                                  // attribute length 101
                "40 01 01 01",                           // ORIGIN EGP
                "40 02 10",                              // AS_PATH, 16 octets:
                "   03 01 0000fde8",                     //   AS_CONFED_SEQUENCE (65000)
                "   02 02 0000fde9 fa56ea00",            //   AS_SEQUENCE 65001 4200000000
                "40 03 04 c0000201",                     // NEXT_HOP 192.0.2.1
                "40 05 04 000000c8",                     // LOCAL_PREF 200
                "40 06 00",                              // ATOMIC_AGGREGATE
                "c0 07 08 fa56ea00 c0000202",            // AGGREGATOR 4200000000 192.0.2.2 (4-octet form)
                "80 09 04 c0000203",                     // ORIGINATOR_ID 192.0.2.3
                "80 0a 08 c0000204 c0000205",            // CLUSTER_LIST 192.0.2.4 192.0.2.5
                "c0 10 08 0002fde800000064",             // EXTENDED_COMMUNITIES route target 65000:100
                "c0 20 0c fa56ea00 00000001 00000002",   // LARGE_COMMUNITY 4200000000:1:2
                "e0 63 03 010203",                       // unknown 99, optional transitive partial
                "1a c6120000");                          // 198.18.0.0/26
        Update u = new Update(List.of(), List.of(
                new Attribute.Origin(Attribute.Origin.EGP),
                new Attribute.AsPath(List.of(new AsPathSegment(AsPathSegment.AS_CONFED_SEQUENCE, new long[] {65000}),
                        new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65001, 4200000000L}))),
                new Attribute.NextHop((java.net.Inet4Address) ip("192.0.2.1")),
                new Attribute.LocalPref(200),
                Attribute.AtomicAggregate.INSTANCE,
                new Attribute.Aggregator(4200000000L, (java.net.Inet4Address) ip("192.0.2.2")),
                new Attribute.OriginatorId(0xC0000203),
                new Attribute.ClusterList(new int[] {0xC0000204, 0xC0000205}),
                new Attribute.ExtendedCommunities(new long[] {0x0002fde800000064L}),
                new Attribute.LargeCommunities(new int[] {(int) 4200000000L, 1, 2}),
                new Attribute.Unknown(0xE0, 99, new byte[] {1, 2, 3})),
                List.of(Prefix.parse("198.18.0.0/26")));
        assertGolden(golden, u, new CodecOptions(true, false, true));
    }
}
