package io.bgplet.speaker;

import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Ipv6Prefix;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ExportQueueTest {
    private static Ipv4Prefix v4(int a, int len) {
        return new Ipv4Prefix(a, len);
    }

    @Test
    void firstInFirstOutAndAQueuedDestinationKeepsItsPlace() {
        ExportQueue q = new ExportQueue();
        Prefix a = v4(0xC6120000, 24), b = v4(0xC6120100, 24), c = v4(0xC6120000, 23);
        q.addAll(List.of(a, b));
        q.add(a);
        q.add(c);
        assertThat(q.size()).isEqualTo(3);
        assertThat(q.take(2)).containsExactly(a, b);
        // Taken destinations may be queued again, at the back.
        q.add(a);
        assertThat(q.take(10)).containsExactly(c, a);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void otherFamiliesQueueBesideIpv4() {
        ExportQueue q = new ExportQueue();
        Prefix six = new Ipv6Prefix(0x20010db800010000L, 0, 48);
        Prefix four = v4(0xCB007100, 24);
        q.add(six);
        q.add(four);
        q.add(six);
        assertThat(q.size()).isEqualTo(2);
        assertThat(q.take(1)).containsExactly(four);
        assertThat(q.take(1)).containsExactly(six);
        assertThat(q.isEmpty()).isTrue();
    }

    @Test
    void behavesLikeALinkedHashSetThroughGrowthWrapAndShrink() {
        // The model: what the queue replaced. Random adds (with repeats) and takes, enough
        // to grow the ring and set past their shrink threshold and wrap the ring.
        Random r = new Random(7);
        ExportQueue q = new ExportQueue();
        LinkedHashSet<Prefix> model = new LinkedHashSet<>();
        for (int round = 0; round < 40; round++) {
            int adds = r.nextInt(5000);
            for (int i = 0; i < adds; i++) {
                Prefix p = v4(0xC6120000 | (r.nextInt(4096) << 8), 24);
                q.add(p);
                model.add(p);
            }
            int take = r.nextInt(6000);
            List<Prefix> expected = new ArrayList<>();
            var it = model.iterator();
            while (it.hasNext() && expected.size() < take) {
                expected.add(it.next());
                it.remove();
            }
            assertThat(q.take(take)).isEqualTo(expected);
            assertThat(q.size()).isEqualTo(model.size());
        }
        q.clear();
        assertThat(q.isEmpty()).isTrue();
        q.add(v4(0xC6120000, 24));
        assertThat(q.take(5)).containsExactly(v4(0xC6120000, 24));
    }
}
