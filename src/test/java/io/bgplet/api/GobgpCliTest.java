package io.bgplet.api;

import apipb.Attribute.IPAddressPrefix;
import apipb.Attribute.NextHopAttribute;
import apipb.Attribute.OriginAttribute;
import apipb.Gobgp;
import apipb.GobgpApiGrpc;
import io.bgplet.rib.DecisionOptions;
import io.bgplet.session.transport.Transport;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The whole agent on a manifest directory, peering over loopback with a second bgplet
 * speaker in the test (127.0.0.2, AS 65002, listening), driven by the stock GoBGP 3.10 CLI
 * and by a grpc-java client for the bad-input cases.
 */
@QuarkusTest
@TestProfile(GobgpCliTest.Profile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GobgpCliTest {
    static int peerPort;
    static Path manifests;
    private static Speaker peer;

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try {
                if (manifests == null) {
                    try (var s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.2"))) {
                        peerPort = s.getLocalPort();
                    }
                    manifests = Files.createTempDirectory("bgplet-api-lab");
                    String lab = new String(GobgpCliTest.class.getResourceAsStream("/api-lab/lab.yaml").readAllBytes(), StandardCharsets.UTF_8);
                    Files.writeString(manifests.resolve("lab.yaml"), lab.replace("PEER_PORT", Integer.toString(peerPort)));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of("bgplet.source", "directory", "bgplet.directory", manifests.toString(), "bgplet.node-name", "api-node");
        }
    }

    @ConfigProperty(name = "quarkus.grpc.server.test-port")
    int grpcPort;

    private ManagedChannel channel;
    private GobgpApiGrpc.GobgpApiBlockingStub api;

    @BeforeAll
    static void startPeer() throws Exception {
        peer = new Speaker(Transport.create(), Clock.systemUTC(), DecisionOptions.DEFAULT);
        NeighborConfig agent = new NeighborConfig("agent", InetAddress.getByName("127.0.0.1"), 179, 65001, null,
                new NeighborConfig.Timers(1, 9, 3), 1, NeighborConfig.GracefulRestartConfig.DISABLED,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, 0, true, NeighborConfig.ImportPolicy.ACCEPT, false,
                Map.of(Family.IPV4_UNICAST, List.of(new NeighborConfig.Advertisement(Prefix.parse("203.0.113.128/25"),
                                new int[] {Attribute.Communities.parse("65002:7")}, null, null)),
                        Family.IPV6_UNICAST, List.of(NeighborConfig.Advertisement.plain(Prefix.parse("2001:db8:7::/48")))), null);
        // The profile picked the port before this runs (Quarkus starts the app first).
        peer.apply(new InstanceConfig("peer", 65002, (Inet4Address) InetAddress.getByName("127.0.0.2"),
                InetAddress.getByName("127.0.0.2"), peerPort, List.of(agent))).get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) peer.close();
    }

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        api = GobgpApiGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(60)).until(() -> gobgp("neighbor").output().contains("Establ"));
        // Both the peer's routes are in our Adj-RIB-In before tests look at them.
        await().atMost(Duration.ofSeconds(20)).until(() -> gobgp("neighbor", "127.0.0.2", "adj-in").output().contains("203.0.113.128/25"));
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    private static GobgpCommand gobgp(String... args) throws Exception {
        return GobgpCommand.run(50151, args);
    }

    /** Times change from run to run: hh:mm:ss and RFC 3339 stamps become placeholders. */
    private static String masked(String s) {
        return s.replaceAll("\\d{2}:\\d{2}:\\d{2}", "HH:MM:SS").replaceAll("\\d+d HH:MM:SS", "HH:MM:SS");
    }

    @Test
    @Order(1)
    void globalShowsTheInstance() throws Exception {
        GobgpCommand r = gobgp("global");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).isEqualTo("AS:        65001\nRouter-ID: 127.0.0.1\nListening Port: -1, Addresses: 0.0.0.0, ::\n");
    }

    @Test
    @Order(2)
    void neighborListShowsTheEstablishedPeerWithItsCounts() throws Exception {
        GobgpCommand r = gobgp("neighbor");
        assertThat(r.exit()).as(r.output()).isZero();
        // Cilium's default import policy rejects learned routes: 2 received, 0 accepted.
        assertThat(masked(r.output())).matches("(?s)Peer\\s+AS\\s+Up/Down\\s+State\\s+\\|#Received\\s+Accepted\\n"
                + "127\\.0\\.0\\.2\\s+65002\\s+HH:MM:SS\\s+Establ\\s+\\|\\s+2\\s+0\\n");
    }

    @Test
    @Order(3)
    void neighborDetailShowsSessionCapabilitiesAndStatistics() throws Exception {
        GobgpCommand r = gobgp("neighbor", "127.0.0.2");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(masked(r.output()))
                .contains("BGP neighbor is 127.0.0.2, remote AS 65002")
                .contains("BGP version 4, remote router ID 127.0.0.2")
                .contains("BGP state = ESTABLISHED, up for HH:MM:SS")
                .contains("Hold time is 9, keepalive interval is 3 seconds")
                .contains("Configured hold time is 90, keepalive interval is 30 seconds")
                .contains("ipv4-unicast:\tadvertised and received")
                .contains("ipv6-unicast:\tadvertised and received")
                .contains("4-octet-as:\tadvertised and received")
                .containsPattern("Updates:\\s+[1-9]\\d*\\s+[1-9]\\d*")
                .containsPattern("Advertised:\\s+1\\n")
                .containsPattern("Received:\\s+2\\n")
                .containsPattern("Accepted:\\s+0\\n");
        GobgpCommand missing = gobgp("neighbor", "127.0.0.9");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.output()).contains("not found neighbor 127.0.0.9");
    }

    @Test
    @Order(4)
    void adjInAndAdjOutListTheRoutesBothWays() throws Exception {
        GobgpCommand in = gobgp("neighbor", "127.0.0.2", "adj-in");
        assertThat(in.exit()).as(in.output()).isZero();
        assertThat(masked(in.output())).matches("(?s)\\s+ID\\s+Network\\s+Next Hop\\s+AS_PATH\\s+Age\\s+Attrs\\n"
                + "\\s+0\\s+203\\.0\\.113\\.128/25\\s+127\\.0\\.0\\.2\\s+65002\\s+HH:MM:SS\\s+\\[\\{Origin: i\\} \\{Communities: 65002:7\\}\\]\\n");
        GobgpCommand in6 = gobgp("neighbor", "127.0.0.2", "adj-in", "-a", "ipv6");
        assertThat(in6.output()).contains("2001:db8:7::/48").contains("65002");

        GobgpCommand out = gobgp("neighbor", "127.0.0.2", "adj-out");
        assertThat(out.exit()).as(out.output()).isZero();
        // The PodCIDR from the CiliumBGPAdvertisement, with our AS prepended toward the eBGP peer.
        assertThat(out.output()).containsPattern("198\\.18\\.0\\.0/24\\s+\\S+\\s+65001\\s+\\[\\{Origin: i\\}");
    }

    @Test
    @Order(5)
    void ribAddListSummaryAndDelete() throws Exception {
        GobgpCommand before = gobgp("global", "rib");
        assertThat(masked(before.output())).matches("(?s)\\s+Network\\s+Next Hop\\s+AS_PATH\\s+Age\\s+Attrs\\n"
                + "\\*>\\s+198\\.18\\.0\\.0/24\\s+0\\.0\\.0\\.0\\s+HH:MM:SS\\s+\\[\\{Origin: i\\}\\]\\n");

        GobgpCommand add = gobgp("global", "rib", "add", "203.0.113.0/25", "nexthop", "198.51.100.100", "community", "65000:100");
        assertThat(add.exit()).as(add.output()).isZero();
        assertThat(add.output()).isEmpty();
        GobgpCommand after = gobgp("global", "rib");
        assertThat(masked(after.output())).contains("198.18.0.0/24")
                .containsPattern("\\*>\\s+203\\.0\\.113\\.0/25\\s+198\\.51\\.100\\.100\\s+HH:MM:SS\\s+\\[\\{Origin: \\?\\} \\{Communities: 65000:100\\}\\]");
        assertThat(after.output().indexOf("198.18.0.0/24")).isLessThan(after.output().indexOf("203.0.113.0/25"));
        assertThat(gobgp("global", "rib", "summary").output()).isEqualTo("Table afi:AFI_IP safi:SAFI_UNICAST\nDestination: 2, Path: 2\n");
        // The API route reaches the peer.
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.query(v -> v.locRib().best(Prefix.parse("203.0.113.0/25"))).get() != null);

        GobgpCommand v6 = gobgp("global", "rib", "add", "-a", "ipv6", "2001:db8:1::/48", "nexthop", "2001:db8::1");
        assertThat(v6.exit()).as(v6.output()).isZero();
        assertThat(masked(gobgp("global", "rib", "-a", "ipv6").output()))
                .containsPattern("\\*>\\s+2001:db8:1::/48\\s+2001:db8::1\\s+HH:MM:SS\\s+\\[\\{Origin: \\?\\}\\]");

        assertThat(gobgp("global", "rib", "del", "203.0.113.0/25").exit()).isZero();
        assertThat(gobgp("global", "rib", "del", "203.0.113.0/25").exit()).as("absent is OK, as gobgpd").isZero();
        assertThat(gobgp("global", "rib").output()).doesNotContain("203.0.113.0/25");
        assertThat(gobgp("global", "rib", "summary").output()).contains("Destination: 1, Path: 1");
        assertThat(gobgp("global", "rib", "-a", "ipv6", "del", "all").exit()).isZero();
        assertThat(gobgp("global", "rib", "-a", "ipv6").output()).isEqualTo("Network not in table\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.query(v -> v.locRib().best(Prefix.parse("203.0.113.0/25"))).get() == null);
    }

    @Test
    @Order(6)
    void softResetKeepsTheSession() throws Exception {
        GobgpCommand r = gobgp("neighbor", "127.0.0.2", "softresetin");
        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(gobgp("neighbor", "127.0.0.2", "softresetout").exit()).isZero();
        assertThat(gobgp("neighbor").output()).contains("Establ");
    }

    @Test
    @Order(7)
    void crdManagedThingsAreRefused() throws Exception {
        GobgpCommand del = gobgp("neighbor", "del", "127.0.0.2");
        assertThat(del.exit()).isEqualTo(1);
        assertThat(del.output()).contains("code = FailedPrecondition").contains("neighbor 127.0.0.2").contains("CiliumBGPClusterConfig");
        GobgpCommand add = gobgp("neighbor", "add", "192.0.2.7", "as", "65007");
        assertThat(add.exit()).isEqualTo(1);
        assertThat(add.output()).contains("CiliumBGPClusterConfig");
        GobgpCommand pod = gobgp("global", "rib", "add", "198.18.0.0/24");
        assertThat(pod.exit()).isEqualTo(1);
        assertThat(pod.output()).contains("code = FailedPrecondition").contains("198.18.0.0/24 is managed by a CiliumBGPAdvertisement");
        assertThat(gobgp("global", "rib", "summary").output()).contains("Destination: 1, Path: 1");
    }

    private static Gobgp.Path.Builder path(String prefix, int len, String nextHop) {
        return Gobgp.Path.newBuilder()
                .setNlri(ApiAttributes.pack(IPAddressPrefix.newBuilder().setPrefix(prefix).setPrefixLen(len).build()))
                .addPattrs(ApiAttributes.pack(OriginAttribute.newBuilder().setOrigin(0).build()))
                .addPattrs(ApiAttributes.pack(NextHopAttribute.newBuilder().setNextHop(nextHop).build()))
                .setFamily(ApiPaths.family(Family.IPV4_UNICAST));
    }

    private long destinations() {
        return api.getTable(Gobgp.GetTableRequest.newBuilder().setFamily(ApiPaths.family(Family.IPV4_UNICAST)).build()).getNumDestination();
    }

    private void refused(Gobgp.Path.Builder p, String field) {
        long before = destinations();
        assertThatThrownBy(() -> api.addPath(Gobgp.AddPathRequest.newBuilder().setPath(p).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains(field);
                });
        assertThat(destinations()).isEqualTo(before);
    }

    @Test
    @Order(8)
    void badAddPathIsInvalidArgumentNamingTheFieldAndChangesNothing() {
        refused(path("203.0.113.7", 24, "198.51.100.1"), "path.nlri");
        refused(path("203.0.113.0", 24, "198.51.100.1").setFamily(Gobgp.Family.newBuilder().setAfiValue(1).setSafiValue(70)), "path.family");
        refused(path("203.0.113.0", 24, "2001:db8::1"), "next_hop");
        refused(path("203.0.113.0", 24, "198.51.100.1").clearNlri(), "path.nlri is missing");
        refused(path("203.0.113.0", 24, "198.51.100.1").clearFamily(), "path.family is missing");

        Gobgp.AddPathResponse ok = api.addPath(Gobgp.AddPathRequest.newBuilder().setPath(path("192.0.2.0", 24, "198.51.100.1")).build());
        assertThat(ok.getUuid().size()).isEqualTo(16);
        assertThat(destinations()).isEqualTo(2);
        api.deletePath(Gobgp.DeletePathRequest.newBuilder().setUuid(ok.getUuid()).build());
        assertThat(destinations()).isEqualTo(1);
    }

    @Test
    @Order(9)
    void listPathFiltersAndWatchEventSendsInitThenChanges() {
        api.addPath(Gobgp.AddPathRequest.newBuilder().setPath(path("192.0.2.0", 24, "198.51.100.1")).build());
        api.addPath(Gobgp.AddPathRequest.newBuilder().setPath(path("192.0.2.128", 25, "198.51.100.1")).build());
        Iterator<Gobgp.ListPathResponse> longer = api.listPath(Gobgp.ListPathRequest.newBuilder()
                .setFamily(ApiPaths.family(Family.IPV4_UNICAST)).setSortType(Gobgp.ListPathRequest.SortType.PREFIX)
                .addPrefixes(Gobgp.TableLookupPrefix.newBuilder().setPrefix("192.0.2.0/24").setType(Gobgp.TableLookupPrefix.Type.LONGER)).build());
        List<String> got = new ArrayList<>();
        longer.forEachRemaining(r -> got.add(r.getDestination().getPrefix()));
        assertThat(got).containsExactly("192.0.2.0/24", "192.0.2.128/25");
        Iterator<Gobgp.ListPathResponse> shorter = api.listPath(Gobgp.ListPathRequest.newBuilder()
                .setFamily(ApiPaths.family(Family.IPV4_UNICAST))
                .addPrefixes(Gobgp.TableLookupPrefix.newBuilder().setPrefix("192.0.2.200").setType(Gobgp.TableLookupPrefix.Type.EXACT)).build());
        assertThat(shorter.next().getDestination().getPrefix()).isEqualTo("192.0.2.128/25");
        assertThat(shorter.hasNext()).isFalse();

        Iterator<Gobgp.WatchEventResponse> events = GobgpApiGrpc.newBlockingStub(channel).withDeadlineAfter(20, TimeUnit.SECONDS)
                .watchEvent(Gobgp.WatchEventRequest.newBuilder().setPeer(Gobgp.WatchEventRequest.Peer.getDefaultInstance())
                        .setTable(Gobgp.WatchEventRequest.Table.newBuilder().addFilters(Gobgp.WatchEventRequest.Table.Filter.newBuilder()
                                .setType(Gobgp.WatchEventRequest.Table.Filter.Type.BEST).setInit(true))).build());
        Gobgp.WatchEventResponse first = events.next();
        assertThat(first.getPeer().getType()).isEqualTo(Gobgp.WatchEventResponse.PeerEvent.Type.INIT);
        assertThat(first.getPeer().getPeer().getConf().getNeighborAddress()).isEqualTo("127.0.0.2");
        assertThat(first.getPeer().getPeer().getState().getSessionState()).isEqualTo(Gobgp.PeerState.SessionState.ESTABLISHED);
        assertThat(events.next().getPeer().getType()).isEqualTo(Gobgp.WatchEventResponse.PeerEvent.Type.END_OF_INIT);
        Gobgp.WatchEventResponse init = events.next();
        assertThat(init.getTable().getPathsCount()).isEqualTo(3);

        api.deletePath(Gobgp.DeletePathRequest.newBuilder().setPath(path("192.0.2.128", 25, "0.0.0.0")).build());
        Gobgp.WatchEventResponse change = events.next();
        assertThat(change.getTable().getPathsList()).singleElement().satisfies(p -> assertThat(p.getIsWithdraw()).isTrue());
        api.deletePath(Gobgp.DeletePathRequest.newBuilder().setFamily(ApiPaths.family(Family.IPV4_UNICAST)).build());
        assertThat(destinations()).isEqualTo(1);
    }

    /**
     * The global import gate on the test's peer speaker (it accepts the agent's routes): REJECT
     * drops the learned PodCIDR from its Loc-RIB but keeps it in the Adj-RIB-In; ACCEPT brings
     * it back without a new session.
     */
    @Test
    @Order(10)
    void globalImportRejectDropsLearnedPathsUntilAccepted() throws Exception {
        Prefix pod = Prefix.parse("198.18.0.0/24");
        InetAddress agent = InetAddress.getByName("127.0.0.1");
        await().atMost(Duration.ofSeconds(10)).until(() -> peer.query(v -> v.locRib().best(pod)).get() != null);
        peer.setGlobalPolicy(new io.bgplet.speaker.GlobalPolicy(true, false)).get(10, TimeUnit.SECONDS);
        assertThat(peer.query(v -> v.locRib().best(pod)).get()).isNull();
        assertThat(peer.query(v -> v.adjRibIn(agent).map(r -> r.get(pod)).orElse(null)).get()).isNotNull();
        assertThat(peer.query(v -> v.globalPolicy().rejectImport()).get()).isTrue();
        peer.setGlobalPolicy(io.bgplet.speaker.GlobalPolicy.CONFIGURED).get(10, TimeUnit.SECONDS);
        assertThat(peer.query(v -> v.locRib().best(pod)).get()).isNotNull();
    }
}
