package io.bgplet.api;

import static org.assertj.core.api.Assertions.assertThat;

import apipb.Gobgp;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.quarkus.grpc.reflection.service.GrpcServerIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Why bgplet serves reflection itself, and what its index answers. */
class ReflectionIndexTest {

    private static final List<String> SERVICES = List.of("apipb.GobgpApi");

    private static ReflectionIndex index() {
        List<com.google.protobuf.Descriptors.FileDescriptor> files = new ArrayList<>(ReflectionV1.ANY_PAYLOAD_FILES);
        files.add(Gobgp.getDescriptor());
        return new ReflectionIndex(SERVICES, files);
    }

    @Test
    void quarkusIndexLeavesOutTheAnyPayloadFiles() {
        // The reason for ReflectionV1: Quarkus follows only the service's file and its
        // imports, and gobgp.proto imports neither attribute.proto nor capability.proto.
        GrpcServerIndex quarkus = new GrpcServerIndex(List.of(new GobgpService().bindService()));
        assertThat(quarkus.getFileDescriptorBySymbol("apipb.GobgpApi")).isNotNull();
        assertThat(quarkus.getFileDescriptorBySymbol("apipb.OriginAttribute")).isNull();
        assertThat(quarkus.getFileDescriptorByName("capability.proto")).isNull();
    }

    @Test
    void findsFilesBySymbolAtEveryNestingLevel() {
        ReflectionIndex index = index();
        assertThat(index.fileContainingSymbol("apipb.OriginAttribute").getName()).isEqualTo("attribute.proto");
        assertThat(index.fileContainingSymbol("apipb.FqdnCapability").getName()).isEqualTo("capability.proto");
        assertThat(index.fileContainingSymbol("apipb.GobgpApi.ListPeer").getName()).isEqualTo("gobgp.proto");
        assertThat(index.fileContainingSymbol("apipb.WatchEventRequest.Table.Filter.Type").getName())
                .isEqualTo("gobgp.proto");
        assertThat(index.fileContainingSymbol("google.protobuf.Timestamp").getName())
                .isEqualTo("google/protobuf/timestamp.proto");
        assertThat(index.fileContainingSymbol("apipb.NoSuchThing")).isNull();
    }

    @Test
    void answersAFileWithEveryDependencyOnce() throws InvalidProtocolBufferException {
        List<String> names = new ArrayList<>();
        for (var bytes : ReflectionIndex.serialized(index().fileByName("attribute.proto"))) {
            names.add(FileDescriptorProto.parseFrom(bytes).getName());
        }
        assertThat(names).first().isEqualTo("attribute.proto");
        assertThat(names).containsExactlyInAnyOrder("attribute.proto", "gobgp.proto",
                "google/protobuf/any.proto", "google/protobuf/empty.proto",
                "google/protobuf/timestamp.proto");
    }

    @Test
    void reflectionAnswersEachRequestKind() {
        ReflectionIndex index = index();
        ServerReflectionResponse list = ReflectionV1.answer(index,
                ServerReflectionRequest.newBuilder().setHost("h").setListServices("*").build());
        assertThat(list.getValidHost()).isEqualTo("h");
        assertThat(list.getListServicesResponse().getServiceList())
                .extracting(s -> s.getName()).containsExactly("apipb.GobgpApi");

        ServerReflectionResponse missing = ReflectionV1.answer(index,
                ServerReflectionRequest.newBuilder().setFileByFilename("nope.proto").build());
        assertThat(missing.getErrorResponse().getErrorCode()).isEqualTo(Status.Code.NOT_FOUND.value());

        ServerReflectionResponse ext = ReflectionV1.answer(index,
                ServerReflectionRequest.newBuilder().setAllExtensionNumbersOfType("apipb.Path").build());
        assertThat(ext.getAllExtensionNumbersResponse().getBaseTypeName()).isEqualTo("apipb.Path");
        assertThat(ext.getAllExtensionNumbersResponse().getExtensionNumberList()).isEmpty();

        ServerReflectionResponse empty = ReflectionV1.answer(index, ServerReflectionRequest.getDefaultInstance());
        assertThat(empty.getErrorResponse().getErrorCode()).isEqualTo(Status.Code.INVALID_ARGUMENT.value());
    }
}
