package io.bgplet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.ClientCalls;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Does what grpcurl does, with no compiled-in stubs: every descriptor comes from the
 * server's reflection service, requests are written as JSON, and responses (including the
 * Any-packed NLRI and path attributes) are printed as JSON through a type registry built
 * from the reflected files. Nothing here touches the generated apipb classes, so a file
 * missing from reflection, or an Any type it cannot resolve, fails this test.
 */
@QuarkusTest
class GrpcurlStyleTest {

    private static final String SERVICE = "apipb.GobgpApi";
    /** The Any payloads bgplet sends and accepts live in these two files, which gobgp.proto does not import. */
    private static final List<String> ANY_FILES = List.of("attribute.proto", "capability.proto");

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
    }

    @Test
    void listsCallsAndDecodesLikeGrpcurl() throws Exception {
        // (1) grpcurl list: the service names come from reflection alone.
        ServerReflectionResponse listed = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());
        assertThat(listed.getListServicesResponse().getServiceList()).extracting(s -> s.getName()).contains(SERVICE);

        // (2) the files: the service's file by symbol, the Any payload files by name, each
        // answer carrying the imports it needs.
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        collect(ServerReflectionRequest.newBuilder().setFileContainingSymbol(SERVICE).build(), protos);
        for (String file : ANY_FILES) {
            collect(ServerReflectionRequest.newBuilder().setFileByFilename(file).build(), protos);
        }
        Map<String, FileDescriptor> files = new HashMap<>();
        for (String name : protos.keySet()) {
            ReflectionClient.build(name, protos, files);
        }
        assertThat(files).containsKeys("gobgp.proto", "attribute.proto", "capability.proto",
                "google/protobuf/any.proto", "google/protobuf/timestamp.proto");
        // A file asked for by one of its Any types is the same file (what grpcurl does for an unknown @type).
        Map<String, FileDescriptorProto> byType = new HashMap<>();
        collect(ServerReflectionRequest.newBuilder().setFileContainingSymbol("apipb.IPAddressPrefix").build(), byType);
        assertThat(byType).containsKey("attribute.proto");

        JsonFormat.TypeRegistry.Builder types = JsonFormat.TypeRegistry.newBuilder();
        for (FileDescriptor f : files.values()) {
            types.add(f.getMessageTypes());
        }
        JsonFormat.TypeRegistry registry = types.build();
        for (String any : List.of("apipb.IPAddressPrefix", "apipb.OriginAttribute", "apipb.NextHopAttribute",
                "apipb.AsPathAttribute", "apipb.MultiProtocolCapability")) {
            assertThat(registry.find(any)).as(any).isNotNull();
            assertThat(registry.find(any).getFile().getName()).as(any).isIn(ANY_FILES);
        }
        JsonFormat.Parser parser = JsonFormat.parser().usingTypeRegistry(registry);
        JsonFormat.Printer printer = JsonFormat.printer().usingTypeRegistry(registry);
        ServiceDescriptor service = files.get("gobgp.proto").findServiceByName("GobgpApi");
        assertThat(service).isNotNull();

        // (3) grpcurl -d '{}' ... apipb.GobgpApi/ListPeer: the test manifests' one neighbor.
        List<String> peers = new ArrayList<>();
        for (Iterator<DynamicMessage> it = serverStream(service.findMethodByName("ListPeer"), parse(parser,
                service.findMethodByName("ListPeer"), "{}")); it.hasNext(); ) {
            peers.add(printer.print(it.next()));
        }
        System.out.println("ListPeer -> " + peers);
        assertThat(peers).hasSize(1);
        assertThat(peers.getFirst()).contains("\"neighborAddress\": \"198.51.100.200\"")
                .contains("\"peerAsn\": 65000");

        // (4) AddPath from JSON, the NLRI and attributes as Any written with @type.
        String path = """
                {
                  "family": {"afi": "AFI_IP", "safi": "SAFI_UNICAST"},
                  "nlri": {"@type": "type.googleapis.com/apipb.IPAddressPrefix", "prefixLen": 25, "prefix": "203.0.113.0"},
                  "pattrs": [
                    {"@type": "type.googleapis.com/apipb.OriginAttribute", "origin": 2},
                    {"@type": "type.googleapis.com/apipb.NextHopAttribute", "nextHop": "192.0.2.77"}
                  ]
                }""";
        MethodDescriptor addPath = service.findMethodByName("AddPath");
        DynamicMessage added = unary(addPath, parse(parser, addPath, "{\"tableType\": \"GLOBAL\", \"path\": " + path + "}"));
        String addedJson = printer.print(added);
        System.out.println("AddPath -> " + addedJson);
        assertThat(addedJson).contains("\"uuid\"");

        // (5) ListPath streams Destinations; the Any-packed NLRI and next hop print decoded.
        String listRequest = """
                {"tableType": "GLOBAL", "family": {"afi": "AFI_IP", "safi": "SAFI_UNICAST"}}""";
        List<String> listed1 = await().atMost(Duration.ofSeconds(10))
                .until(() -> destinations(service, parser, printer, listRequest), l -> !withPrefix(l).isEmpty());
        String destination = withPrefix(listed1).getFirst();
        System.out.println("ListPath -> " + destination);
        assertThat(destination)
                .contains("\"prefix\": \"203.0.113.0/25\"")
                .contains("\"@type\": \"type.googleapis.com/apipb.IPAddressPrefix\"")
                .contains("\"prefixLen\": 25")
                .contains("\"prefix\": \"203.0.113.0\"")
                .contains("\"@type\": \"type.googleapis.com/apipb.NextHopAttribute\"")
                .contains("\"nextHop\": \"192.0.2.77\"")
                .contains("\"@type\": \"type.googleapis.com/apipb.OriginAttribute\"")
                .contains("\"origin\": 2");

        // DeletePath from JSON, then the prefix is gone from the table.
        MethodDescriptor deletePath = service.findMethodByName("DeletePath");
        unary(deletePath, parse(parser, deletePath, "{\"tableType\": \"GLOBAL\", "
                + "\"family\": {\"afi\": \"AFI_IP\", \"safi\": \"SAFI_UNICAST\"}, \"path\": " + path + "}"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> destinations(service, parser, printer, listRequest), l -> withPrefix(l).isEmpty());
    }

    private static List<String> withPrefix(List<String> destinations) {
        return destinations.stream().filter(d -> d.contains("\"prefix\": \"203.0.113.0/25\"")).toList();
    }

    private List<String> destinations(ServiceDescriptor service, JsonFormat.Parser parser, JsonFormat.Printer printer,
                                      String json) throws Exception {
        MethodDescriptor listPath = service.findMethodByName("ListPath");
        List<String> out = new ArrayList<>();
        for (Iterator<DynamicMessage> it = serverStream(listPath, parse(parser, listPath, json)); it.hasNext(); ) {
            out.add(printer.print(it.next()));
        }
        return out;
    }

    private static DynamicMessage parse(JsonFormat.Parser parser, MethodDescriptor m, String json) throws Exception {
        DynamicMessage.Builder b = DynamicMessage.newBuilder(m.getInputType());
        parser.merge(json, b);
        return b.build();
    }

    private DynamicMessage unary(MethodDescriptor m, DynamicMessage request) {
        assertThat(m.isServerStreaming() || m.isClientStreaming()).as(m.getName()).isFalse();
        return ClientCalls.blockingUnaryCall(channel, grpcMethod(m, io.grpc.MethodDescriptor.MethodType.UNARY),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
    }

    private Iterator<DynamicMessage> serverStream(MethodDescriptor m, DynamicMessage request) {
        assertThat(m.isServerStreaming()).as(m.getName()).isTrue();
        return ClientCalls.blockingServerStreamingCall(channel,
                grpcMethod(m, io.grpc.MethodDescriptor.MethodType.SERVER_STREAMING),
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request);
    }

    /** A gRPC method whose messages are DynamicMessages of the reflected input and output types. */
    private static io.grpc.MethodDescriptor<DynamicMessage, DynamicMessage> grpcMethod(
            MethodDescriptor m, io.grpc.MethodDescriptor.MethodType type) {
        return io.grpc.MethodDescriptor.<DynamicMessage, DynamicMessage>newBuilder()
                .setType(type)
                .setFullMethodName(io.grpc.MethodDescriptor.generateFullMethodName(m.getService().getFullName(), m.getName()))
                .setRequestMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getInputType())))
                .setResponseMarshaller(ProtoUtils.marshaller(DynamicMessage.getDefaultInstance(m.getOutputType())))
                .build();
    }

    private void collect(ServerReflectionRequest request, Map<String, FileDescriptorProto> into) throws Exception {
        ServerReflectionResponse r = reflect(request);
        assertThat(r.hasFileDescriptorResponse()).as("answer for %s: %s", request, r).isTrue();
        for (ByteString b : r.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            FileDescriptorProto p = FileDescriptorProto.parseFrom(b);
            into.put(p.getName(), p);
        }
    }

    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
        return ReflectionClient.ask(channel, request);
    }
}
