package io.bgplet.api;

import com.google.protobuf.InvalidProtocolBufferException;
import grpc.reflection.v1alpha.ServerReflectionGrpc;
import grpc.reflection.v1alpha.Reflection.ServerReflectionRequest;
import grpc.reflection.v1alpha.Reflection.ServerReflectionResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import jakarta.inject.Inject;

/**
 * gRPC server reflection, protocol v1alpha, for clients older than the v1 protocol (grpcurl
 * before 1.8.8 asks only this one). Its messages are v1's field for field, so each request
 * is re-read as v1, answered by {@link ReflectionV1}, and the answer re-read as v1alpha.
 */
@GrpcService
public class ReflectionV1alpha extends ServerReflectionGrpc.ServerReflectionImplBase {

    @Inject
    @GrpcService
    ReflectionV1 v1;

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
            StreamObserver<ServerReflectionResponse> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionRequest request) {
                try {
                    var asV1 = io.grpc.reflection.v1.ServerReflectionRequest.parseFrom(request.toByteString());
                    var answer = ReflectionV1.answer(v1.index(), asV1);
                    response.onNext(ServerReflectionResponse.parseFrom(answer.toByteString()));
                } catch (InvalidProtocolBufferException e) {
                    response.onError(Status.INTERNAL.withDescription("v1alpha/v1 mismatch: "
                            + e.getMessage()).asRuntimeException());
                }
            }

            @Override
            public void onError(Throwable t) {
                // The client went away; nothing of ours to release.
            }

            @Override
            public void onCompleted() {
                response.onCompleted();
            }
        };
    }
}
