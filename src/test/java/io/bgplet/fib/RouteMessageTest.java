package io.bgplet.fib;

import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Route message encoding, byte by byte where layout matters, and back through the decoder. */
class RouteMessageTest {
    private static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    @Test
    void singleNextHopRouteLayout() throws Exception {
        ByteBuffer b = RouteMessage.newRoute(Prefix.parse("198.51.100.0/24"), List.of(NextHop.via(ip("192.0.2.2"), 7)), 100, 181, 20);
        assertThat(b.order()).isEqualTo(ByteOrder.nativeOrder());
        // struct rtmsg: family AF_INET, dst_len 24, src_len, tos, table 100, protocol 181, scope universe, type unicast, flags
        assertThat(new int[] {b.get(0), b.get(1), b.get(2), b.get(3), b.get(4) & 0xFF, b.get(5) & 0xFF, b.get(6), b.get(7)})
                .containsExactly(2, 24, 0, 0, 100, 181, 0, 1);
        // RTA_DST: len 8, type 1, 198.51.100.0 in network order
        assertThat(b.getShort(12)).isEqualTo((short) 8);
        assertThat(b.getShort(14)).isEqualTo((short) 1);
        assertThat(new int[] {b.get(16) & 0xFF, b.get(17) & 0xFF, b.get(18) & 0xFF, b.get(19)}).containsExactly(198, 51, 100, 0);
        KernelRoute r = RouteMessage.decode(b);
        assertThat(r).isEqualTo(new KernelRoute(Prefix.parse("198.51.100.0/24"), 100, 181, 20, 1, List.of(NextHop.via(ip("192.0.2.2"), 7))));
    }

    @Test
    void tablesAbove255GoInRtaTableOnly() throws Exception {
        ByteBuffer b = RouteMessage.newRoute(Prefix.parse("2001:db8:100::/48"), List.of(NextHop.via(ip("2001:db8:1::2"))), 1000, 181, 20);
        assertThat(b.get(0)).isEqualTo((byte) 10);
        assertThat(b.get(4)).as("rtm_table is RT_TABLE_UNSPEC").isEqualTo((byte) 0);
        assertThat(RouteMessage.decode(b).table()).isEqualTo(1000);
        assertThat(RouteMessage.decode(b).prefix()).isEqualTo(Prefix.parse("2001:db8:100::/48"));
    }

    @Test
    void multipathRoundTripsWithWeights() throws Exception {
        List<NextHop> hops = List.of(NextHop.via(ip("192.0.2.2"), 3), new NextHop(ip("192.0.2.3"), 4, 5));
        KernelRoute r = RouteMessage.decode(RouteMessage.newRoute(Prefix.parse("0.0.0.0/0"), hops, 254, 181, 20));
        assertThat(r.prefix()).isEqualTo(Prefix.parse("0.0.0.0/0"));
        assertThat(r.nextHops()).containsExactlyElementsOf(hops);
    }

    @Test
    void aNextHopOfTheOtherFamilyIsRejectedBeforeTheKernel() {
        assertThatThrownBy(() -> RouteMessage.newRoute(Prefix.parse("198.51.100.0/24"), List.of(NextHop.via(ip("2001:db8:1::2"))), 254, 181, 20))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void netlinkErrorWithExtendedAckIsParsed() {
        // NLMSG_ERROR, flags CAPPED|ACK_TLVS: error -101, the request header, then NLMSGERR_ATTR_MSG.
        byte[] msg = "Nexthop has invalid gateway\0".getBytes();
        int attrLen = 4 + msg.length;
        int len = 16 + 4 + 16 + Netlink.align(attrLen);
        ByteBuffer d = ByteBuffer.allocate(len).order(ByteOrder.nativeOrder());
        d.putInt(len).putShort((short) 2).putShort((short) 0x300).putInt(9).putInt(0);
        d.putInt(-101).putInt(40).putShort((short) 24).putShort((short) 5).putInt(9).putInt(0);
        d.putShort((short) attrLen).putShort((short) 1).put(msg);
        d.position(0);
        List<Netlink.Message> ms = Netlink.parse(d);
        assertThat(ms).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(2);
            assertThat(m.payload().getInt(0)).isEqualTo(-101);
            assertThat(Netlink.extAck(m)).isEqualTo("Nexthop has invalid gateway");
        });
        assertThat(new Errno(101).name()).isEqualTo("ENETUNREACH");
        assertThat(new Errno(4242).name()).isEqualTo("errno 4242");
    }

    @Test
    void ownedRoutesSetSurvivesDeletesInClusters() {
        OwnedRoutes.LongSet s = new OwnedRoutes.LongSet();
        for (long k = 0; k < 5000; k++) assertThat(s.add(k * 256)).isTrue();
        for (long k = 0; k < 5000; k += 2) assertThat(s.remove(k * 256)).isTrue();
        for (long k = 0; k < 5000; k++) assertThat(s.contains(k * 256)).isEqualTo(k % 2 == 1);
        assertThat(s.size()).isEqualTo(2500);
        assertThat(s.add(256)).isFalse();
    }
}
