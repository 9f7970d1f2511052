package io.bgplet.api;

import apipb.Gobgp;
import com.google.protobuf.Empty;
import io.bgplet.speaker.LocalPath;
import io.bgplet.speaker.Speaker;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * AddPathStream: each message's paths are decoded and added as one batch, in order; the
 * first bad message fails the call (naming the field) and the rest of the stream is dropped.
 * Paths with is_withdraw are deleted, as gobgpd does.
 */
final class AddPathStream implements StreamObserver<Gobgp.AddPathStreamRequest> {
    private final java.util.function.Supplier<java.util.Optional<Speaker>> target;
    private final ApiRoutes routes;
    private final StreamObserver<Empty> response;
    private CompletableFuture<?> chain = CompletableFuture.completedFuture(null);
    private boolean failed;

    AddPathStream(java.util.function.Supplier<java.util.Optional<Speaker>> target, ApiRoutes routes, StreamObserver<Empty> response) {
        this.target = target;
        this.routes = routes;
        this.response = response;
    }

    @Override
    public synchronized void onNext(Gobgp.AddPathStreamRequest r) {
        if (failed) return;
        try {
            Speaker s = target.get().orElseThrow(() -> new io.grpc.StatusRuntimeException(Status.UNAVAILABLE.withDescription("no BGP instance runs on this node")));
            ApiRoutes.checkGlobal(r.getTableType(), r.getVrfId());
            List<LocalPath> add = new ArrayList<>(), del = new ArrayList<>();
            for (int i = 0; i < r.getPathsCount(); i++) {
                LocalPath p = ApiRoutes.decode(r.getPaths(i), "paths[" + i + "]");
                (r.getPaths(i).getIsWithdraw() ? del : add).add(p);
            }
            chain = chain.thenCompose(x -> add.isEmpty() ? CompletableFuture.completedFuture(null) : routes.add(s, add))
                    .thenCompose(x -> del.isEmpty() ? CompletableFuture.completedFuture(null) : routes.delete(s, del));
        } catch (RuntimeException e) {
            failed = true;
            GobgpService.fail(response, e);
        }
    }

    @Override
    public void onError(Throwable t) {
        failed = true;
    }

    @Override
    public synchronized void onCompleted() {
        if (failed) return;
        chain.whenComplete((x, e) -> {
            if (e != null) {
                GobgpService.fail(response, e);
                return;
            }
            response.onNext(Empty.getDefaultInstance());
            response.onCompleted();
        });
    }
}
