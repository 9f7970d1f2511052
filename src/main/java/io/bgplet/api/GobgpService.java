package io.bgplet.api;

import apipb.Gobgp;
import apipb.GobgpApiGrpc;
import com.google.protobuf.Empty;
import com.google.protobuf.ByteString;
import io.bgplet.speaker.LocalPath;
import io.bgplet.speaker.NeighborOperation;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerDirectory;
import io.bgplet.wire.Family;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * bgplet's endpoint for GoBGP 3.10's {@code apipb.GobgpApi}, so the stock {@code gobgp} CLI
 * and grpcurl can talk to it. The mapped RPCs act on the first instance's speaker (see
 * docs/api.md); every other RPC answers UNIMPLEMENTED naming itself, so a client sees which
 * call bgplet lacks rather than what reads like a broken build. Plain grpc-java observers,
 * not Mutiny, so streaming calls follow {@code ServerCallStreamObserver.isReady()}.
 */
@GrpcService
public class GobgpService extends GobgpApiGrpc.GobgpApiImplBase {
    static final String CONFIGURED_ELSEWHERE = "bgplet's configuration comes from CiliumBGP* resources "
            + "(CiliumBGPClusterConfig, CiliumBGPPeerConfig, CiliumBGPAdvertisement), not from the API";

    @Inject
    SpeakerDirectory directory;

    /** The instance this endpoint serves; null: the first one (Quarkus' server on 50051). */
    private String instance;

    /** An endpoint bound to one instance, for the extra per-instance ports ({@link ApiServers}). */
    static GobgpService forInstance(SpeakerDirectory directory, String instance) {
        GobgpService s = new GobgpService();
        s.directory = directory;
        s.instance = instance;
        return s;
    }

    private Optional<Speaker> target() {
        return instance == null ? directory.first() : Optional.ofNullable(directory.speakers().get(instance));
    }

    private final ApiRoutes routes = new ApiRoutes(Clock.systemUTC());
    /** Watchers and path listings build and send their messages here, never on the speaker's writer or the event loop. */
    private final Executor watchExecutor = Executors.newVirtualThreadPerTaskExecutor();

    @Override
    public void startBgp(Gobgp.StartBgpRequest request, StreamObserver<Empty> response) {
        fail(response, Status.FAILED_PRECONDITION.withDescription(CONFIGURED_ELSEWHERE));
    }

    @Override
    public void stopBgp(Gobgp.StopBgpRequest request, StreamObserver<Empty> response) {
        fail(response, Status.FAILED_PRECONDITION.withDescription(CONFIGURED_ELSEWHERE));
    }

    @Override
    public void getBgp(Gobgp.GetBgpRequest request, StreamObserver<Gobgp.GetBgpResponse> response) {
        withSpeaker(response, s -> reply(s.query(v -> ApiControl.global(v.config())), response));
    }

    @Override
    public void setLogLevel(Gobgp.SetLogLevelRequest request, StreamObserver<Empty> response) {
        ApiControl.setLogLevel(request.getLevel());
        response.onNext(Empty.getDefaultInstance());
        response.onCompleted();
    }

    @Override
    public void watchEvent(Gobgp.WatchEventRequest request, StreamObserver<Gobgp.WatchEventResponse> response) {
        withSpeaker(response, s -> watch(s, request, (ServerCallStreamObserver<Gobgp.WatchEventResponse>) response));
    }

    @Override
    public void addPeer(Gobgp.AddPeerRequest request, StreamObserver<Empty> response) {
        String address = request.getPeer().getConf().getNeighborAddress();
        withSpeaker(response, s -> reply(s.query(v -> ApiControl.findNeighbor(v.config(), address)).thenApply(n -> {
            if (n != null) throw new StatusRuntimeException(Status.ALREADY_EXISTS.withDescription("can't overwrite the existing peer: " + address));
            throw new StatusRuntimeException(Status.FAILED_PRECONDITION.withDescription("bgplet's peers come from CiliumBGPClusterConfig "
                    + "and CiliumBGPPeerConfig resources; add neighbor " + address + " there"));
        }), response));
    }

