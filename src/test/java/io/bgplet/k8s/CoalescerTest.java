package io.bgplet.k8s;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class CoalescerTest {
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void firstChangeAfterQuietRunsAtOnce() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        // A long interval: if the first pass waited for it, the latch would time out.
        Coalescer c = new Coalescer(executor, ran::countDown, Duration.ofSeconds(30));
        long t0 = System.nanoTime();
        c.signal();
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void signalsDuringAPassFoldIntoOneNextPass() throws Exception {
        CountDownLatch inPass = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger passes = new AtomicInteger();
        Coalescer c = new Coalescer(executor, () -> {
            if (passes.incrementAndGet() == 1) {
                inPass.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }, Duration.ofMillis(1));
        c.signal();
        assertThat(inPass.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 50; i++) c.signal();
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> passes.get() == 2);
        Thread.sleep(200);
        assertThat(passes.get()).isEqualTo(2);
    }

    @Test
    void passesStartAtLeastTheIntervalApart() {
        List<Long> starts = new CopyOnWriteArrayList<>();
        Coalescer c = new Coalescer(executor, () -> starts.add(System.nanoTime()), Duration.ofMillis(60));
        long until = System.nanoTime() + Duration.ofMillis(600).toNanos();
        while (System.nanoTime() < until) {
            c.signal();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        await().atMost(Duration.ofSeconds(5)).pollDelay(Duration.ofMillis(200)).until(() -> true);
        // About 300 signals: passes bounded by the interval, not one per signal.
        assertThat(starts.size()).isBetween(2, 12);
        for (int i = 1; i < starts.size(); i++) {
            assertThat(starts.get(i) - starts.get(i - 1)).isGreaterThanOrEqualTo(Duration.ofMillis(60).toNanos() - 1_000_000);
        }
    }
}
