package io.bgplet.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The running app, seen by outside clients: the stock GoBGP 3.10 CLI, and a reflection
 * client that knows nothing of bgplet's protos and learns the API the way grpcurl does.
 */
@QuarkusTest
class GobgpServiceSmokeTest {

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int port;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        // Calling every RPC includes SetLogLevel(PANIC): the level is JVM-wide and would
        // silence bgplet's log in the test classes that run after this one.
        java.util.logging.Logger.getLogger("io.bgplet").setLevel(null);
    }

    /** The default test profile's manifests give one instance; `gobgp global` reads it through GetBgp. */
    @Test
    void gobgpGlobalAnswersFromTheSpeaker() throws Exception {
        GobgpCommand r = gobgp("global");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).startsWith("AS:        ").contains("Router-ID: ");
    }

    @Test
    void reflectionListsTheServices() throws Exception {
        ServerReflectionResponse r = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());
        assertThat(r.getListServicesResponse().getServiceList()).extracting(s -> s.getName())
                .contains("apipb.GobgpApi", "grpc.reflection.v1.ServerReflection",
                        "grpc.reflection.v1alpha.ServerReflection");
    }

    @Test
    void reflectionServesTheFileOfAnAnyPayloadType() throws Exception {
        Map<String, FileDescriptor> files = fileContaining("apipb.OriginAttribute");
        FileDescriptor attribute = files.get("attribute.proto");
        assertThat(attribute).as("served files %s", files.keySet()).isNotNull();
        FieldDescriptor origin = attribute.findMessageTypeByName("OriginAttribute").findFieldByNumber(1);
        assertThat(origin.getName()).isEqualTo("origin");
        assertThat(origin.getType()).isEqualTo(FieldDescriptor.Type.UINT32);
        FieldDescriptor family = fileContaining("apipb.MultiProtocolCapability").get("capability.proto")
                .findMessageTypeByName("MultiProtocolCapability").findFieldByName("family");
        assertThat(family.getMessageType().getFullName()).isEqualTo("apipb.Family");
    }

    @Test
    void reflectionV1alphaAnswersLikeV1() throws Exception {
        var stub = grpc.reflection.v1alpha.ServerReflectionGrpc.newStub(channel);
        CompletableFuture<grpc.reflection.v1alpha.Reflection.ServerReflectionResponse> reply = new CompletableFuture<>();
        var requests = stub.serverReflectionInfo(new ReflectionClient.FirstReply<>(reply));
        requests.onNext(grpc.reflection.v1alpha.Reflection.ServerReflectionRequest.newBuilder()
                .setFileByFilename("capability.proto").build());
        requests.onCompleted();
        List<ByteString> protos = reply.get(10, TimeUnit.SECONDS)
                .getFileDescriptorResponse().getFileDescriptorProtoList();
        assertThat(FileDescriptorProto.parseFrom(protos.get(0)).getName()).isEqualTo("capability.proto");
    }

    @Test
    void unknownSymbolIsNotFound() throws Exception {
        ServerReflectionResponse r = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("apipb.NoSuchMessage").build());
        assertThat(r.getErrorResponse().getErrorCode()).isEqualTo(Status.Code.NOT_FOUND.value());
    }

    /** The RPCs mapped onto the speaker (docs/api.md); the other 35 answer UNIMPLEMENTED naming themselves. */
    static final java.util.Set<String> IMPLEMENTED = java.util.Set.of("StartBgp", "StopBgp", "GetBgp", "SetLogLevel",
            "WatchEvent", "AddPeer", "DeletePeer", "ListPeer", "ResetPeer", "ShutdownPeer", "EnablePeer", "DisablePeer",
            "AddPath", "AddPathStream", "DeletePath", "ListPath", "GetTable", "ListPolicyAssignment", "SetPolicyAssignment");

    @Test
    void everyOtherRpcAnswersUnimplementedNamingItself() throws Exception {
        ServiceDescriptor service = fileContaining("apipb.GobgpApi").get("gobgp.proto")
                .findServiceByName("GobgpApi");
        assertThat(service.getMethods()).hasSize(55);
        int unimplemented = 0;
        for (MethodDescriptor m : service.getMethods()) {
            Status status = call(m);
            if (IMPLEMENTED.contains(m.getName())) {
                assertThat(status.getCode()).as(m.getName()).isNotEqualTo(Status.Code.UNIMPLEMENTED);
            } else {
                unimplemented++;
                assertThat(status.getCode()).as(m.getName()).isEqualTo(Status.Code.UNIMPLEMENTED);
                assertThat(status.getDescription()).isEqualTo("bgplet does not implement " + m.getName());
            }
        }
        assertThat(unimplemented).isEqualTo(55 - IMPLEMENTED.size());
    }

    private Status call(MethodDescriptor m) throws Exception {
        DynamicMessage in = DynamicMessage.getDefaultInstance(m.getInputType());
        var method = io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(m.isClientStreaming()
                        ? (m.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.BIDI_STREAMING
                                : io.grpc.MethodDescriptor.MethodType.CLIENT_STREAMING)
                        : (m.isServerStreaming() ? io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING
                                : io.grpc.MethodDescriptor.MethodType.UNARY))
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(
                        m.getService().getFullName(), m.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(in))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType())))
                .build();
        CompletableFuture<Status> closed = new CompletableFuture<>();
        ClientCall<DynamicMessage, DynamicMessage> call =
                channel.newCall(method, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS));
        call.start(new ClientCall.Listener<>() {
            @Override
            public void onClose(Status status, Metadata trailers) {
                closed.complete(status);
            }
        }, new Metadata());
        call.request(1);
        call.sendMessage(in);
        call.halfClose();
        return closed.get(15, TimeUnit.SECONDS);
    }

    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        return ReflectionClient.ask(channel, request);
    }

    /** Asks reflection for the file defining symbol and builds it and its imports. */
    private Map<String, FileDescriptor> fileContaining(String symbol) throws Exception {
        ServerReflectionResponse r = reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol(symbol).build());
        assertThat(r.hasFileDescriptorResponse()).as("answer for %s: %s", symbol, r).isTrue();
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        for (ByteString b : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            FileDescriptorProto p = FileDescriptorProto.parseFrom(b);
            protos.put(p.getName(), p);
        }
        Map<String, FileDescriptor> built = new HashMap<>();
        for (String name : protos.keySet()) {
            ReflectionClient.build(name, protos, built);
        }
        return built;
    }

    private GobgpCommand gobgp(String... args) throws Exception {
        return GobgpCommand.run(port, args);
    }
}
