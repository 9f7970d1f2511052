package io.bgplet.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.bgplet.interop.support.BirdPeer;
import io.bgplet.interop.support.ExabgpPeer;
import io.bgplet.interop.support.FrrPeer;
import io.bgplet.interop.support.GobgpPeer;
import io.bgplet.interop.support.Interop;
import io.bgplet.interop.support.NeighborSpec;
import io.bgplet.interop.support.PeerSpec;
import io.bgplet.interop.support.RawBgpPeer;
import io.bgplet.interop.support.Route;
import io.bgplet.interop.support.RouteSpec;
import io.bgplet.interop.support.Topology;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Proves the interop harness with real daemons peering with each other (bgplet's speaker
 * is not in the loop): if these pass, a failing interop test points at bgplet, not at the
 * harness. Each test builds its own namespaces and tears them down.
 */
class HarnessSelfTest {
    private static final Duration SESSION = Duration.ofSeconds(20);
    private Path logs;

    @BeforeEach
    void setUp(TestInfo info) {
        Interop.requireRootAndTools("frr", "bird", "gobgp", "exabgp");
        logs = Interop.logDir("HarnessSelfTest/" + info.getTestMethod().orElseThrow().getName());
    }

    @Test
    void frrAndBirdExchangeIpv4AndIpv6RoutesWithAttributes() {
        PeerSpec frrSpec = PeerSpec.of(65001, "198.51.100.1")
                .neighbor(NeighborSpec.of("198.51.100.2", 65002))
                .neighbor(NeighborSpec.of("2001:db8:100::2", 65002))
                .route(RouteSpec.of("192.0.2.0/25").med(55).communities("65001:100", "65001:200").largeCommunities("65001:1:2"))
                .route(RouteSpec.of("2001:db8:1::/48").med(66).communities("65001:600").largeCommunities("65001:6:6"));
        PeerSpec birdSpec = PeerSpec.of(65002, "198.51.100.2")
                .neighbor(NeighborSpec.of("198.51.100.1", 65001).localAddress("198.51.100.2"))
                .neighbor(NeighborSpec.of("2001:db8:100::1", 65001).localAddress("2001:db8:100::2"))
                .route(RouteSpec.of("198.18.5.0/24").med(77).communities("65002:700").largeCommunities("65002:7:8").prepend(65002L))
                .route(RouteSpec.of("2001:db8:2::/48").med(88).largeCommunities("65002:8:9"));
        try (Topology t = Topology.twoHostsOnLan();
             FrrPeer frr = new FrrPeer(t.ns("a"), frrSpec, logs);
             BirdPeer bird = new BirdPeer(t.ns("b"), birdSpec, logs)) {
            long t0 = System.nanoTime();
            frr.start();
            bird.start();
            long started = System.nanoTime();
            frr.awaitEstablished("198.51.100.2", SESSION);
            frr.awaitEstablished("2001:db8:100::2", SESSION);
            assertThat(bird.isEstablished("198.51.100.1")).isTrue();
            long established = System.nanoTime();

            Route atBird4 = bird.awaitRoute("192.0.2.0/25", SESSION);
            assertThat(atBird4.asPath()).containsExactly(65001L);
            assertThat(atBird4.nextHop()).isEqualTo("198.51.100.1");
            assertThat(atBird4.med()).isEqualTo(55L);
            assertThat(atBird4.communities()).containsExactly("65001:100", "65001:200");
            assertThat(atBird4.largeCommunities()).containsExactly("65001:1:2");
            Route atBird6 = bird.awaitRoute("2001:db8:1::/48", SESSION);
            assertThat(atBird6.nextHop()).isEqualTo("2001:db8:100::1");
            assertThat(atBird6.med()).isEqualTo(66L);
            assertThat(atBird6.communities()).containsExactly("65001:600");
            assertThat(atBird6.largeCommunities()).containsExactly("65001:6:6");

            Route atFrr4 = frr.awaitRoute("198.18.5.0/24", SESSION);
            assertThat(atFrr4.asPath()).containsExactly(65002L, 65002L);
            assertThat(atFrr4.nextHop()).isEqualTo("198.51.100.2");
            assertThat(atFrr4.med()).isEqualTo(77L);
            assertThat(atFrr4.communities()).containsExactly("65002:700");
            assertThat(atFrr4.largeCommunities()).containsExactly("65002:7:8");
            assertThat(atFrr4.best()).isTrue();
            assertThat(atFrr4.stale()).isFalse();
            Route atFrr6 = frr.awaitRoute("2001:db8:2::/48", SESSION);
            assertThat(atFrr6.nextHop()).isEqualTo("2001:db8:100::2");
            assertThat(atFrr6.med()).isEqualTo(88L);
            assertThat(atFrr6.largeCommunities()).containsExactly("65002:8:9");
            assertThat(frr.receivedPrefixes("198.51.100.2", "ipv4")).isEqualTo(1);
            assertThat(frr.receivedPrefixes("2001:db8:100::2", "ipv6")).isEqualTo(1);
            long converged = System.nanoTime();

            // Run-time changes go through: FRR withdraws, BIRD originates something new.
            frr.removeNetwork("192.0.2.0/25");
            bird.awaitNoRoute("192.0.2.0/25", SESSION);
            bird.addRoute(RouteSpec.of("198.18.6.0/24").communities("65002:6"));
            assertThat(frr.awaitRoute("198.18.6.0/24", SESSION).communities()).containsExactly("65002:6");
            System.out.printf("FRR+BIRD: started %d ms, established %d ms, converged %d ms%n",
                    ms(t0, started), ms(t0, established), ms(t0, converged));
        }
    }