    @Override
    public void deletePeer(Gobgp.DeletePeerRequest request, StreamObserver<Empty> response) {
        String address = request.getAddress();
        withSpeaker(response, s -> reply(s.query(v -> ApiControl.findNeighbor(v.config(), address)).thenApply(n -> {
            if (n == null) throw new StatusRuntimeException(Status.NOT_FOUND.withDescription("can't delete a peer configuration for " + address));
            throw new StatusRuntimeException(Status.FAILED_PRECONDITION.withDescription("neighbor " + address + " (peer " + n.name()
                    + ") is managed by CiliumBGPClusterConfig; remove it there"));
        }), response));
    }

    @Override
    public void listPeer(Gobgp.ListPeerRequest request, StreamObserver<Gobgp.ListPeerResponse> response) {
        withSpeaker(response, s -> s.query(v -> ApiControl.peers(v.config(), v.neighbors(), request.getAddress(), request.getEnableAdvertised()))
                .whenComplete((peers, e) -> {
                    if (e != null) {
                        fail(response, e);
                        return;
                    }
                    for (Gobgp.Peer p : peers) response.onNext(Gobgp.ListPeerResponse.newBuilder().setPeer(p).build());
                    response.onCompleted();
                }));
    }

    @Override
    public void updatePeer(Gobgp.UpdatePeerRequest request, StreamObserver<Gobgp.UpdatePeerResponse> response) {
        unimplemented("UpdatePeer", response);
    }

    @Override
    public void resetPeer(Gobgp.ResetPeerRequest request, StreamObserver<Empty> response) {
        NeighborOperation op = !request.getSoft() ? NeighborOperation.HARD_RESET : switch (request.getDirection()) {
            case IN -> NeighborOperation.SOFT_RESET_IN;
            case OUT -> NeighborOperation.SOFT_RESET_OUT;
            default -> NeighborOperation.SOFT_RESET_BOTH;
        };
        operate(request.getAddress(), op, response);
    }

    @Override
    public void shutdownPeer(Gobgp.ShutdownPeerRequest request, StreamObserver<Empty> response) {
        operate(request.getAddress(), NeighborOperation.SHUTDOWN, response);
    }

    @Override
    public void enablePeer(Gobgp.EnablePeerRequest request, StreamObserver<Empty> response) {
        operate(request.getAddress(), NeighborOperation.ENABLE, response);
    }

    @Override
    public void disablePeer(Gobgp.DisablePeerRequest request, StreamObserver<Empty> response) {
        operate(request.getAddress(), NeighborOperation.DISABLE, response);
    }

    @Override
    public void addPeerGroup(Gobgp.AddPeerGroupRequest request, StreamObserver<Empty> response) {
        unimplemented("AddPeerGroup", response);
    }

    @Override
    public void deletePeerGroup(Gobgp.DeletePeerGroupRequest request, StreamObserver<Empty> response) {
        unimplemented("DeletePeerGroup", response);
    }

    @Override
    public void listPeerGroup(Gobgp.ListPeerGroupRequest request, StreamObserver<Gobgp.ListPeerGroupResponse> response) {
        unimplemented("ListPeerGroup", response);
    }

    @Override
    public void updatePeerGroup(Gobgp.UpdatePeerGroupRequest request, StreamObserver<Gobgp.UpdatePeerGroupResponse> response) {
        unimplemented("UpdatePeerGroup", response);
    }

    @Override
    public void addDynamicNeighbor(Gobgp.AddDynamicNeighborRequest request, StreamObserver<Empty> response) {
        unimplemented("AddDynamicNeighbor", response);
    }

    @Override
    public void deleteDynamicNeighbor(Gobgp.DeleteDynamicNeighborRequest request, StreamObserver<Empty> response) {
        unimplemented("DeleteDynamicNeighbor", response);
    }

    @Override
    public void listDynamicNeighbor(Gobgp.ListDynamicNeighborRequest request, StreamObserver<Gobgp.ListDynamicNeighborResponse> response) {
        unimplemented("ListDynamicNeighbor", response);
    }

