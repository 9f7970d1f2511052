package io.bgplet.api;

import apipb.Capability;
import com.google.protobuf.Any;
import io.bgplet.wire.Capability.GrFamily;
import io.bgplet.wire.Family;
import io.bgplet.wire.Open;
import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An OPEN's capabilities as apipb messages, including those the wire model keeps raw. */
class ApiCapabilitiesTest {
    private static io.bgplet.wire.Capability raw(int code, String hex) {
        return new io.bgplet.wire.Capability.Unknown(code, HexFormat.of().parseHex(hex));
    }

    @Test
    void eachCapabilityBecomesGobgpsMessage() throws Exception {
        Open open = new Open(4, 65002, 90, 0x0A000001, List.of(
                new io.bgplet.wire.Capability.Multiprotocol(Family.IPV6_UNICAST),
                new io.bgplet.wire.Capability.RouteRefresh(),
                new io.bgplet.wire.Capability.FourOctetAs(4200000000L),
                new io.bgplet.wire.Capability.GracefulRestart(true, true, 120, List.of(new GrFamily(Family.IPV4_UNICAST, true))),
                raw(5, "000100010002"),          // extended next hop: ipv4-unicast over IPv6
                raw(69, "00010103"),             // add-path: ipv4-unicast, send and receive
                raw(73, "02766d00"),             // FQDN: host "vm", no domain
                raw(71, "0001018000012c"),       // LLGR: ipv4-unicast, F bit, 300 s
                raw(73, "05766d"),               // FQDN cut short: stays unknown
                raw(99, "beef")));
        List<Any> caps = ApiCapabilities.of(open);
        assertThat(caps).hasSize(10);
        assertThat(caps.get(0).unpack(Capability.MultiProtocolCapability.class).getFamily().getAfiValue()).isEqualTo(2);
        assertThat(caps.get(1).is(Capability.RouteRefreshCapability.class)).isTrue();
        assertThat(caps.get(2).unpack(Capability.FourOctetASNCapability.class).getAsn()).isEqualTo((int) 4200000000L);
        Capability.GracefulRestartCapability gr = caps.get(3).unpack(Capability.GracefulRestartCapability.class);
        assertThat(gr.getFlags()).isEqualTo(0x0C);
        assertThat(gr.getTime()).isEqualTo(120);
        assertThat(gr.getTuples(0).getFlags()).isEqualTo(0x80);
        Capability.ExtendedNexthopCapabilityTuple nh = caps.get(4).unpack(Capability.ExtendedNexthopCapability.class).getTuples(0);
        assertThat(nh.getNlriFamily().getAfiValue()).isEqualTo(1);
        assertThat(nh.getNexthopFamily().getAfiValue()).isEqualTo(2);
        assertThat(caps.get(5).unpack(Capability.AddPathCapability.class).getTuples(0).getMode())
                .isEqualTo(Capability.AddPathCapabilityTuple.Mode.BOTH);
        assertThat(caps.get(6).unpack(Capability.FqdnCapability.class).getHostName()).isEqualTo("vm");
        Capability.LongLivedGracefulRestartCapabilityTuple llgr = caps.get(7).unpack(Capability.LongLivedGracefulRestartCapability.class).getTuples(0);
        assertThat(llgr.getFlags()).isEqualTo(0x80);
        assertThat(llgr.getTime()).isEqualTo(300);
        assertThat(caps.get(8).unpack(Capability.UnknownCapability.class).getCode()).isEqualTo(73);
        assertThat(caps.get(9).unpack(Capability.UnknownCapability.class).getValue().toByteArray()).containsExactly(0xbe, 0xef);
    }
}
