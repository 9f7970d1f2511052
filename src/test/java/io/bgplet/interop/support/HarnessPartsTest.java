package io.bgplet.interop.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The harness's renderers and parsers, checked against golden text: no root, no daemons. */
class HarnessPartsTest {

    @Test
    void openIsBuiltByTheRfc() {
        byte[] open = RawBgpPeer.open(65010, 9, "198.51.100.100", false);
        assertThat(HexFormat.of().formatHex(open)).isEqualTo(
                "ffffffffffffffffffffffffffffffff" // marker
                + "002d" + "01"                  // length 45, OPEN
                + "04" + "fdf2" + "0009"          // version 4, AS 65010, hold 9
                + "c6336464"                      // BGP identifier 198.51.100.100
                + "10" + "02" + "0e"              // opt params 16: capabilities, 14 bytes
                + "010400010001"                  // MP IPv4 unicast
                + "0200"                          // route refresh
                + "41040000fdf2");                // 4-octet AS 65010
    }

    @Test
    void openCarriesAsTransForFourOctetAs() {
        byte[] open = RawBgpPeer.open(4_200_000_000L, 90, "192.0.2.1", true);
        assertThat(open[20] & 0xFF).isEqualTo(0x5b); // 23456 = 0x5ba0
        assertThat(open[21] & 0xFF).isEqualTo(0xa0);
        assertThat(HexFormat.of().formatHex(open)).contains("010400020001").endsWith("4104fa56ea00");
    }

    @Test
    void birdRoutesAreParsedWithAttributesAndBestFlag() {
        String text = """
                BIRD 2.0.12 ready.
                Table master4:
                192.0.2.0/25         unicast [n1 23:19:48.655] * (100) [AS65001i]
                \tvia 198.51.100.1 on bgxp1b
                \tType: BGP univ
                \tBGP.origin: IGP
                \tBGP.as_path: 65001 65003
                \tBGP.next_hop: 198.51.100.1
                \tBGP.med: 55
                \tBGP.local_pref: 100
                \tBGP.community: (65001,100) (65001,200)
                \tBGP.large_community: (65001, 1, 2)
                                     unicast [n2 23:19:49.000] (100) [AS65004i]
                \tBGP.as_path: 65004
                \tBGP.next_hop: 2001:db8:100::1 fe80::1
                198.18.5.0/24        blackhole [orig_ipv4 23:19:29.556] * (200)
                """;
        List<Route> routes = BirdPeer.parseRoutes(text);
        assertThat(routes).hasSize(3);
        Route first = routes.get(0);
        assertThat(first.prefix()).isEqualTo("192.0.2.0/25");
        assertThat(first.best()).isTrue();
        assertThat(first.asPath()).containsExactly(65001L, 65003L);
        assertThat(first.med()).isEqualTo(55L);
        assertThat(first.localPref()).isEqualTo(100L);
        assertThat(first.communities()).containsExactly("65001:100", "65001:200");
        assertThat(first.largeCommunities()).containsExactly("65001:1:2");
        Route second = routes.get(1);
        assertThat(second.prefix()).isEqualTo("192.0.2.0/25");
        assertThat(second.best()).isFalse();
        assertThat(second.nextHop()).isEqualTo("2001:db8:100::1");
        assertThat(routes.get(2).prefix()).isEqualTo("198.18.5.0/24");
        assertThat(routes.get(2).asPath()).isEmpty();
    }

    @Test
    void gobgpRibIsParsedIncludingUnknownAttributes() {
        String json = """
                {"198.18.8.0/24":[{"nlri":{"prefix":"198.18.8.0/24"},"age":1,"best":true,"attrs":[{"type":1,"value":0},
                {"type":2,"as_paths":[{"segment_type":2,"num":2,"asns":[65002,65002]}]},{"type":3,"nexthop":"198.51.100.2"},
                {"type":4,"metric":42},{"type":8,"communities":[4259971079]},
                {"type":32,"value":[{"ASN":65002,"LocalData1":7,"LocalData2":7}]},
                {"flags":192,"type":99,"value":"AQIDBA=="}],"stale":true}]}""";
        Route r = GobgpPeer.parseRib(Json.parse(json, "test")).getFirst();
        assertThat(r.asPath()).containsExactly(65002L, 65002L);
        assertThat(r.nextHop()).isEqualTo("198.51.100.2");
        assertThat(r.med()).isEqualTo(42L);
        assertThat(r.communities()).containsExactly("65002:7");
        assertThat(r.largeCommunities()).containsExactly("65002:7:7");
        assertThat(r.unknown()).containsExactly("99/192/01020304");
        assertThat(r.stale()).isTrue();
        assertThat(r.best()).isTrue();
    }

