package io.bgplet.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import apipb.Attribute;
import apipb.Capability;
import apipb.Gobgp;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * bgplet's protos are its own text but GoBGP 3.10's wire contract. This test reads GoBGP's
 * original .proto files (Debian package golang-github-osrg-gobgp-dev) and checks that the
 * descriptors compiled from src/main/proto match them field by field and RPC by RPC. The
 * originals are not shipped with bgplet; without them the test skips, or fails when
 * BGPLET_REQUIRE_INTEROP=1 (as in CI).
 */
class ProtoContractTest {

    static final Path GOBGP_API_DIR = Path.of(System.getenv().getOrDefault(
            "BGPLET_GOBGP_API_DIR", "/usr/share/gocode/src/github.com/osrg/gobgp/api"));
    static final List<String> FILES = List.of("gobgp.proto", "attribute.proto", "capability.proto");

    private static Map<String, String> originals;

    @BeforeAll
    static void readOriginals() throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        for (String name : FILES) {
            Path p = GOBGP_API_DIR.resolve(name);
            if (!Files.isRegularFile(p)) {
                String why = "GoBGP's " + p + " is missing (apt-get install golang-github-osrg-gobgp-dev)";
                if ("1".equals(System.getenv("BGPLET_REQUIRE_INTEROP"))) {
                    fail(why);
                }
                Assumptions.abort(why);
            }
            texts.put(name, Files.readString(p));
        }
        originals = texts;
    }

    private static List<FileDescriptor> bgpletFiles() {
        return List.of(Gobgp.getDescriptor(), Attribute.getDescriptor(), Capability.getDescriptor());
    }

    private static List<ProtoText.File> parse(Map<String, String> texts) {
        List<ProtoText.File> files = new ArrayList<>();
        texts.forEach((name, text) -> files.add(ProtoText.parse(name, text)));
        return files;
    }

    @Test
    void compiledDescriptorsMatchGoBgpOriginals() {
        List<String> mismatches = ProtoContract.compare(parse(originals), bgpletFiles());
        if (!mismatches.isEmpty()) {
            fail("bgplet's protos differ from GoBGP 3.10's wire contract:\n  "
                    + String.join("\n  ", mismatches));
        }
    }

    @Test
    void originalsParseCompletely() {
        List<ProtoText.File> files = parse(originals);
        // Counts from the GoBGP 3.10 files: a parser that dropped constructs would miss some.
        int messages = files.stream().mapToInt(f -> f.messages().size()).sum();
        int enums = files.stream().mapToInt(f -> f.enums().size()).sum();
        assertThat(files.get(0).services()).containsOnlyKeys("apipb.GobgpApi");
        assertThat(files.get(0).services().get("apipb.GobgpApi").rpcs()).hasSize(55);
        assertThat(files).allSatisfy(f -> assertThat(f.pkg()).isEqualTo("apipb"));
        int descriptorMessages = 0;
        int descriptorEnums = 0;
        for (FileDescriptor fd : bgpletFiles()) {
            descriptorMessages += countMessages(fd.getMessageTypes());
            descriptorEnums += fd.getEnumTypes().size() + countEnums(fd.getMessageTypes());
        }
        assertThat(messages).isEqualTo(descriptorMessages);
        assertThat(enums).isEqualTo(descriptorEnums);
    }

    @Test
    void everyTypeReachableFromTheServiceExistsInBgplet() {
        Set<String> reachable = ProtoContract.reachable(parse(originals), "apipb.GobgpApi");
        assertThat(reachable).contains("apipb.Peer", "apipb.PeerState.SessionState",
                "apipb.WatchEventRequest.Table.Filter.Type", "apipb.Path", "apipb.Family.Safi");
        Set<String> defined = new java.util.HashSet<>();
        for (FileDescriptor fd : bgpletFiles()) {
            fd.getEnumTypes().forEach(e -> defined.add(e.getFullName()));
            collect(fd.getMessageTypes(), defined);
        }
        assertThat(defined).containsAll(reachable);
    }

    /** The checker itself must notice each kind of drift; otherwise the test above proves nothing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        renumbered field   | gobgp.proto     | bool enableAdvertised = 2;          | bool enableAdvertised = 3;          | apipb.ListPeerRequest field 3 (enableAdvertised): missing
        renamed field      | gobgp.proto     | string router_id = 20;              | string routerId = 20;               | apipb.PeerState field 20 (routerId): named router_id
        retyped field      | gobgp.proto     | uint32 flops = 17;                  | uint64 flops = 17;                  | apipb.PeerState field 17 (flops): type uint32, expected uint64
        relabelled field   | gobgp.proto     | repeated string listen_addresses = 4; | string listen_addresses = 4;      | apipb.Global field 4 (listen_addresses): label REPEATED, expected SINGULAR
        enum renumbered    | gobgp.proto     | ESTABLISHED = 6;                    | ESTABLISHED = 7;                    | enum apipb.PeerState.SessionState value ESTABLISHED: number 6, expected 7
        streaming dropped  | gobgp.proto     | returns(stream ListPeerResponse)    | returns(ListPeerResponse)           | rpc apipb.GobgpApi.ListPeer: server streaming true, expected false
        rpc renamed        | gobgp.proto     | rpc ListVrf(                        | rpc ListVrfs(                       | rpc apipb.GobgpApi.ListVrfs: missing
        message type moved | attribute.proto | apipb.Family family = 1;            | AsSegment family = 1;               | apipb.MpReachNLRIAttribute field 1 (family): type apipb.Family, expected apipb.AsSegment
        map to repeated    | attribute.proto | map<uint32, SRv6TLV> sub_tlvs = 1;  | repeated SRv6TLV sub_tlvs = 1;      | is a map, expected SRv6TLV
        oneof renamed      | gobgp.proto     | oneof event {                       | oneof happening {                   | apipb.WatchEventResponse field 2 (peer): oneof event, expected happening
        """)
    void checkerReportsDrift(String what, String file, String from, String to, String expected) {
        Map<String, String> texts = new LinkedHashMap<>(originals);
        String text = texts.get(file);
        assertThat(text).as("mutation anchor for %s", what).contains(from);
        texts.put(file, text.replaceFirst(java.util.regex.Pattern.quote(from),
                java.util.regex.Matcher.quoteReplacement(to)));
        List<String> mismatches = ProtoContract.compare(parse(texts), bgpletFiles());
        assertThat(mismatches).as(what).anySatisfy(m -> assertThat(m).contains(expected));
    }

    @Test
    void serviceShapesAreGoBgps() {
        // Independent of the originals' parse: the counts in docs/api.md and the reference.
        ServiceDescriptor service = Gobgp.getDescriptor().findServiceByName("GobgpApi");
        List<MethodDescriptor> methods = service.getMethods();
        assertThat(methods).hasSize(55);
        assertThat(methods.stream().filter(MethodDescriptor::isServerStreaming).map(MethodDescriptor::getName))
                .containsExactlyInAnyOrder("WatchEvent", "ListPeer", "ListPeerGroup",
                        "ListDynamicNeighbor", "ListPath", "ListVrf", "ListPolicy", "ListDefinedSet",
                        "ListStatement", "ListPolicyAssignment", "ListRpki", "ListRpkiTable", "ListBmp");
        assertThat(methods.stream().filter(MethodDescriptor::isClientStreaming).map(MethodDescriptor::getName))
                .containsExactly("AddPathStream");
        assertThat(service.getFullName()).isEqualTo("apipb.GobgpApi");
    }

    private static void collect(List<com.google.protobuf.Descriptors.Descriptor> ds, Set<String> into) {
        for (var d : ds) {
            into.add(d.getFullName());
            d.getEnumTypes().forEach(e -> into.add(e.getFullName()));
            collect(d.getNestedTypes(), into);
        }
    }

    private static int countMessages(List<com.google.protobuf.Descriptors.Descriptor> ds) {
        int n = 0;
        for (var d : ds) {
            if (!d.getOptions().getMapEntry()) {
                n += 1 + countMessages(d.getNestedTypes());
            }
        }
        return n;
    }

    private static int countEnums(List<com.google.protobuf.Descriptors.Descriptor> ds) {
        int n = 0;
        for (var d : ds) {
            n += d.getEnumTypes().size() + countEnums(d.getNestedTypes());
        }
        return n;
    }
}
