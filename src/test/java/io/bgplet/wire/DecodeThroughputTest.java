package io.bgplet.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A full table's worth of UPDATEs (1.05M IPv4 prefixes, about 4 per attribute set, as in
 * DESIGN.md) decoded in one go. The bound asserted is loose because the test machine is
 * shared; the time measured is printed and recorded in docs/wire.md.
 */
class DecodeThroughputTest {
    static final int PREFIXES = 1_050_000;

    @Test
    void fullTableDecodesQuickly() {
        Random r = new Random(4271);
        ByteBuf table = Unpooled.directBuffer(24 << 20);
        int messages = 0;
        long[] keys = new long[8];
        int prefixes = 0;
        while (prefixes < PREFIXES) {
            int n = 1 + r.nextInt(7);
            for (int i = 0; i < n; i++) keys[i] = new Ipv4Prefix(r.nextInt(), 16 + r.nextInt(9)).key();
            List<Attribute> attrs = new ArrayList<>(6);
            attrs.add(Attribute.Origin.IGP_ORIGIN);
            long[] path = new long[2 + r.nextInt(5)];
            for (int i = 0; i < path.length; i++) path[i] = 1 + r.nextInt(400_000);
            attrs.add(Attribute.AsPath.sequence(path));
            attrs.add(new Attribute.NextHop(RandomMessages.v4(0xC0000200 | r.nextInt(4))));
            if (r.nextBoolean()) attrs.add(new Attribute.Med(r.nextInt(1000)));
            int[] comms = new int[r.nextInt(6)];
            for (int i = 0; i < comms.length; i++) comms[i] = r.nextInt();
            if (comms.length > 0) attrs.add(new Attribute.Communities(comms));
            messages += UpdatePacker.writeIpv4(attrs, keys, 0, n, CodecOptions.MODERN, table);
            prefixes += n;
        }
        int bytes = table.readableBytes();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE, bestCpu = Long.MAX_VALUE;
        int decoded = 0;
        for (int round = 0; round < 10; round++) {
            table.readerIndex(0);
            decoded = 0;
            long t0 = System.nanoTime(), c0 = mx.getCurrentThreadCpuTime();
            while (table.isReadable()) {
                DecodeResult res = MessageCodec.decode(table, CodecOptions.MODERN);
                decoded += ((Update) ((DecodeResult.Ok) res).message()).nlri().size();
            }
            best = Math.min(best, System.nanoTime() - t0);
            bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c0);
        }
        table.release();
        System.out.printf("decoded %d prefixes in %d UPDATEs (%.1f MB) in %.3f s wall, %.3f s CPU%n", decoded, messages, bytes / 1e6, best / 1e9, bestCpu / 1e9);
        assertThat(decoded).isEqualTo(prefixes);
        assertThat(best).isLessThan(2_000_000_000L);
    }
}
