package io.bgplet.api;

import apipb.Attribute.CommunitiesAttribute;
import apipb.Attribute.IPAddressPrefix;
import apipb.Attribute.MpReachNLRIAttribute;
import apipb.Attribute.NextHopAttribute;
import apipb.Attribute.OriginAttribute;
import apipb.Gobgp;
import com.google.protobuf.Any;
import io.bgplet.rib.PathAttributes;
import io.bgplet.speaker.LocalPath;
import io.bgplet.wire.AsPathSegment;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** wire attributes to apipb Any and back, and the AddPath input checks. */
class ApiAttributesTest {

    private static Inet4Address v4(String s) throws Exception {
        return (Inet4Address) InetAddress.getByName(s);
    }

    @Test
    void everyModelledAttributeSurvivesTheRoundTrip() throws Exception {
        List<Attribute> attrs = List.of(
                new Attribute.Origin(Attribute.Origin.EGP),
                new Attribute.AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65010, 4_200_000_000L}),
                        new AsPathSegment(AsPathSegment.AS_SET, new long[] {65020, 65021}))),
                new Attribute.NextHop(v4("192.0.2.1")),
                new Attribute.Med(0xFFFFFFF0L),
                new Attribute.LocalPref(200),
                Attribute.AtomicAggregate.INSTANCE,
                new Attribute.Aggregator(65010, v4("192.0.2.9")),
                new Attribute.Communities(new int[] {Attribute.Communities.parse("65000:100"), Attribute.Communities.NO_EXPORT}),
                new Attribute.OriginatorId(0xC0000205),
                new Attribute.ClusterList(new int[] {0xC6336401, 7}),
                new Attribute.ExtendedCommunities(new long[] {0x0002FDE800000064L, 0x0302000000000001L}),
                new Attribute.LargeCommunities(new int[] {65000, 1, 2, -1, 0, 3}),
                new Attribute.Unknown(0xC0, 99, new byte[] {1, 2, 3}));
        Prefix prefix = Prefix.parse("203.0.113.0/25");
        PathAttributes original = PathAttributes.of(attrs, Family.IPV4_UNICAST);

        List<Any> api = ApiAttributes.toApi(prefix, original);
        assertThat(api).allSatisfy(a -> assertThat(a.getTypeUrl()).startsWith("type.googleapis.com/apipb."));
        assertThat(api.getLast().getTypeUrl()).isEqualTo("type.googleapis.com/apipb.NextHopAttribute");
        assertThat(api.getFirst().unpack(OriginAttribute.class).getOrigin()).isEqualTo(1);

        PathAttributes back = PathAttributes.of(ApiAttributes.fromApi(api, prefix), Family.IPV4_UNICAST);
        assertThat(back).isEqualTo(original);
        assertThat(back.nextHop()).isEqualTo(v4("192.0.2.1"));
    }

    @Test
    void ipv6PathsCarryTheirNextHopInMpReach() throws Exception {
        Prefix prefix = Prefix.parse("2001:db8:7::/48");
        PathAttributes attrs = PathAttributes.of(List.of(Attribute.Origin.IGP_ORIGIN,
                new Attribute.MpReach(Family.IPV6_UNICAST, InetAddress.getByName("2001:db8::1"), InetAddress.getByName("fe80::1"), List.of(prefix))),
                Family.IPV6_UNICAST);
        List<Any> api = ApiAttributes.toApi(prefix, attrs);
        MpReachNLRIAttribute mp = api.getLast().unpack(MpReachNLRIAttribute.class);
        assertThat(mp.getNextHopsList()).containsExactly("2001:db8::1", "fe80::1");
        assertThat(mp.getNlris(0).unpack(IPAddressPrefix.class).getPrefix()).isEqualTo("2001:db8:7::");
        assertThat(mp.getFamily().getAfi()).isEqualTo(Gobgp.Family.Afi.AFI_IP6);
        assertThat(PathAttributes.of(ApiAttributes.fromApi(api, prefix), Family.IPV6_UNICAST)).isEqualTo(attrs);
    }

    private static Gobgp.Path.Builder cliPath(String prefix, int len, String nextHop) {
        return Gobgp.Path.newBuilder()
                .setNlri(ApiAttributes.pack(IPAddressPrefix.newBuilder().setPrefix(prefix).setPrefixLen(len).build()))
                .addPattrs(ApiAttributes.pack(OriginAttribute.newBuilder().setOrigin(2).build()))
                .addPattrs(ApiAttributes.pack(NextHopAttribute.newBuilder().setNextHop(nextHop).build()))
                .addPattrs(ApiAttributes.pack(CommunitiesAttribute.newBuilder().addCommunities((int) 4259840100L).build()))
                .setFamily(ApiPaths.family(Family.IPV4_UNICAST));
    }

    @Test
    void theCliAddPathDecodesToTheRouteItMeans() throws Exception {
        LocalPath p = ApiRoutes.decode(cliPath("203.0.113.0", 25, "198.51.100.100").build(), "path");
        assertThat(p.prefix()).isEqualTo(Prefix.parse("203.0.113.0/25"));
        PathAttributes a = PathAttributes.of(p.attributes(), Family.IPV4_UNICAST);
        assertThat(a.origin()).isEqualTo(Attribute.Origin.INCOMPLETE);
        assertThat(a.nextHop()).isEqualTo(v4("198.51.100.100"));
        assertThat(a.communities()).containsExactly(Attribute.Communities.parse("65000:100"));
        // 0.0.0.0, what the CLI sends without "nexthop", means next hop self.
        assertThat(PathAttributes.of(ApiRoutes.decode(cliPath("203.0.113.0", 25, "0.0.0.0").build(), "path").attributes(),
                Family.IPV4_UNICAST).nextHop()).isNull();
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("203.0.113.1", 25, "198.51.100.1").build(), "path"))
                .hasMessageContaining("path.nlri").hasMessageContaining("host bits");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("203.0.113.0", 33, "198.51.100.1").build(), "path"))
                .hasMessageContaining("path.nlri.prefix_len");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("not-an-ip", 24, "198.51.100.1").build(), "path"))
                .hasMessageContaining("path.nlri.prefix");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("203.0.113.0", 25, "2001:db8::1").build(), "path"))
                .hasMessageContaining("path.pattrs[1]").hasMessageContaining("next_hop");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("203.0.113.0", 25, "198.51.100.1").clearNlri().build(), "path"))
                .hasMessageContaining("path.nlri is missing");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("203.0.113.0", 25, "198.51.100.1")
                .setFamily(Gobgp.Family.newBuilder().setAfiValue(1).setSafiValue(70)).build(), "path"))
                .hasMessageContaining("path.family");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("2001:db8::", 32, "198.51.100.1").build(), "path"))
                .hasMessageContaining("path.nlri.prefix").hasMessageContaining("family");
        assertThatThrownBy(() -> ApiRoutes.decode(cliPath("203.0.113.0", 25, "198.51.100.1")
                .addPattrs(Any.newBuilder().setTypeUrl("type.googleapis.com/apipb.NoSuchAttribute")).build(), "path"))
                .hasMessageContaining("path.pattrs[3]").hasMessageContaining("unsupported");
    }

    @Test
    void lookupsCoverLikeGobgp() {
        assertThat(ApiPaths.covers(Prefix.parse("203.0.113.0/24"), Prefix.parse("203.0.113.128/25"))).isTrue();
        assertThat(ApiPaths.covers(Prefix.parse("203.0.113.128/25"), Prefix.parse("203.0.113.0/24"))).isFalse();
        assertThat(ApiPaths.covers(Prefix.parse("203.0.113.0/25"), Prefix.parse("203.0.113.128/25"))).isFalse();
        assertThat(ApiPaths.covers(Prefix.parse("2001:db8::/32"), Prefix.parse("2001:db8:7::/48"))).isTrue();
        assertThat(ApiPaths.covers(Prefix.parse("2001:db8::/32"), Prefix.parse("203.0.113.0/24"))).isFalse();
    }
}
