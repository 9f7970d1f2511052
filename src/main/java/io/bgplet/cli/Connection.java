package io.bgplet.cli;

import apipb.Gobgp;
import apipb.GobgpApiGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;

import java.io.File;
import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One gRPC channel to the agent. Like gobgp's CLI it waits for the connection up front (1.5 s
 * here, gobgp uses 1 s) so an absent agent gives one clear message instead of a gRPC status;
 * TLS failures are named ({@link TlsFailure}) instead of "cannot reach".
 */
final class Connection implements AutoCloseable {
    static final long CONNECT_TIMEOUT_MS = 1500;
    /** A TLS handshake on a cold JVM (certificate parsing, key agreement in the interpreter) needs more. */
    static final long TLS_CONNECT_TIMEOUT_MS = 4000;

    /** The TLS flags: any of them but {@code enabled} implies TLS. */
    record Tls(boolean enabled, File ca, File cert, File key, String serverName) {
        static final Tls OFF = new Tls(false, null, null, null, null);

        boolean on() {
            return enabled || ca != null || cert != null || key != null || serverName != null;
        }
    }

    private final ManagedChannel channel;
    private final String target;
    private final Tls tls;

    private Connection(ManagedChannel channel, String target, Tls tls) {
        this.channel = channel;
        this.target = target;
        this.tls = tls;
    }

    static Connection open(String address, int port, Tls tls) {
        String target = address.contains(":") && !address.startsWith("[") ? "[" + address + "]:" + port : address + ":" + port;
        ManagedChannelBuilder<?> builder;
        try {
            builder = Grpc.newChannelBuilder(target, credentials(tls));
        } catch (IllegalArgumentException e) {
            throw new CliException("cannot use " + (tls.cert() != null ? "--tls-cert " + tls.cert() + " / --tls-key " + tls.key()
                    : "the TLS settings") + ": " + e.getMessage());
        }
        if (tls.serverName() != null) builder.overrideAuthority(tls.serverName());
        Connection c = new Connection(builder.build(), target, tls);
        c.awaitReady();
        return c;
    }

    private static ChannelCredentials credentials(Tls tls) {
        if (!tls.on()) return InsecureChannelCredentials.create();
        if ((tls.cert() == null) != (tls.key() == null)) throw new CliException("--tls-cert and --tls-key go together");
        TlsChannelCredentials.Builder b = TlsChannelCredentials.newBuilder();
        if (tls.ca() != null) {
            readable("--tls-ca", tls.ca());
            try {
                b.trustManager(tls.ca());
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot use --tls-ca " + tls.ca() + ": " + e.getMessage());
            }
        }
        if (tls.cert() != null) {
            readable("--tls-cert", tls.cert());
            readable("--tls-key", tls.key());
            try {
                b.keyManager(tls.cert(), tls.key());
            } catch (IOException | IllegalArgumentException e) {
                throw new CliException("cannot use --tls-cert " + tls.cert() + " / --tls-key " + tls.key() + ": " + e.getMessage());
            }
        }
        return b.build();
    }

    private static void readable(String flag, File f) {
        if (!f.isFile() || !f.canRead()) throw new CliException("cannot read " + flag + " " + f + ": no such readable file");
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(tls.on() ? TLS_CONNECT_TIMEOUT_MS : CONNECT_TIMEOUT_MS);
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
            CliException why = state == ConnectivityState.TRANSIENT_FAILURE ? diagnose() : unreachable();
            close();
            throw why;
        }
    }

    /** A failed channel keeps its last error: a call that does not wait for ready fails with it. */
    private CliException diagnose() {
        try {
            GobgpApiGrpc.newBlockingStub(channel).withDeadlineAfter(500, TimeUnit.MILLISECONDS)
                    .getBgp(Gobgp.GetBgpRequest.getDefaultInstance());
            return unreachable();
        } catch (StatusRuntimeException e) {
            return failure(e);
        }
    }

    CliException unreachable() {
        return new CliException("cannot reach bgplet at " + target);
    }

    /** A gRPC error as the user's message: TLS failures and unreachable agents by name, other statuses as gobgp shows them. */
    CliException failure(StatusRuntimeException e) {
        return switch (e.getStatus().getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED -> TlsFailure.explain(e, target, tls).map(CliException::new).orElseGet(this::unreachable);
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
