package io.bgplet.cli;

import apipb.GobgpApiGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel to the agent. Like gobgp's CLI it waits for the connection up front (1.5 s
 * here, gobgp uses 1 s) so an absent agent gives one clear message instead of a gRPC status.
 */
final class Connection implements AutoCloseable {
    static final long CONNECT_TIMEOUT_MS = 1500;

    private final ManagedChannel channel;
    private final String target;

    private Connection(ManagedChannel channel, String target) {
        this.channel = channel;
        this.target = target;
    }

    static Connection open(String address, int port, boolean tls, File tlsCa) {
        String target = address.contains(":") && !address.startsWith("[") ? "[" + address + "]:" + port : address + ":" + port;
        ChannelCredentials credentials;
        if (tls || tlsCa != null) {
            try {
                TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
                if (tlsCa != null) b.trustManager(tlsCa);
                credentials = b.build();
            } catch (IOException e) {
                throw new CliException("cannot read --tls-ca " + tlsCa + ": " + e.getMessage());
            }
        } else {
            credentials = InsecureChannelCredentials.create();
        }
        ManagedChannel channel = Grpc.newChannelBuilder(target, credentials).build();
        Connection c = new Connection(channel, target);
        c.awaitReady();
        return c;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
        ConnectivityState state = channel.getState(true);
        while (state != ConnectivityState.READY) {
            if (state == ConnectivityState.TRANSIENT_FAILURE || state == ConnectivityState.SHUTDOWN) break;
            long left = deadline - System.nanoTime();
            if (left <= 0) break;
            CountDownLatch changed = new CountDownLatch(1);
            channel.notifyWhenStateChanged(state, changed::countDown);
            try {
                changed.await(left, TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            state = channel.getState(false);
        }
        if (state != ConnectivityState.READY) {
            close();
            throw unreachable();
        }
    }

    CliException unreachable() {
        return new CliException("cannot reach bgplet at " + target);
    }

    /** A gRPC error as the user's message: unreachable agents by name, other statuses as gobgp shows them. */
    CliException failure(StatusRuntimeException e) {
        return switch (e.getStatus().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> unreachable();
            default -> new CliException("rpc error: code = " + e.getStatus().getCode() + " desc = " + e.getStatus().getDescription());
        };
    }

    GobgpApiGrpc.GobgpApiBlockingStub blocking() {
        return GobgpApiGrpc.newBlockingStub(channel);
    }

    @Override
    public void close() {
        channel.shutdownNow();
        try {
            channel.awaitTermination(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
