package io.bgplet.api;

import apipb.Gobgp;
import apipb.GobgpApiGrpc;
import com.google.protobuf.Empty;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;

/**
 * bgplet's endpoint for GoBGP 3.10's {@code apipb.GobgpApi}, so the stock {@code gobgp} CLI
 * and grpcurl can talk to it. Every RPC is declared here and, until it is mapped onto the
 * speaker, answers UNIMPLEMENTED naming itself: a client then sees which call bgplet lacks
 * (the generated default would say "Method apipb.GobgpApi/X is unimplemented", which reads
 * like a broken build rather than a missing feature). Plain grpc-java observers, not Mutiny,
 * so streaming calls can later follow {@code ServerCallStreamObserver.isReady()}.
 */
@GrpcService
public class GobgpService extends GobgpApiGrpc.GobgpApiImplBase {

    @Override
    public void startBgp(Gobgp.StartBgpRequest request, StreamObserver<Empty> response) {
        unimplemented("StartBgp", response);
    }

    @Override
    public void stopBgp(Gobgp.StopBgpRequest request, StreamObserver<Empty> response) {
        unimplemented("StopBgp", response);
    }

    @Override
    public void getBgp(Gobgp.GetBgpRequest request, StreamObserver<Gobgp.GetBgpResponse> response) {
        unimplemented("GetBgp", response);
    }

    @Override
    public void setLogLevel(Gobgp.SetLogLevelRequest request, StreamObserver<Empty> response) {
        unimplemented("SetLogLevel", response);
    }

    @Override
    public void watchEvent(Gobgp.WatchEventRequest request, StreamObserver<Gobgp.WatchEventResponse> response) {
        unimplemented("WatchEvent", response);
    }

    @Override
    public void addPeer(Gobgp.AddPeerRequest request, StreamObserver<Empty> response) {
        unimplemented("AddPeer", response);
    }

    @Override
    public void deletePeer(Gobgp.DeletePeerRequest request, StreamObserver<Empty> response) {
        unimplemented("DeletePeer", response);
    }

    @Override
    public void listPeer(Gobgp.ListPeerRequest request, StreamObserver<Gobgp.ListPeerResponse> response) {
        unimplemented("ListPeer", response);
    }

    @Override
    public void updatePeer(Gobgp.UpdatePeerRequest request, StreamObserver<Gobgp.UpdatePeerResponse> response) {
        unimplemented("UpdatePeer", response);
    }

    @Override
    public void resetPeer(Gobgp.ResetPeerRequest request, StreamObserver<Empty> response) {
        unimplemented("ResetPeer", response);
    }

    @Override
    public void shutdownPeer(Gobgp.ShutdownPeerRequest request, StreamObserver<Empty> response) {
        unimplemented("ShutdownPeer", response);
    }

    @Override
    public void enablePeer(Gobgp.EnablePeerRequest request, StreamObserver<Empty> response) {
        unimplemented("EnablePeer", response);
    }

    @Override
    public void disablePeer(Gobgp.DisablePeerRequest request, StreamObserver<Empty> response) {
        unimplemented("DisablePeer", response);
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
        unimplemented("AddPath", response);
    }

    @Override
    public StreamObserver<Gobgp.AddPathStreamRequest> addPathStream(StreamObserver<Empty> response) {
        unimplemented("AddPathStream", response);
        return discarding();
    }

    @Override
    public void deletePath(Gobgp.DeletePathRequest request, StreamObserver<Empty> response) {
        unimplemented("DeletePath", response);
    }

    @Override
    public void listPath(Gobgp.ListPathRequest request, StreamObserver<Gobgp.ListPathResponse> response) {
        unimplemented("ListPath", response);
    }

    @Override
    public void getTable(Gobgp.GetTableRequest request, StreamObserver<Gobgp.GetTableResponse> response) {
        unimplemented("GetTable", response);
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
        unimplemented("ListPolicyAssignment", response);
    }

    @Override
    public void setPolicyAssignment(Gobgp.SetPolicyAssignmentRequest request, StreamObserver<Empty> response) {
        unimplemented("SetPolicyAssignment", response);
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

    /** For a client stream already failed: whatever else the client sends is dropped. */
    private static <T> StreamObserver<T> discarding() {
        return new StreamObserver<>() {
            @Override
            public void onNext(T value) {
            }

            @Override
            public void onError(Throwable t) {
            }

            @Override
            public void onCompleted() {
            }
        };
    }
}
