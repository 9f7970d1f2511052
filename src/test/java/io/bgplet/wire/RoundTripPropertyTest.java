package io.bgplet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * decode(encode(x)) == x over seeded random messages, for every kind of session; and every
 * message bgplet encodes decodes as Ok, never Salvaged: bgplet never emits a malformed one.
 */
class RoundTripPropertyTest {
    static List<CodecOptions> sessions() {
        return List.of(
                new CodecOptions(true, false, false), new CodecOptions(true, false, true),
                new CodecOptions(false, false, false), new CodecOptions(false, false, true),
                new CodecOptions(true, true, false), new CodecOptions(false, true, true));
    }

    @ParameterizedTest
    @MethodSource("sessions")
    void randomMessagesRoundTrip(CodecOptions options) {
        RandomMessages gen = new RandomMessages(7606 + sessions().indexOf(options));
        for (int i = 0; i < 5000; i++) {
            Message m = gen.message(options);
            byte[] b = MessageCodec.encode(m, options);
            assertThat(b.length).isLessThanOrEqualTo(options.maxMessageLength());
            DecodeResult r = MessageCodec.decode(b, options);
            assertThat(r).as("case %d: %s", i, m).isEqualTo(new DecodeResult.Ok(m));
        }
    }

    @Test
    void streamOfMessagesInOneBufferDecodesInOrderAndReleases() {
        RandomMessages gen = new RandomMessages(42);
        CodecOptions o = CodecOptions.MODERN;
        ByteBuf buf = Unpooled.directBuffer();
        Message[] sent = new Message[500];
        for (int i = 0; i < sent.length; i++) {
            sent[i] = gen.message(o);
            MessageCodec.encode(sent[i], o, buf);
        }
        for (Message m : sent) assertThat(MessageCodec.decode(buf, o)).isEqualTo(new DecodeResult.Ok(m));
        assertThat(buf.isReadable()).isFalse();
        assertThat(buf.release()).isTrue();
        assertThat(buf.refCnt()).isZero();
    }

    @Test
    void failedEncodeLeavesTheBufferAsItWas() {
        ByteBuf buf = Unpooled.buffer();
        buf.writeByte(7);
        Update missingNextHop = new Update(List.of(), List.of(Attribute.Origin.IGP_ORIGIN, Attribute.AsPath.EMPTY), new RandomMessages(1).ipv4s(3));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageCodec.encode(missingNextHop, CodecOptions.MODERN, buf))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(buf.writerIndex()).isEqualTo(1);
        buf.release();
    }

    @Test
    void tooBigUpdateIsRefused() {
        Update big = new Update(new RandomMessages(2).ipv4s(2000), List.of(), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageCodec.encode(big, CodecOptions.MODERN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exceeds 4096");
        assertThat(MessageCodec.decode(MessageCodec.encode(big, new CodecOptions(true, true, false)), new CodecOptions(true, true, false)))
                .isEqualTo(new DecodeResult.Ok(big));
    }

    @Test
    void unknownWellKnownIsNeverSent() {
        Update u = new Update(List.of(), List.of(new Attribute.Unknown(0x40, 99, new byte[1])), List.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MessageCodec.encode(u, CodecOptions.MODERN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void internalOnlyAttributesStayInside() {
        Update u = new Update(List.of(), List.of(new Attribute.LocalPref(100), new Attribute.OriginatorId(1), new Attribute.ClusterList(new int[] {1})), List.of());
        DecodeResult r = MessageCodec.decode(MessageCodec.encode(u, CodecOptions.MODERN), CodecOptions.MODERN);
        assertThat(r).isEqualTo(new DecodeResult.Ok(new Update(List.of(), List.of(), List.of())));
    }
}