    @Test
    void exabgpAnnouncesAndGobgpRibShowsIt() {
        PeerSpec gobgpSpec = PeerSpec.of(65001, "198.51.100.1")
                .neighbor(NeighborSpec.of("198.51.100.2", 65002).passive(true).families("ipv4", "ipv6"));
        PeerSpec exaSpec = PeerSpec.of(65002, "198.51.100.2")
                .neighbor(NeighborSpec.of("198.51.100.1", 65001).localAddress("198.51.100.2").families("ipv4", "ipv6"))
                .route(RouteSpec.of("198.18.7.0/24").nextHop("198.51.100.2").med(42)
                        .communities("65002:7").largeCommunities("65002:7:7").prepend(65002L));
        try (Topology t = Topology.twoHostsOnLan();
             GobgpPeer gobgp = new GobgpPeer(t.ns("a"), gobgpSpec, logs);
             ExabgpPeer exa = new ExabgpPeer(t.ns("b"), exaSpec, logs)) {
            long t0 = System.nanoTime();
            gobgp.start();
            exa.start();
            long started = System.nanoTime();
            gobgp.awaitEstablished("198.51.100.2", SESSION);
            exa.awaitEstablished("198.51.100.1", SESSION);
            long established = System.nanoTime();

            Route r = gobgp.awaitRoute("198.18.7.0/24", SESSION);
            assertThat(r.asPath()).containsExactly(65002L, 65002L);
            assertThat(r.nextHop()).isEqualTo("198.51.100.2");
            assertThat(r.med()).isEqualTo(42L);
            assertThat(r.communities()).containsExactly("65002:7");
            assertThat(r.largeCommunities()).containsExactly("65002:7:7");
            long converged = System.nanoTime();

            exa.announce(RouteSpec.of("2001:db8:77::/48").nextHop("2001:db8:100::2").med(9).communities("65002:9"));
            Route v6 = gobgp.awaitRoute("2001:db8:77::/48", SESSION);
            assertThat(v6.nextHop()).isEqualTo("2001:db8:100::2");
            assertThat(v6.communities()).containsExactly("65002:9");

            // A generic optional transitive attribute (type 99) arrives intact.
            exa.announceRaw(RouteSpec.of("198.18.8.0/24").nextHop("198.51.100.2"), "0x63 0xc0 0x01020304");
            assertThat(gobgp.awaitRoute("198.18.8.0/24", SESSION).unknown()).containsExactly("99/192/01020304");

            exa.withdraw("198.18.8.0/24");
            gobgp.awaitNoRoute("198.18.8.0/24", SESSION);

            // And the other direction: GoBGP originates, ExaBGP's event log shows it.
            gobgp.addRoute(RouteSpec.of("203.0.113.0/25").nextHop("198.51.100.1").med(5)
                    .communities("65001:5").largeCommunities("65001:5:5"));
            Route atExa = exa.awaitRoute("203.0.113.0/25", SESSION);
            assertThat(atExa.asPath()).containsExactly(65001L);
            assertThat(atExa.med()).isEqualTo(5L);
            assertThat(atExa.communities()).containsExactly("65001:5");
            assertThat(atExa.largeCommunities()).containsExactly("65001:5:5");
            gobgp.addRoute(RouteSpec.of("203.0.113.128/25").nextHop("198.51.100.1").prepend(65001L, 65001L));
            assertThat(exa.awaitRoute("203.0.113.128/25", SESSION).asPath()).containsExactly(65001L, 65001L, 65001L);
            System.out.printf("GoBGP+ExaBGP: started %d ms, established %d ms, converged %d ms%n",
                    ms(t0, started), ms(t0, established), ms(t0, converged));
        }
    }

