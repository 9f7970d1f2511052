package io.bgplet.api;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.grpc.Channel;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** What the API tests need to talk to server reflection the way grpcurl does. */
final class ReflectionClient {
    private ReflectionClient() {}

    /** One request on a v1 reflection stream, its first reply. */
    static ServerReflectionResponse ask(Channel channel, ServerReflectionRequest request) throws Exception {
        CompletableFuture<ServerReflectionResponse> reply = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel).serverReflectionInfo(new FirstReply<>(reply));
        requests.onNext(request);
        requests.onCompleted();
        return reply.get(10, TimeUnit.SECONDS);
    }

    /** Builds a reflected file after its imports, each once. */
    static FileDescriptor build(String name, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built)
            throws DescriptorValidationException {
        FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto p = protos.get(name);
        if (p == null) {
            fail("reflection did not send " + name + ", an import of another file it sent");
        }
        List<FileDescriptor> deps = new ArrayList<>();
        for (String dep : p.getDependencyList()) {
            deps.add(build(dep, protos, built));
        }
        FileDescriptor f = FileDescriptor.buildFrom(p, deps.toArray(FileDescriptor[]::new));
        built.put(name, f);
        return f;
    }

    /** Keeps the first response of a reflection stream. */
    record FirstReply<T>(CompletableFuture<T> reply) implements StreamObserver<T> {
        @Override
        public void onNext(T value) {
            reply.complete(value);
        }

        @Override
        public void onError(Throwable t) {
            reply.completeExceptionally(t);
        }

        @Override
        public void onCompleted() {
            reply.completeExceptionally(new IllegalStateException("stream ended without a reply"));
        }
    }
}
