package io.bgplet.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpdatePackerTest {
    static final List<Attribute> V4 = List.of(Attribute.Origin.IGP_ORIGIN, Attribute.AsPath.sequence(65000, 4200000000L),
            new Attribute.NextHop(RandomMessages.v4(0xC0000201)), new Attribute.Communities(new int[] {1, 2, 3}));

    static List<Prefix> announced(ByteBuf buf, CodecOptions o, int messages) {
        List<Prefix> got = new ArrayList<>();
        for (int i = 0; i < messages; i++) {
            int before = buf.readableBytes();
            DecodeResult r = MessageCodec.decode(buf, o);
            assertThat(before - buf.readableBytes()).isLessThanOrEqualTo(o.maxMessageLength());
            assertThat(r).isInstanceOf(DecodeResult.Ok.class);
            got.addAll(((Update) ((DecodeResult.Ok) r).message()).announced());
        }
        assertThat(buf.isReadable()).isFalse();
        return got;
    }

    @Test
    void ipv4PrefixesFillMessagesToTheLimit() {
        for (CodecOptions o : RoundTripPropertyTest.sessions()) {
            List<Attribute> attrs = new ArrayList<>(V4);
            if (o.internalPeer()) attrs.add(new Attribute.LocalPref(100));
            List<Prefix> prefixes = new RandomMessages(5).ipv4s(20_000);
            List<Update> packed = UpdatePacker.pack(attrs, prefixes, o);
            List<Prefix> fromRecords = new ArrayList<>();
            for (Update u : packed) {
                assertThat(MessageCodec.encode(u, o).length).isLessThanOrEqualTo(o.maxMessageLength());
                fromRecords.addAll(u.nlri());
            }
            assertThat(fromRecords).isEqualTo(prefixes);
            ByteBuf buf = Unpooled.directBuffer();
            int n = UpdatePacker.write(attrs, prefixes, o, buf);
            assertThat(n).isEqualTo(packed.size());
            assertThat(announced(buf, o, n)).isEqualTo(prefixes);
            // Nearly full: every message but the last cannot take one more /32.
            assertThat(n).isLessThanOrEqualTo(20_000 * 5 / (o.maxMessageLength() - 100) + 1);
            buf.release();
        }
    }

    @Test
    void ipv4KeysNeedNoPrefixObjects() {
        List<Prefix> prefixes = new RandomMessages(6).ipv4s(5000);
        long[] keys = new long[prefixes.size()];
        for (int i = 0; i < keys.length; i++) keys[i] = ((Ipv4Prefix) prefixes.get(i)).key();
        ByteBuf buf = Unpooled.buffer();
        int n = UpdatePacker.writeIpv4(V4, keys, 0, keys.length, CodecOptions.MODERN, buf);
        assertThat(announced(buf, CodecOptions.MODERN, n)).isEqualTo(prefixes);
        buf.release();
    }

    @Test
    void ipv6PrefixesGoInMpReach() {
        List<Attribute> attrs = List.of(Attribute.Origin.IGP_ORIGIN, Attribute.AsPath.sequence(65000),
                new Attribute.MpReach(Family.IPV6_UNICAST, RandomMessages.v6(0x20010db800000000L, 1), RandomMessages.v6(0xfe80000000000000L, 1), List.of()));
        List<Prefix> prefixes = new RandomMessages(7).ipv6s(3000);
        ByteBuf buf = Unpooled.buffer();
        int n = UpdatePacker.write(attrs, prefixes, CodecOptions.MODERN, buf);
        assertThat(n).isGreaterThan(1).isEqualTo(UpdatePacker.pack(attrs, prefixes, CodecOptions.MODERN).size());
        assertThat(announced(buf, CodecOptions.MODERN, n)).isEqualTo(prefixes);
        buf.release();
    }

    @Test
    void withdrawalsSplitToo() {
        for (List<Prefix> prefixes : List.of(new RandomMessages(8).ipv4s(3000), new RandomMessages(9).ipv6s(3000))) {
            List<Prefix> got = new ArrayList<>();
            for (Update u : UpdatePacker.packWithdrawals(prefixes, CodecOptions.MODERN)) {
                byte[] b = MessageCodec.encode(u, CodecOptions.MODERN);
                assertThat(MessageCodec.decode(b, CodecOptions.MODERN)).isEqualTo(new DecodeResult.Ok(u));
                got.addAll(u.withdrawnAll());
            }
            assertThat(got).isEqualTo(prefixes);
        }
    }

    @Test
    void attributesTooBigForAnyNlriAreRefused() {
        List<Attribute> attrs = new ArrayList<>(V4);
        attrs.add(new Attribute.Communities(new int[1020]));
        assertThatThrownBy(() -> UpdatePacker.pack(attrs, new RandomMessages(1).ipv4s(1), CodecOptions.MODERN))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
