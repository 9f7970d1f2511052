package io.bgplet.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What gRPC server reflection may show: the files of the hosted services plus extra files
 * that no service imports, with all their dependencies, looked up by file name or by the
 * full name of a service, method, message or enum. The extra files matter for GoBGP's API:
 * gobgp.proto does not import attribute.proto or capability.proto (they import it), yet
 * clients need them to read the google.protobuf.Any values in paths and capabilities.
 */
final class ReflectionIndex {

    private final List<String> services;
    private final Map<String, FileDescriptor> byName = new HashMap<>();
    private final Map<String, FileDescriptor> bySymbol = new HashMap<>();
    private final Set<String> messages = new LinkedHashSet<>();

    ReflectionIndex(List<String> services, List<FileDescriptor> roots) {
        this.services = List.copyOf(services);
        Deque<FileDescriptor> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            FileDescriptor f = todo.poll();
            if (byName.putIfAbsent(f.getName(), f) != null) {
                continue;
            }
            for (ServiceDescriptor s : f.getServices()) {
                bySymbol.putIfAbsent(s.getFullName(), f);
                s.getMethods().forEach(m -> bySymbol.putIfAbsent(m.getFullName(), f));
            }
            f.getMessageTypes().forEach(m -> indexMessage(m, f));
            f.getEnumTypes().forEach(e -> bySymbol.putIfAbsent(e.getFullName(), f));
            todo.addAll(f.getDependencies());
        }
    }

    private void indexMessage(Descriptor m, FileDescriptor f) {
        bySymbol.putIfAbsent(m.getFullName(), f);
        messages.add(m.getFullName());
        m.getNestedTypes().forEach(n -> indexMessage(n, f));
        m.getEnumTypes().forEach(e -> bySymbol.putIfAbsent(e.getFullName(), f));
    }

    List<String> services() {
        return services;
    }

    FileDescriptor fileByName(String name) {
        return byName.get(name);
    }

    FileDescriptor fileContainingSymbol(String symbol) {
        return bySymbol.get(symbol);
    }

    boolean isMessage(String fullName) {
        return messages.contains(fullName);
    }

    /**
     * The file first, then every file it depends on, each once: a client builds descriptors
     * from one answer without asking again for the imports.
     */
    static List<ByteString> serialized(FileDescriptor file) {
        List<ByteString> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Deque<FileDescriptor> todo = new ArrayDeque<>(List.of(file));
        while (!todo.isEmpty()) {
            FileDescriptor f = todo.poll();
            if (seen.add(f.getName())) {
                out.add(f.toProto().toByteString());
                todo.addAll(f.getDependencies());
            }
        }
        return out;
    }
}