    @Test
    void frrAndBirdPeerOneRoutedHopApartWithMd5() {
        PeerSpec frrSpec = PeerSpec.of(65001, "198.51.100.1")
                .neighbor(NeighborSpec.of("203.0.113.2", 65002).multihop(2).password("harness-md5"))
                .route(RouteSpec.of("192.0.2.0/25").communities("65001:1"));
        PeerSpec birdSpec = PeerSpec.of(65002, "203.0.113.2")
                .neighbor(NeighborSpec.of("198.51.100.1", 65001).localAddress("203.0.113.2").multihop(2).password("harness-md5"));
        try (Topology t = Topology.hostRouterHost();
             FrrPeer frr = new FrrPeer(t.ns("a"), frrSpec, logs);
             BirdPeer bird = new BirdPeer(t.ns("b"), birdSpec, logs)) {
            frr.start();
            bird.start();
            frr.awaitEstablished("203.0.113.2", SESSION);
            Route r = bird.awaitRoute("192.0.2.0/25", SESSION);
            assertThat(r.nextHop()).isEqualTo("198.51.100.1");
            assertThat(r.communities()).containsExactly("65001:1");
        }
    }

    @Test
    void rootReachesAPeerBehindARouter() throws Exception {
        try (Topology t = Topology.rootRouterPeer()) {
            Process listener = new ProcessBuilder(t.ns("peer").wrap(java.util.List.of(Interop.SYSTEM_PYTHON, "-c",
                    "import socket;s=socket.socket();s.setsockopt(socket.SOL_SOCKET,socket.SO_REUSEADDR,1);"
                            + "s.bind(('203.0.113.200',1790));s.listen();print('ready',flush=True);c,_=s.accept();c.send(b'hi')")))
                    .redirectErrorStream(true).start();
            try {
                assertThat(new java.io.BufferedReader(new java.io.InputStreamReader(listener.getInputStream())).readLine()).isEqualTo("ready");
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress("198.51.100.100", 0));
                    s.connect(new InetSocketAddress("203.0.113.200", 1790), 3000);
                    assertThat(s.getInputStream().readNBytes(2)).isEqualTo("hi".getBytes());
                }
            } finally {
                listener.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void rootNamespaceEndpointsReachFrrInTheReferenceLab() throws Exception {
        PeerSpec spec = PeerSpec.of(65000, "198.51.100.200")
                .neighbor(NeighborSpec.of("198.51.100.100", 65001).passive(true));
        try (Topology t = Topology.referenceLab();
             FrrPeer frr = new FrrPeer(t.ns("router"), spec, logs, "router")) {
            frr.start();
            String[][] pairs = {
                {"198.51.100.100", "198.51.100.200"}, {"198.51.100.101", "198.51.100.200"}, {"203.0.113.100", "203.0.113.200"}};
            for (String[] p : pairs) {
                try (Socket s = new Socket()) {
                    s.bind(new InetSocketAddress(p[0], 0));
                    s.connect(new InetSocketAddress(p[1], 179), 3000);
                    assertThat(s.getLocalAddress().getHostAddress()).isEqualTo(p[0]);
                }
            }
            // The router's loop addresses exist inside its namespace only.
            assertThat(t.ns("router").exec("ip", "-4", "-br", "addr")).contains("192.0.2.1/25", "192.0.2.129/25");
        }
    }

    @Test
    void frrNoticesLinkDownByHoldTimer() {
        PeerSpec spec = PeerSpec.of(65000, "198.51.100.200")
                .neighbor(NeighborSpec.of("198.51.100.100", 65010).passive(true).holdTime(3));
        try (Topology t = Topology.rootAndPeer();
             // Without this FRR drops the session as soon as the interface goes down, and
             // the hold timer (what bgplet relies on) would not be what is tested.
             FrrPeer frr = new FrrPeer(t.ns("peer"), spec, logs).routerBgpLines("no bgp fast-external-failover")) {
            frr.start();
            try (RawBgpPeer raw = RawBgpPeer.connect("198.51.100.100", "198.51.100.200", 179,
                    RawBgpPeer.open(65010, 3, "198.51.100.100", false), Duration.ofSeconds(5))) {
                frr.awaitEstablished("198.51.100.100", Duration.ofSeconds(5));
                long down = System.nanoTime();
                t.link("root", "peer").down();
                frr.awaitNotEstablished("198.51.100.100", Duration.ofSeconds(6));
                long noticed = ms(down, System.nanoTime());
                System.out.printf("FRR noticed link down after %d ms (hold 3 s)%n", noticed);
                // Hold time 3 s, keepalives every second: expiry 2-3 s after the last one got through.
                assertThat(noticed).isBetween(1500L, 4500L);
            }
        }
    }

    @Test
    void rawPeerGetsNotificationFromFrrForBadMarker() {
        PeerSpec spec = PeerSpec.of(65000, "198.51.100.200")
                .neighbor(NeighborSpec.of("198.51.100.100", 65010).passive(true));
        try (Topology t = Topology.rootAndPeer();
             FrrPeer frr = new FrrPeer(t.ns("peer"), spec, logs)) {
            frr.start();
            try (RawBgpPeer raw = RawBgpPeer.connect("198.51.100.100", "198.51.100.200", 179,
                    RawBgpPeer.open(65010, 9, "198.51.100.100", false), Duration.ofSeconds(5))) {
                frr.awaitEstablished("198.51.100.100", Duration.ofSeconds(5));
                assertThat(raw.staysUp(Duration.ofMillis(300))).isTrue();
                byte[] keepalive = RawBgpPeer.message(RawBgpPeer.KEEPALIVE, new byte[0]);
                keepalive[3] = 0x00; // RFC 4271 6.1: marker not all ones -> Connection Not Synchronized
                raw.send(keepalive);
                Optional<RawBgpPeer.Received> n = raw.awaitNotification(Duration.ofSeconds(5));
                assertThat(n).as("NOTIFICATION; received %s; FRR log:%n%s", raw.received(), frr.log()).isPresent();
                assertThat(n.get().code()).isEqualTo(1);
                assertThat(n.get().subcode()).isEqualTo(1);
                assertThat(raw.staysUp(Duration.ofMillis(200))).isFalse();
            }
        }
    }

    private static long ms(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
