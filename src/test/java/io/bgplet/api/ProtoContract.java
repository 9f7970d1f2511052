package io.bgplet.api;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Compares proto source files (GoBGP's originals, read with {@link ProtoText}) with compiled
 * descriptors (bgplet's generated classes) on everything that reaches the wire or a
 * reflection client: file names, packages and imports; every message and enum by full name
 * and file; every field by number with its name, type, label, map shape and oneof; every
 * enum value; every service method with its argument types and streaming. Comments,
 * ordering and Java options are free. Each difference becomes one line naming it.
 */
final class ProtoContract {

    /** Types the GoBGP files import from protobuf itself. */
    private static final Set<String> WELL_KNOWN = Set.of(
            "google.protobuf.Any", "google.protobuf.Empty", "google.protobuf.Timestamp");

    private final Map<String, ProtoText.Message> expectedMessages = new HashMap<>();
    private final Map<String, ProtoText.EnumType> expectedEnums = new HashMap<>();
    private final Map<String, String> expectedFileOf = new HashMap<>();
    private final List<ProtoText.File> expectedFiles;
    private final List<String> mismatches = new ArrayList<>();

    private final Map<String, Descriptor> actualMessages = new HashMap<>();
    private final Map<String, EnumDescriptor> actualEnums = new HashMap<>();
    private final Map<String, FileDescriptor> actualFiles = new HashMap<>();

    private ProtoContract(List<ProtoText.File> expected, List<FileDescriptor> actual) {
        this.expectedFiles = expected;
        for (ProtoText.File f : expected) {
            f.messages().forEach((name, m) -> {
                expectedMessages.put(name, m);
                expectedFileOf.put(name, f.name());
            });
            f.enums().forEach((name, e) -> {
                expectedEnums.put(name, e);
                expectedFileOf.put(name, f.name());
            });
        }
        for (FileDescriptor fd : actual) {
            actualFiles.put(fd.getName(), fd);
            fd.getMessageTypes().forEach(this::indexActual);
            fd.getEnumTypes().forEach(e -> actualEnums.put(e.getFullName(), e));
        }
    }

    /** All differences; empty when the compiled descriptors honour the source contract. */
    static List<String> compare(List<ProtoText.File> expected, List<FileDescriptor> actual) {
        ProtoContract c = new ProtoContract(expected, actual);
        c.compareFiles();
        c.compareMessages();
        c.compareEnums();
        c.compareServices();
        return List.copyOf(c.mismatches);
    }

    /** Full names of the messages and enums reachable from a service, through field types. */
    static Set<String> reachable(List<ProtoText.File> files, String serviceName) {
        ProtoContract c = new ProtoContract(files, List.of());
        ProtoText.Service service = files.stream()
                .map(f -> f.services().get(serviceName))
                .filter(s -> s != null)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + serviceName));
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>();
        for (ProtoText.Rpc rpc : service.rpcs()) {
            todo.add(c.resolve(service.scope(), rpc.input()));
            todo.add(c.resolve(service.scope(), rpc.output()));
        }
        while (!todo.isEmpty()) {
            String name = todo.poll();
            if (name == null || WELL_KNOWN.contains(name) || !seen.add(name)) {
                continue;
            }
            ProtoText.Message m = c.expectedMessages.get(name);
            if (m == null) {
                continue;
            }
            for (ProtoText.Field f : m.fields()) {
                for (String t : f.isMap() ? List.of(f.mapKey(), f.mapValue()) : List.of(f.typeName())) {
                    if (!ProtoText.SCALARS.contains(t)) {
                        todo.add(c.resolve(m.fullName(), t));
                    }
                }
            }
        }
        return seen;
    }

    private void indexActual(Descriptor d) {
        actualMessages.put(d.getFullName(), d);
        d.getNestedTypes().forEach(this::indexActual);
        d.getEnumTypes().forEach(e -> actualEnums.put(e.getFullName(), e));
    }

    private void compareFiles() {
        Set<String> expectedNames = new TreeSet<>();
        for (ProtoText.File f : expectedFiles) {
            expectedNames.add(f.name());
            FileDescriptor fd = actualFiles.get(f.name());
            if (fd == null) {
                mismatches.add("file " + f.name() + ": missing");
                continue;
            }
            if (!fd.getPackage().equals(f.pkg())) {
                mismatches.add("file " + f.name() + ": package " + fd.getPackage()
                        + ", expected " + f.pkg());
            }
            Set<String> imports = fd.getDependencies().stream()
                    .map(FileDescriptor::getName).collect(Collectors.toCollection(TreeSet::new));
            if (!imports.equals(new TreeSet<>(f.imports()))) {
                mismatches.add("file " + f.name() + ": imports " + imports + ", expected "
                        + new TreeSet<>(f.imports()));
            }
        }
        for (String name : new TreeSet<>(actualFiles.keySet())) {
            if (!expectedNames.contains(name)) {
                mismatches.add("file " + name + ": not in the contract");
            }
        }
    }

    private void compareMessages() {
        for (ProtoText.Message m : sorted(expectedMessages)) {
            Descriptor d = actualMessages.get(m.fullName());
            if (d == null) {
                mismatches.add("message " + m.fullName() + ": missing");
                continue;
            }
            checkFile("message " + m.fullName(), d.getFile());
            Map<Integer, FieldDescriptor> byNumber = new HashMap<>();
            d.getFields().forEach(f -> byNumber.put(f.getNumber(), f));
            for (ProtoText.Field f : m.fields()) {
                FieldDescriptor a = byNumber.remove(f.number());
                String where = m.fullName() + " field " + f.number() + " (" + f.name() + ")";
                if (a == null) {
                    mismatches.add(where + ": missing");
                } else {
                    compareField(where, m.fullName(), f, a);
                }
            }
            byNumber.values().forEach(a -> mismatches.add(m.fullName() + " field " + a.getNumber()
                    + " (" + a.getName() + "): not in the contract"));
        }
        for (String name : new TreeSet<>(actualMessages.keySet())) {
            Descriptor d = actualMessages.get(name);
            if (!expectedMessages.containsKey(name) && !d.getOptions().getMapEntry()) {
                mismatches.add("message " + name + ": not in the contract");
            }
        }
    }

    private void compareField(String where, String scope, ProtoText.Field f, FieldDescriptor a) {
        if (!a.getName().equals(f.name())) {
            mismatches.add(where + ": named " + a.getName());
        }
        if (f.isMap()) {
            if (!a.isMapField()) {
                mismatches.add(where + ": not a map");
                return;
            }
            Descriptor entry = a.getMessageType();
            compareType(where + " key", scope, f.mapKey(), entry.findFieldByNumber(1));
            compareType(where + " value", scope, f.mapValue(), entry.findFieldByNumber(2));
            return;
        }
        if (a.isMapField()) {
            mismatches.add(where + ": is a map, expected " + f.typeName());
            return;
        }
        compareType(where, scope, f.typeName(), a);
        ProtoText.Label label = a.isRepeated() ? ProtoText.Label.REPEATED
                : a.toProto().getProto3Optional() ? ProtoText.Label.OPTIONAL
                : ProtoText.Label.SINGULAR;
        if (label != f.label()) {
            mismatches.add(where + ": label " + label + ", expected " + f.label());
        }
        OneofDescriptor oneof = a.getRealContainingOneof();
        String oneofName = oneof == null ? null : oneof.getName();
        if (!java.util.Objects.equals(oneofName, f.oneof())) {
            mismatches.add(where + ": oneof " + oneofName + ", expected " + f.oneof());
        }
    }

    private void compareType(String where, String scope, String typeName, FieldDescriptor a) {
        if (ProtoText.SCALARS.contains(typeName)) {
            String actual = a.getType().name().toLowerCase(java.util.Locale.ROOT);
            if (!actual.equals(typeName)) {
                mismatches.add(where + ": type " + actual + ", expected " + typeName);
            }
            return;
        }
        String expected = resolve(scope, typeName);
        if (expected == null) {
            mismatches.add(where + ": type " + typeName + " does not resolve in the original");
            return;
        }
        String actual = switch (a.getJavaType()) {
            case MESSAGE -> a.getMessageType().getFullName();
            case ENUM -> a.getEnumType().getFullName();
            default -> a.getType().name().toLowerCase(java.util.Locale.ROOT);
        };
        if (!actual.equals(expected)) {
            mismatches.add(where + ": type " + actual + ", expected " + expected);
        }
    }

    private void compareEnums() {
        for (ProtoText.EnumType e : sorted(expectedEnums)) {
            EnumDescriptor d = actualEnums.get(e.fullName());
            if (d == null) {
                mismatches.add("enum " + e.fullName() + ": missing");
                continue;
            }
            checkFile("enum " + e.fullName(), d.getFile());
            Map<String, Integer> actual = new HashMap<>();
            for (EnumValueDescriptor v : d.getValues()) {
                actual.put(v.getName(), v.getNumber());
            }
            e.values().forEach((name, number) -> {
                Integer got = actual.remove(name);
                if (got == null) {
                    mismatches.add("enum " + e.fullName() + " value " + name + ": missing");
                } else if (got.intValue() != number) {
                    mismatches.add("enum " + e.fullName() + " value " + name + ": number " + got
                            + ", expected " + number);
                }
            });
            actual.keySet().stream().sorted().forEach(name -> mismatches.add(
                    "enum " + e.fullName() + " value " + name + ": not in the contract"));
        }
        for (String name : new TreeSet<>(actualEnums.keySet())) {
            if (!expectedEnums.containsKey(name)) {
                mismatches.add("enum " + name + ": not in the contract");
            }
        }
    }

    private void compareServices() {
        Set<String> expectedNames = new LinkedHashSet<>();
        for (ProtoText.File f : expectedFiles) {
            for (ProtoText.Service s : f.services().values()) {
                expectedNames.add(s.fullName());
                FileDescriptor fd = actualFiles.get(f.name());
                ServiceDescriptor d = fd == null ? null
                        : fd.findServiceByName(s.fullName().substring(s.fullName().lastIndexOf('.') + 1));
                if (d == null) {
                    mismatches.add("service " + s.fullName() + ": missing");
                    continue;
                }
                Map<String, MethodDescriptor> methods = new HashMap<>();
                d.getMethods().forEach(m -> methods.put(m.getName(), m));
                for (ProtoText.Rpc rpc : s.rpcs()) {
                    MethodDescriptor m = methods.remove(rpc.name());
                    String where = "rpc " + s.fullName() + "." + rpc.name();
                    if (m == null) {
                        mismatches.add(where + ": missing");
                        continue;
                    }
                    String in = resolve(s.scope(), rpc.input());
                    String out = resolve(s.scope(), rpc.output());
                    if (!m.getInputType().getFullName().equals(in)) {
                        mismatches.add(where + ": input " + m.getInputType().getFullName()
                                + ", expected " + in);
                    }
                    if (!m.getOutputType().getFullName().equals(out)) {
                        mismatches.add(where + ": output " + m.getOutputType().getFullName()
                                + ", expected " + out);
                    }
                    if (m.isClientStreaming() != rpc.clientStreaming()) {
                        mismatches.add(where + ": client streaming " + m.isClientStreaming()
                                + ", expected " + rpc.clientStreaming());
                    }
                    if (m.isServerStreaming() != rpc.serverStreaming()) {
                        mismatches.add(where + ": server streaming " + m.isServerStreaming()
                                + ", expected " + rpc.serverStreaming());
                    }
                }
                methods.keySet().stream().sorted().forEach(name -> mismatches.add(
                        "rpc " + s.fullName() + "." + name + ": not in the contract"));
            }
        }
        for (FileDescriptor fd : actualFiles.values()) {
            for (ServiceDescriptor d : fd.getServices()) {
                if (!expectedNames.contains(d.getFullName())) {
                    mismatches.add("service " + d.getFullName() + ": not in the contract");
                }
            }
        }
    }

    private void checkFile(String what, FileDescriptor actual) {
        String expected = expectedFileOf.get(what.substring(what.indexOf(' ') + 1));
        if (!actual.getName().equals(expected)) {
            mismatches.add(what + ": defined in " + actual.getName() + ", expected " + expected);
        }
    }

    /**
     * Proto name lookup: a leading dot means fully qualified; otherwise try the innermost
     * scope first and walk outwards to the root. Null when nothing matches.
     */
    private String resolve(String scope, String name) {
        if (name.startsWith(".")) {
            return known(name.substring(1)) ? name.substring(1) : null;
        }
        String s = scope;
        while (true) {
            String candidate = s.isEmpty() ? name : s + "." + name;
            if (known(candidate)) {
                return candidate;
            }
            if (s.isEmpty()) {
                return null;
            }
            int dot = s.lastIndexOf('.');
            s = dot < 0 ? "" : s.substring(0, dot);
        }
    }

    private boolean known(String fullName) {
        return expectedMessages.containsKey(fullName) || expectedEnums.containsKey(fullName)
                || WELL_KNOWN.contains(fullName);
    }

    private static <T> List<T> sorted(Map<String, T> byName) {
        return byName.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue).toList();
    }
}