    @Override
    public void addPath(Gobgp.AddPathRequest request, StreamObserver<Gobgp.AddPathResponse> response) {
        withSpeaker(response, s -> {
            ApiRoutes.checkGlobal(request.getTableType(), request.getVrfId());
            if (!request.hasPath()) throw new IllegalArgumentException("path is missing");
            LocalPath path = ApiRoutes.decode(request.getPath(), "path");
            CompletableFuture<?> done = request.getPath().getIsWithdraw()
                    ? routes.delete(s, List.of(path)).thenApply(x -> Gobgp.AddPathResponse.getDefaultInstance())
                    : routes.add(s, List.of(path)).thenApply(u -> Gobgp.AddPathResponse.newBuilder().setUuid(ByteString.copyFrom(u)).build());
            reply(done, response);
        });
    }

    @Override
    public StreamObserver<Gobgp.AddPathStreamRequest> addPathStream(StreamObserver<Empty> response) {
        return new AddPathStream(this::target, routes, response);
    }

    @Override
    public void deletePath(Gobgp.DeletePathRequest request, StreamObserver<Empty> response) {
        withSpeaker(response, s -> reply(routes.delete(s, request).thenApply(x -> Empty.getDefaultInstance()), response));
    }

    @Override
    public void listPath(Gobgp.ListPathRequest request, StreamObserver<Gobgp.ListPathResponse> response) {
        withSpeaker(response, s -> listPath(s, request, (ServerCallStreamObserver<Gobgp.ListPathResponse>) response));
    }

    @Override
    public void getTable(Gobgp.GetTableRequest request, StreamObserver<Gobgp.GetTableResponse> response) {
        withSpeaker(response, s -> {
            Family f = ApiPaths.family(request.getFamily(), "family");
            InetAddress neighbor = request.getTableType() == Gobgp.TableType.GLOBAL ? null : ApiAttributes.address(request.getName(), "name");
            reply(s.query(v -> ApiControl.table(v, request.getTableType(), neighbor, f)), response);
        });
    }

    @Override
    public void addVrf(Gobgp.AddVrfRequest request, StreamObserver<Empty> response) {
        unimplemented("AddVrf", response);
    }

    @Override
    public void deleteVrf(Gobgp.DeleteVrfRequest request, StreamObserver<Empty> response) {
        unimplemented("DeleteVrf", response);
    }

    @Override
    public void listVrf(Gobgp.ListVrfRequest request, StreamObserver<Gobgp.ListVrfResponse> response) {
        unimplemented("ListVrf", response);
    }

    @Override
    public void addPolicy(Gobgp.AddPolicyRequest request, StreamObserver<Empty> response) {
        unimplemented("AddPolicy", response);
    }

    @Override
    public void deletePolicy(Gobgp.DeletePolicyRequest request, StreamObserver<Empty> response) {
        unimplemented("DeletePolicy", response);
    }

    @Override
    public void listPolicy(Gobgp.ListPolicyRequest request, StreamObserver<Gobgp.ListPolicyResponse> response) {
        unimplemented("ListPolicy", response);
    }

    @Override
    public void setPolicies(Gobgp.SetPoliciesRequest request, StreamObserver<Empty> response) {
        unimplemented("SetPolicies", response);
    }

    @Override
    public void addDefinedSet(Gobgp.AddDefinedSetRequest request, StreamObserver<Empty> response) {
        unimplemented("AddDefinedSet", response);
    }

    @Override
    public void deleteDefinedSet(Gobgp.DeleteDefinedSetRequest request, StreamObserver<Empty> response) {
        unimplemented("DeleteDefinedSet", response);
    }

    @Override
    public void listDefinedSet(Gobgp.ListDefinedSetRequest request, StreamObserver<Gobgp.ListDefinedSetResponse> response) {
        unimplemented("ListDefinedSet", response);
    }

    @Override
    public void addStatement(Gobgp.AddStatementRequest request, StreamObserver<Empty> response) {
        unimplemented("AddStatement", response);
    }

    @Override
    public void deleteStatement(Gobgp.DeleteStatementRequest request, StreamObserver<Empty> response) {
        unimplemented("DeleteStatement", response);
    }

