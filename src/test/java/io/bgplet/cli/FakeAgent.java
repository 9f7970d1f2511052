package io.bgplet.cli;

import apipb.Attribute;
import apipb.Gobgp;
import apipb.GobgpApiGrpc;
import com.google.protobuf.Any;
import com.google.protobuf.Empty;
import com.google.protobuf.Timestamp;
import io.grpc.Server;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A unit-test fake of the agent's API on a free loopback port: fixed peers and paths built
 * here, and the AddPath/DeletePath requests it received. Times are relative to each call so
 * rounded durations are stable (uptime 33m26s, ages 5m0s).
 */
final class FakeAgent extends GobgpApiGrpc.GobgpApiImplBase implements AutoCloseable {
    final List<Gobgp.AddPathRequest> added = new CopyOnWriteArrayList<>();
    final List<Gobgp.DeletePathRequest> deleted = new CopyOnWriteArrayList<>();
    private final Server server;

    FakeAgent() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(this).build().start();
    }

    int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination();
    }

    static Timestamp ago(long seconds) {
        // keep the nanoseconds: the CLI's rounded age is then exactly `seconds`
        Instant t = Instant.now().minusSeconds(seconds);
        return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
    }

    static Gobgp.Family v4() {
        return Gobgp.Family.newBuilder().setAfi(Gobgp.Family.Afi.AFI_IP).setSafi(Gobgp.Family.Safi.SAFI_UNICAST).build();
    }

    static Gobgp.Family v6() {
        return Gobgp.Family.newBuilder().setAfi(Gobgp.Family.Afi.AFI_IP6).setSafi(Gobgp.Family.Safi.SAFI_UNICAST).build();
    }

    @Override
    public void getBgp(Gobgp.GetBgpRequest request, StreamObserver<Gobgp.GetBgpResponse> out) {
        out.onNext(Gobgp.GetBgpResponse.newBuilder().setGlobal(Gobgp.Global.newBuilder().setAsn(65000).setRouterId("192.0.2.10")).build());
        out.onCompleted();
    }

    static Gobgp.Peer peer(String address, int asn, Gobgp.PeerState.SessionState state, long uptime, Gobgp.Family... families) {
        Gobgp.Peer.Builder p = Gobgp.Peer.newBuilder()
                .setConf(Gobgp.PeerConf.newBuilder().setNeighborAddress(address).setPeerAsn(asn).setLocalAsn(65000))
                .setState(Gobgp.PeerState.newBuilder().setNeighborAddress(address).setPeerAsn(asn).setLocalAsn(65000).setSessionState(state))
                .setTimers(Gobgp.Timers.newBuilder().setConfig(Gobgp.TimersConfig.newBuilder().setHoldTime(90).setKeepaliveInterval(30).setConnectRetry(120))
                        .setState(uptime > 0 ? Gobgp.TimersState.newBuilder().setUptime(ago(uptime)).setNegotiatedHoldTime(90).setKeepaliveInterval(30)
                                : Gobgp.TimersState.newBuilder()));
        long n = 1;
        for (Gobgp.Family f : families) {
            p.addAfiSafis(Gobgp.AfiSafi.newBuilder().setState(Gobgp.AfiSafiState.newBuilder().setFamily(f).setEnabled(true)
                    .setReceived(state == Gobgp.PeerState.SessionState.ESTABLISHED ? 2 * n : 0).setAccepted(state == Gobgp.PeerState.SessionState.ESTABLISHED ? 2 * n : 0)
                    .setAdvertised(state == Gobgp.PeerState.SessionState.ESTABLISHED ? 3 * n : 0)));
            n += 10;
        }
        return p.build();
    }

    @Override
    public void listPeer(Gobgp.ListPeerRequest request, StreamObserver<Gobgp.ListPeerResponse> out) {
        // deliberately unsorted: the CLI sorts by local AS, then address
        for (Gobgp.Peer p : List.of(
                peer("198.51.100.7", 65002, Gobgp.PeerState.SessionState.ACTIVE, 0, v4()),
                peer("192.0.2.1", 65001, Gobgp.PeerState.SessionState.ESTABLISHED, 2006, v4(), v6()))) {
            if (request.getAddress().isEmpty() || request.getAddress().equals(p.getState().getNeighborAddress())) {
                out.onNext(Gobgp.ListPeerResponse.newBuilder().setPeer(p).build());
            }
        }
        out.onCompleted();
    }

    static Any prefix(String address, int length) {
        return Any.pack(Attribute.IPAddressPrefix.newBuilder().setPrefix(address).setPrefixLen(length).build());
    }

    static Any origin(int o) {
        return Any.pack(Attribute.OriginAttribute.newBuilder().setOrigin(o).build());
    }

    static Any asPath(int... asns) {
        Attribute.AsSegment.Builder s = Attribute.AsSegment.newBuilder().setType(Attribute.AsSegment.Type.AS_SEQUENCE);
        for (int a : asns) s.addNumbers(a);
        return Any.pack(Attribute.AsPathAttribute.newBuilder().addSegments(s).build());
    }

    static Any nextHop(String nh) {
        return Any.pack(Attribute.NextHopAttribute.newBuilder().setNextHop(nh).build());
    }

    /** Loc-RIB: a local route, and two learned paths for 203.0.113.0/24 that differ in LOCAL_PREF only. */
    static List<Gobgp.Destination> locRib() {
        Gobgp.Path local = Gobgp.Path.newBuilder().setNlri(prefix("198.51.100.0", 24)).setFamily(v4()).setBest(true)
                .setAge(ago(300)).setNeighborIp("<nil>").setSourceId("<nil>")
                .addPattrs(origin(0)).addPattrs(nextHop("0.0.0.0")).build();
        Gobgp.Path viaA = Gobgp.Path.newBuilder().setNlri(prefix("203.0.113.0", 24)).setFamily(v4()).setBest(true)
                .setAge(ago(2006)).setNeighborIp("192.0.2.1").setSourceId("192.0.2.1").setIsFromExternal(true)
                .addPattrs(origin(0)).addPattrs(asPath(65001, 65010)).addPattrs(nextHop("192.0.2.1"))
                .addPattrs(Any.pack(Attribute.LocalPrefAttribute.newBuilder().setLocalPref(200).build()))
                .addPattrs(Any.pack(Attribute.CommunitiesAttribute.newBuilder().addCommunities(65000 << 16 | 99).addCommunities(0xFFFFFF01).build()))
                .build();
        Gobgp.Path viaB = Gobgp.Path.newBuilder().setNlri(prefix("203.0.113.0", 24)).setFamily(v4())
                .setAge(ago(65)).setNeighborIp("198.51.100.7").setSourceId("198.51.100.7").setIsFromExternal(true)
                .addPattrs(origin(0)).addPattrs(asPath(65002)).addPattrs(nextHop("198.51.100.7"))
                .addPattrs(Any.pack(Attribute.MultiExitDiscAttribute.newBuilder().setMed(10).build()))
                .addPattrs(Any.pack(Attribute.LargeCommunitiesAttribute.newBuilder().addCommunities(
                        Attribute.LargeCommunity.newBuilder().setGlobalAdmin(65000).setLocalData1(1).setLocalData2(2)).build()))
                .build();
        return List.of(Gobgp.Destination.newBuilder().setPrefix("198.51.100.0/24").addPaths(local).build(),
                Gobgp.Destination.newBuilder().setPrefix("203.0.113.0/24").addPaths(viaA).addPaths(viaB).build());
    }

    static List<Gobgp.Destination> v6Rib() {
        Gobgp.Path p = Gobgp.Path.newBuilder().setNlri(prefix("2001:db8:a::", 48)).setFamily(v6()).setBest(true).setAge(ago(10))
                .setNeighborIp("<nil>").addPattrs(origin(2)).addPattrs(Any.pack(Attribute.MpReachNLRIAttribute.newBuilder()
                        .setFamily(v6()).addNextHops("2001:db8::1").addNlris(prefix("2001:db8:a::", 48)).build())).build();
        return List.of(Gobgp.Destination.newBuilder().setPrefix("2001:db8:a::/48").addPaths(p).build());
    }

    @Override
    public void listPath(Gobgp.ListPathRequest request, StreamObserver<Gobgp.ListPathResponse> out) {
        List<Gobgp.Destination> table = switch (request.getTableType()) {
            case GLOBAL -> request.getFamily().getAfi() == Gobgp.Family.Afi.AFI_IP6 ? v6Rib() : locRib();
            case ADJ_OUT -> request.getName().equals("192.0.2.1") && request.getFamily().getAfi() == Gobgp.Family.Afi.AFI_IP
                    ? List.of(Gobgp.Destination.newBuilder().setPrefix("198.51.100.0/24").addPaths(Gobgp.Path.newBuilder()
                            .setNlri(prefix("198.51.100.0", 24)).setFamily(v4()).setAge(ago(300)).addPattrs(origin(0))
                            .addPattrs(asPath(65000)).addPattrs(nextHop("192.0.2.10"))).build())
                    : List.of();
            default -> List.of();
        };
        for (Gobgp.Destination d : table) {
            boolean wanted = request.getPrefixesCount() == 0
                    || request.getPrefixesList().stream().anyMatch(p -> p.getPrefix().equals(d.getPrefix()));
            if (wanted) out.onNext(Gobgp.ListPathResponse.newBuilder().setDestination(d).build());
        }
        out.onCompleted();
    }

    @Override
    public void addPath(Gobgp.AddPathRequest request, StreamObserver<Gobgp.AddPathResponse> out) {
        added.add(request);
        out.onNext(Gobgp.AddPathResponse.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void deletePath(Gobgp.DeletePathRequest request, StreamObserver<Empty> out) {
        deleted.add(request);
        out.onNext(Empty.getDefaultInstance());
        out.onCompleted();
    }

    @Override
    public void watchEvent(Gobgp.WatchEventRequest request, StreamObserver<Gobgp.WatchEventResponse> out) {
        out.onNext(Gobgp.WatchEventResponse.newBuilder().setPeer(Gobgp.WatchEventResponse.PeerEvent.newBuilder()
                .setType(Gobgp.WatchEventResponse.PeerEvent.Type.STATE)
                .setPeer(peer("192.0.2.1", 65001, Gobgp.PeerState.SessionState.ESTABLISHED, 1, v4()))).build());
        Gobgp.Path withdrawn = locRib().getFirst().getPaths(0).toBuilder().setIsWithdraw(true).build();
        out.onNext(Gobgp.WatchEventResponse.newBuilder().setTable(Gobgp.WatchEventResponse.TableEvent.newBuilder()
                .addPaths(locRib().get(1).getPaths(0)).addPaths(withdrawn)).build());
        out.onCompleted();
    }
}
