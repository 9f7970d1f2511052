package io.bgplet.api;

import apipb.Gobgp;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.LocalPath;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Prefix;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** ListPath and WatchEvent follow the client's readiness; an overflowing watcher is dropped. */
class BackPressureTest {
    private final Speaker speaker = new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);

    @AfterEach
    void stop() {
        speaker.close();
    }

    /** A server stream whose readiness the test controls. */
    static final class Client<T> extends ServerCallStreamObserver<T> {
        volatile boolean ready;
        volatile Runnable onReady = () -> { };
        final List<T> received = new CopyOnWriteArrayList<>();
        volatile Throwable error;
        volatile boolean completed;

        void becomeReady() {
            ready = true;
            onReady.run();
        }

        @Override public boolean isCancelled() { return false; }
        @Override public void setOnCancelHandler(Runnable r) { }
        @Override public void setCompression(String c) { }
        @Override public boolean isReady() { return ready; }
        @Override public void setOnReadyHandler(Runnable r) { onReady = r; }
        @Override public void disableAutoInboundFlowControl() { }
        @Override public void request(int n) { }
        @Override public void setMessageCompression(boolean e) { }
        @Override public void onNext(T value) {
            if (!ready) throw new AssertionError("sent while not ready");
            received.add(value);
        }
        @Override public void onError(Throwable t) { error = t; }
        @Override public void onCompleted() { completed = true; }
    }

    private void instance() throws Exception {
        speaker.apply(new InstanceConfig("t", 65001, (Inet4Address) InetAddress.getByName("192.0.2.1"), null, 0,
                List.<NeighborConfig>of())).get(10, TimeUnit.SECONDS);
    }

    @Test
    void listPathSendsOnlyWhileTheClientIsReadyAndInPrefixOrder() throws Exception {
        instance();
        int n = PathListing.CHUNK * 2 + 500;
        List<LocalPath> paths = new ArrayList<>(n);
        // Host routes in 198.18.0.0/15, added in reverse so the sorting is visible.
        for (int i = n - 1; i >= 0; i--) {
            paths.add(new LocalPath(new Ipv4Prefix(0xC6120000 + i, 32), List.of(Attribute.Origin.IGP_ORIGIN)));
        }
        speaker.addPaths("api", paths).get(30, TimeUnit.SECONDS);

        Client<Gobgp.ListPathResponse> client = new Client<>();
        new PathListing(speaker, PathListing.Table.GLOBAL, null, Family.IPV4_UNICAST, List.of(), client,
                neighbors -> (s, p) -> Instant.EPOCH, java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()).start();
        Thread.sleep(500);
        assertThat(client.received).isEmpty();
        assertThat(client.completed).isFalse();

        client.becomeReady();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.completed);
        assertThat(client.received).hasSize(n);
        assertThat(client.received.getFirst().getDestination().getPrefix()).isEqualTo("198.18.0.0/32");
        assertThat(client.received.getLast().getDestination().getPrefix()).isEqualTo(new Ipv4Prefix(0xC6120000 + n - 1, 32).toString());
        assertThat(client.received.getFirst().getDestination().getPaths(0).getBest()).isTrue();
    }

    @Test
    void aWatcherThatFallsTooFarBehindIsDroppedWithResourceExhausted() throws Exception {
        instance();
        Client<Gobgp.WatchEventResponse> client = new Client<>();
        EventWatch watch = new EventWatch(client, false, true, 100, Executors.newVirtualThreadPerTaskExecutor(), Clock.systemUTC(), speaker);
        watch.subscribe(false);
        List<LocalPath> paths = new ArrayList<>();
        for (int i = 0; i < 300; i++) paths.add(new LocalPath(new Ipv4Prefix(0xCB007100 + i % 256, 32), List.of(Attribute.Origin.IGP_ORIGIN)));
        speaker.addPaths("api", paths.subList(0, 50)).get(10, TimeUnit.SECONDS);
        assertThat(client.error).isNull();
        speaker.addPaths("api", paths.subList(50, 200)).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.error != null);
        assertThat(Status.fromThrowable(client.error).getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(client.received).isEmpty();
    }

    @Test
    void aReadyWatcherGetsBestChangesAsTheyHappen() throws Exception {
        instance();
        Client<Gobgp.WatchEventResponse> client = new Client<>();
        client.ready = true;
        EventWatch watch = new EventWatch(client, false, true, 100, Executors.newVirtualThreadPerTaskExecutor(), Clock.systemUTC(), speaker);
        watch.subscribe(false);
        Prefix p = Prefix.parse("203.0.113.0/24");
        speaker.addPaths("api", List.of(new LocalPath(p, List.of(Attribute.Origin.IGP_ORIGIN)))).get(10, TimeUnit.SECONDS);
        // The speaker coalesces commands queued together into one Loc-RIB commit, so an add
        // and a delete sent back to back may cancel out: wait for the add's event first.
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received.size() == 1);
        speaker.deletePaths("api", List.of(new LocalPath(p, List.of()))).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.received.size() == 2);
        assertThat(client.received.get(0).getTable().getPaths(0).getIsWithdraw()).isFalse();
        assertThat(client.received.get(1).getTable().getPaths(0).getIsWithdraw()).isTrue();
        assertThat(client.error).isNull();
    }
}