    @Override
    public void listStatement(Gobgp.ListStatementRequest request, StreamObserver<Gobgp.ListStatementResponse> response) {
        unimplemented("ListStatement", response);
    }

    @Override
    public void addPolicyAssignment(Gobgp.AddPolicyAssignmentRequest request, StreamObserver<Empty> response) {
        unimplemented("AddPolicyAssignment", response);
    }

    @Override
    public void deletePolicyAssignment(Gobgp.DeletePolicyAssignmentRequest request, StreamObserver<Empty> response) {
        unimplemented("DeletePolicyAssignment", response);
    }

    @Override
    public void listPolicyAssignment(Gobgp.ListPolicyAssignmentRequest request, StreamObserver<Gobgp.ListPolicyAssignmentResponse> response) {
        withSpeaker(response, s -> s.query(v -> ApiControl.assignments(v.config(), v.globalPolicy(), request.getName(), request.getDirection()))
                .whenComplete((list, e) -> {
                    if (e != null) {
                        fail(response, e);
                        return;
                    }
                    for (Gobgp.PolicyAssignment a : list) response.onNext(Gobgp.ListPolicyAssignmentResponse.newBuilder().setAssignment(a).build());
                    response.onCompleted();
                }));
    }

    @Override
    public void setPolicyAssignment(Gobgp.SetPolicyAssignmentRequest request, StreamObserver<Empty> response) {
        withSpeaker(response, s -> reply(s.query(v -> v.globalPolicy())
                .thenCompose(current -> s.setGlobalPolicy(ApiControl.withDefault(current, request.getAssignment())))
                .thenApply(x -> Empty.getDefaultInstance()), response));
    }

    @Override
    public void addRpki(Gobgp.AddRpkiRequest request, StreamObserver<Empty> response) {
        unimplemented("AddRpki", response);
    }

    @Override
    public void deleteRpki(Gobgp.DeleteRpkiRequest request, StreamObserver<Empty> response) {
        unimplemented("DeleteRpki", response);
    }

    @Override
    public void listRpki(Gobgp.ListRpkiRequest request, StreamObserver<Gobgp.ListRpkiResponse> response) {
        unimplemented("ListRpki", response);
    }

    @Override
    public void enableRpki(Gobgp.EnableRpkiRequest request, StreamObserver<Empty> response) {
        unimplemented("EnableRpki", response);
    }

    @Override
    public void disableRpki(Gobgp.DisableRpkiRequest request, StreamObserver<Empty> response) {
        unimplemented("DisableRpki", response);
    }

    @Override
    public void resetRpki(Gobgp.ResetRpkiRequest request, StreamObserver<Empty> response) {
        unimplemented("ResetRpki", response);
    }

    @Override
    public void listRpkiTable(Gobgp.ListRpkiTableRequest request, StreamObserver<Gobgp.ListRpkiTableResponse> response) {
        unimplemented("ListRpkiTable", response);
    }

    @Override
    public void enableZebra(Gobgp.EnableZebraRequest request, StreamObserver<Empty> response) {
        unimplemented("EnableZebra", response);
    }

    @Override
    public void enableMrt(Gobgp.EnableMrtRequest request, StreamObserver<Empty> response) {
        unimplemented("EnableMrt", response);
    }

    @Override
    public void disableMrt(Gobgp.DisableMrtRequest request, StreamObserver<Empty> response) {
        unimplemented("DisableMrt", response);
    }

    @Override
    public void addBmp(Gobgp.AddBmpRequest request, StreamObserver<Empty> response) {
        unimplemented("AddBmp", response);
    }

    @Override
    public void deleteBmp(Gobgp.DeleteBmpRequest request, StreamObserver<Empty> response) {
        unimplemented("DeleteBmp", response);
    }

    @Override
    public void listBmp(Gobgp.ListBmpRequest request, StreamObserver<Gobgp.ListBmpResponse> response) {
        unimplemented("ListBmp", response);
    }

