package io.bgplet.bench;

import apipb.Gobgp;
import apipb.GobgpApiGrpc;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;

import java.lang.management.ManagementFactory;
import io.grpc.stub.StreamObserver;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The ListPath client of the API scenario, the same for every DUT: grpc-java with the stubs
 * generated from bgplet's gobgp.proto (GoBGP 3.10's API). Each "LIST" on stdin streams the
 * GLOBAL IPv4 unicast table once (no sort, no filter) and prints
 * "LISTED startNanos endNanos destinations paths clientCpuSeconds". Counting reads each
 * Destination's paths (the message is fully parsed by the stub), nothing more. The async
 * stub on a direct executor handles each message on the transport thread: no hand-off per
 * message as with the blocking iterator, whose thread switches made the client, not the
 * DUT, the bottleneck (first trial: gobgpd used 0.35 s CPU of a 2 s listing).
 */
public final class ApiClient {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String target = a.get("target", "127.0.0.1:50051");
        int colon = target.lastIndexOf(':');
        ManagedChannel channel = NettyChannelBuilder.forAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1)))
                .usePlaintext().maxInboundMessageSize(64 << 20).directExecutor().flowControlWindow(8 << 20).build();
        GobgpApiGrpc.GobgpApiStub stub = GobgpApiGrpc.newStub(channel);
        Gobgp.Family v4 = Gobgp.Family.newBuilder().setAfi(Gobgp.Family.Afi.AFI_IP).setSafi(Gobgp.Family.Safi.SAFI_UNICAST).build();
        Generator.say("READY");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
        for (String line; (line = in.readLine()) != null; ) {
            if (line.startsWith("QUIT")) break;
            if (!line.startsWith("LIST")) continue;
            Gobgp.ListPathRequest request = Gobgp.ListPathRequest.newBuilder().setTableType(Gobgp.TableType.GLOBAL).setFamily(v4).build();
            long cpu0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            long[] counts = new long[2];
            long[] end = new long[1];
            Throwable[] failed = new Throwable[1];
            CountDownLatch finished = new CountDownLatch(1);
            stub.listPath(request, new StreamObserver<>() {
                @Override
                public void onNext(Gobgp.ListPathResponse r) {
                    counts[0]++;
                    counts[1] += r.getDestination().getPathsCount();
                }

                @Override
                public void onError(Throwable t) {
                    failed[0] = t;
                    end[0] = System.nanoTime();
                    finished.countDown();
                }

                @Override
                public void onCompleted() {
                    end[0] = System.nanoTime();
                    finished.countDown();
                }
            });
            finished.await();
            if (failed[0] != null) {
                Generator.say("ERROR ListPath failed: " + failed[0]);
                continue;
            }
            Generator.say("LISTED " + t0 + " " + end[0] + " " + counts[0] + " " + counts[1] + " " + (os.getProcessCpuTime() - cpu0) / 1e9);
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        System.exit(0);
    }
}
