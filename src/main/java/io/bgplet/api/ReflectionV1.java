package io.bgplet.api;

import apipb.Attribute;
import apipb.Capability;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.grpc.BindableService;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.protobuf.ProtoFileDescriptorSupplier;
import io.grpc.reflection.v1.ErrorResponse;
import io.grpc.reflection.v1.ExtensionNumberResponse;
import io.grpc.reflection.v1.FileDescriptorResponse;
import io.grpc.reflection.v1.ListServiceResponse;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * gRPC server reflection, protocol v1, which grpcurl tries first. bgplet serves its own
 * instead of Quarkus' (quarkus.grpc.server.enable-reflection-service=false) because
 * Quarkus indexes only the files of registered services and their imports, which leaves
 * out attribute.proto and capability.proto; see {@link ReflectionIndex}.
 */
@GrpcService
public class ReflectionV1 extends ServerReflectionGrpc.ServerReflectionImplBase {

    /** Files that carry the Any payloads of apipb.GobgpApi; no service file imports them. */
    static final List<FileDescriptor> ANY_PAYLOAD_FILES =
            List.of(Attribute.getDescriptor(), Capability.getDescriptor());

    @Inject
    @Any
    Instance<BindableService> hosted;

    private volatile ReflectionIndex index;

    @Override
    public StreamObserver<ServerReflectionRequest> serverReflectionInfo(
            StreamObserver<ServerReflectionResponse> response) {
        return new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionRequest request) {
                response.onNext(answer(index(), request));
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

    ReflectionIndex index() {
        ReflectionIndex i = index;
        if (i == null) {
            // Built on first use: the beans of the hosted services all exist by then.
            TreeSet<String> names = new TreeSet<>();
            List<FileDescriptor> files = new ArrayList<>(ANY_PAYLOAD_FILES);
            for (BindableService s : hosted) {
                ServiceDescriptor d = s.bindService().getServiceDescriptor();
                names.add(d.getName());
                if (d.getSchemaDescriptor() instanceof ProtoFileDescriptorSupplier p) {
                    files.add(p.getFileDescriptor());
                }
            }
            i = new ReflectionIndex(List.copyOf(names), files);
            index = i;
        }
        return i;
    }

    /** One reply per request, as the reflection protocol pairs them. */
    static ServerReflectionResponse answer(ReflectionIndex index, ServerReflectionRequest request) {
        ServerReflectionResponse.Builder out = ServerReflectionResponse.newBuilder()
                .setValidHost(request.getHost())
                .setOriginalRequest(request);
        return switch (request.getMessageRequestCase()) {
            case FILE_BY_FILENAME -> files(out, index.fileByName(request.getFileByFilename()),
                    "file " + request.getFileByFilename());
            case FILE_CONTAINING_SYMBOL -> files(out,
                    index.fileContainingSymbol(request.getFileContainingSymbol()),
                    "symbol " + request.getFileContainingSymbol());
            // bgplet's files declare no extensions.
            case FILE_CONTAINING_EXTENSION -> error(out, Status.Code.NOT_FOUND, "extension "
                    + request.getFileContainingExtension().getExtensionNumber() + " of "
                    + request.getFileContainingExtension().getContainingType());
            case ALL_EXTENSION_NUMBERS_OF_TYPE -> index.isMessage(request.getAllExtensionNumbersOfType())
                    ? out.setAllExtensionNumbersResponse(ExtensionNumberResponse.newBuilder()
                            .setBaseTypeName(request.getAllExtensionNumbersOfType())).build()
                    : error(out, Status.Code.NOT_FOUND, "type " + request.getAllExtensionNumbersOfType());
            case LIST_SERVICES -> {
                ListServiceResponse.Builder list = ListServiceResponse.newBuilder();
                index.services().forEach(n -> list.addService(ServiceResponse.newBuilder().setName(n)));
                yield out.setListServicesResponse(list).build();
            }
            case MESSAGEREQUEST_NOT_SET -> error(out, Status.Code.INVALID_ARGUMENT, "empty request");
        };
    }

    private static ServerReflectionResponse files(ServerReflectionResponse.Builder out,
                                                  FileDescriptor file, String what) {
        if (file == null) {
            return error(out, Status.Code.NOT_FOUND, what + " not found");
        }
        return out.setFileDescriptorResponse(FileDescriptorResponse.newBuilder()
                .addAllFileDescriptorProto(ReflectionIndex.serialized(file))).build();
    }

    private static ServerReflectionResponse error(ServerReflectionResponse.Builder out,
                                                  Status.Code code, String message) {
        return out.setErrorResponse(ErrorResponse.newBuilder()
                .setErrorCode(code.value()).setErrorMessage(message)).build();
    }
}