    static void unimplemented(String rpc, StreamObserver<?> response) {
        response.onError(Status.UNIMPLEMENTED
                .withDescription("bgplet does not implement " + rpc)
                .asRuntimeException());
    }

    // ---- plumbing ----

    /** Runs body against this endpoint's speaker; a thrown IllegalArgumentException is the client's fault. */
    private void withSpeaker(StreamObserver<?> response, java.util.function.Consumer<Speaker> body) {
        Optional<Speaker> s = target();
        if (s.isEmpty()) {
            fail(response, Status.UNAVAILABLE.withDescription(instance == null
                    ? "no BGP instance runs on this node (no CiliumBGPClusterConfig selects it)"
                    : "BGP instance " + instance + " does not run on this node"));
            return;
        }
        try {
            body.accept(s.get());
        } catch (RuntimeException e) {
            fail(response, e);
        }
    }

    private static <T> void reply(CompletableFuture<?> future, StreamObserver<T> response) {
        future.whenComplete((value, e) -> {
            if (e != null) {
                fail(response, e);
                return;
            }
            @SuppressWarnings("unchecked") T t = (T) value;
            response.onNext(t);
            response.onCompleted();
        });
    }

    static void fail(StreamObserver<?> response, Status status) {
        response.onError(status.asRuntimeException());
    }

    /** Maps a failure to a status: the client's input to INVALID_ARGUMENT, a status as given, the rest INTERNAL. */
    static void fail(StreamObserver<?> response, Throwable e) {
        Throwable cause = e;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) cause = cause.getCause();
        Status status = switch (cause) {
            case StatusRuntimeException sre -> sre.getStatus();
            case IllegalArgumentException iae -> Status.INVALID_ARGUMENT.withDescription(iae.getMessage());
            default -> Status.INTERNAL.withDescription(String.valueOf(cause));
        };
        response.onError(status.asRuntimeException());
    }

    private void operate(String address, NeighborOperation op, StreamObserver<Empty> response) {
        withSpeaker(response, s -> {
            InetAddress a = ApiAttributes.address(address, "address");
            reply(s.query(v -> ApiControl.findNeighbor(v.config(), address)).thenCompose(n -> {
                if (n == null) throw new StatusRuntimeException(Status.NOT_FOUND.withDescription("neighbor " + address + " not found"));
                return s.operate(a, op);
            }).thenApply(x -> Empty.getDefaultInstance()), response);
        });
    }

    private void listPath(Speaker s, Gobgp.ListPathRequest r, ServerCallStreamObserver<Gobgp.ListPathResponse> response) {
        Family f = ApiPaths.family(r.getFamily(), "family");
        PathListing.Table table = switch (r.getTableType()) {
            case GLOBAL -> PathListing.Table.GLOBAL;
            case ADJ_IN -> PathListing.Table.ADJ_IN;
            case ADJ_OUT -> PathListing.Table.ADJ_OUT;
            case LOCAL -> PathListing.Table.LOCAL;
            default -> throw new StatusRuntimeException(Status.UNIMPLEMENTED.withDescription("bgplet does not implement ListPath for table " + r.getTableType()));
        };
        InetAddress neighbor = table == PathListing.Table.GLOBAL ? null : ApiAttributes.address(r.getName(), "name");
        new PathListing(s, table, neighbor, f, r.getPrefixesList(), response, routes::ages, watchExecutor).start();
    }

    private void watch(Speaker s, Gobgp.WatchEventRequest r, ServerCallStreamObserver<Gobgp.WatchEventResponse> response) {
        boolean best = false, init = false;
        for (Gobgp.WatchEventRequest.Table.Filter f : r.getTable().getFiltersList()) {
            if (f.getType() != Gobgp.WatchEventRequest.Table.Filter.Type.BEST) {
                throw new StatusRuntimeException(Status.UNIMPLEMENTED.withDescription("bgplet does not implement WatchEvent table filter " + f.getType()));
            }
            best = true;
            init |= f.getInit();
        }
        EventWatch w = new EventWatch(response, r.hasPeer(), best, EventWatch.LIMIT, watchExecutor, Clock.systemUTC(), s);
        w.subscribe(init);
    }
}