    @Test
    void frrConfigCarriesEveryNeighbourOption() {
        PeerSpec spec = PeerSpec.of(65000, "198.51.100.200")
                .neighbor(NeighborSpec.of("198.51.100.100", 65001).password("s3cret").multihop(2).passive(true)
                        .gracefulRestart(15).holdTime(9).port(1790))
                .route(RouteSpec.of("192.0.2.0/25").med(5).communities("65000:1").prepend(65000L).nextHop("198.51.100.200"));
        String conf = FrrConfig.render(spec, "router", List.of("no bgp fast-external-failover"));
        assertThat(conf).contains(
                " no bgp ebgp-requires-policy\n",
                " no bgp fast-external-failover\n",
                " bgp graceful-restart restart-time 15\n",
                " neighbor 198.51.100.100 port 1790\n",
                " neighbor 198.51.100.100 password s3cret\n",
                " neighbor 198.51.100.100 ebgp-multihop 2\n",
                " neighbor 198.51.100.100 timers 3 9\n",
                " neighbor 198.51.100.100 passive\n",
                "  network 192.0.2.0/25 route-map ORIG-192-0-2-0-25\n",
                " set as-path prepend 65000\n",
                " set ip next-hop 198.51.100.200\n");
        PeerSpec twoOctet = PeerSpec.of(65000, "198.51.100.200").neighbor(NeighborSpec.of("198.51.100.100", 65001).fourOctetAs(false));
        assertThatThrownBy(() -> FrrConfig.render(twoOctet, "r", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void birdAndExabgpConfigsCarryTheirOptions() {
        PeerSpec spec = PeerSpec.of(65002, "198.51.100.2")
                .neighbor(NeighborSpec.of("198.51.100.1", 65001).localAddress("198.51.100.2").fourOctetAs(false).passive(true))
                .route(RouteSpec.of("198.18.5.0/24").med(77).largeCommunities("65002:7:8").prepend(65002L));
        assertThat(BirdConfig.render(spec, spec.routes())).contains(
                "local 198.51.100.2 port 179 as 65002;", "strict bind yes;", "passive on;", "enable as4 no;",
                "route 198.18.5.0/24 blackhole;", "bgp_med = 77;", "bgp_large_community.add((65002,7,8));",
                "bgp_path.prepend(65002);");
        assertThat(ExabgpConfig.render(spec, "/bin/true")).contains("asn4 disable;", "passive true;",
                "route 198.18.5.0/24 next-hop self med 77 large-community [ 65002:7:8 ] as-path [ 65002 65002 ];");
    }

    @Test
    void missingToolsSkipOrFailByEnvironment() {
        Interop.decide(List.of(), "1"); // nothing missing: no effect
        List<String> missing = List.of("bird: bird is missing");
        assertThatThrownBy(() -> Interop.decide(missing, null))
                .isInstanceOf(org.opentest4j.TestAbortedException.class).hasMessageContaining("bird is missing");
        assertThatThrownBy(() -> Interop.decide(missing, "1"))
                .isInstanceOf(org.opentest4j.AssertionFailedError.class).hasMessageContaining("BGPLET_REQUIRE_INTEROP=1");
        assertThatThrownBy(() -> Interop.requireRootAndTools("quagga")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void specsRejectWhatNoDaemonCouldDo() {
        assertThatThrownBy(() -> NeighborSpec.of("198.51.100.1", 1).holdTime(2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NeighborSpec.of("198.51.100.1", 1).families("vpnv4")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteSpec.of("198.18.0.0")).isInstanceOf(IllegalArgumentException.class);
        assertThat(NeighborSpec.of("2001:db8::1", 1).effectiveFamilies()).containsExactly("ipv6");
    }
}
