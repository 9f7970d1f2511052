package io.bgplet.rib;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LongTableTest {
    @Test
    void behavesLikeAHashMapUnderRandomOperations() {
        // Few distinct keys, many removals: exercises backward-shift deletion across wraps.
        Random rnd = new Random(7);
        LongTable<Long> t = new LongTable<>(4);
        Map<Long, Long> ref = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            long key = rnd.nextInt(3000) * 256L + rnd.nextInt(33);
            switch (rnd.nextInt(3)) {
                case 0, 1 -> assertThat(t.put(key, (long) i)).isEqualTo(ref.put(key, (long) i));
                default -> assertThat(t.remove(key)).isEqualTo(ref.remove(key));
            }
            if (i % 1000 == 0) assertThat(t.size()).isEqualTo(ref.size());
        }
        for (Map.Entry<Long, Long> e : ref.entrySet()) assertThat(t.get(e.getKey())).isEqualTo(e.getValue());
        Map<Long, Long> seen = new HashMap<>();
        t.forEach(seen::put);
        assertThat(seen).isEqualTo(ref);
        assertThat(t.keys()).hasSize(ref.size());
    }

    @Test
    void refusesTheReservedKeyAndNullValues() {
        LongTable<Object> t = new LongTable<>();
        assertThatThrownBy(() -> t.put(LongTable.FREE, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> t.put(1, null)).isInstanceOf(NullPointerException.class);
    }
}
