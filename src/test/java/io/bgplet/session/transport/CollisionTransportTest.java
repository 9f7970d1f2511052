package io.bgplet.session.transport;

import io.bgplet.session.State;
import io.bgplet.wire.Capability;
import io.bgplet.wire.Keepalive;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Open;
import io.bgplet.wire.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.bgplet.session.transport.TransportTest.ID_A;
import static io.bgplet.session.transport.TransportTest.config;
import static io.bgplet.session.transport.TransportTest.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RFC 4271 6.8 on real sockets: bgplet (192.0.2.1) dials a scripted peer at 127.0.0.3, and
 * the peer opens a second connection to bgplet's listener before answering the first.
 */
class CollisionTransportTest {
    private Transport transport;

    @BeforeEach
    void setUp() {
        Interop.requireEpoll();
        transport = Transport.create();
    }

    @AfterEach
    void tearDown() {
        transport.close();
    }

    /** Returns {outbound, inbound} raw ends, both with bgplet's OPEN read and the peer's OPEN sent on the inbound one. */
    private RawPeer[] collide(ServerSocket server, RecordingListener l, int peerId, Peer[] out) throws Exception {
        InetSocketAddress bgpletAddr = transport.listen(new InetSocketAddress(ip("127.0.0.1"), 0));
        Peer p = transport.addPeer(PeerSettings.of(ip("127.0.0.3"), config(65001, 65003, ID_A)).withPort(server.getLocalPort())
                .withLocalAddress(new InetSocketAddress(ip("127.0.0.1"), 0)), l);
        out[0] = p;
        p.start();
        RawPeer outbound = new RawPeer(server.accept());
        outbound.readUntil(Open.class);
        await().atMost(Duration.ofSeconds(2)).until(() -> p.state() == State.OPEN_SENT);
        Socket s = new Socket();
        s.bind(new InetSocketAddress(ip("127.0.0.3"), 0));
        s.connect(bgpletAddr);
        RawPeer inbound = new RawPeer(s);
        inbound.readUntil(Open.class);
        inbound.send(new Open(4, 65003, 3, peerId, List.of(new Capability.FourOctetAs(65003))));
        return new RawPeer[] {outbound, inbound};
    }

    @Test
    void higherRemoteIdentifierKeepsTheConnectionThePeerInitiated() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, ip("127.0.0.3"))) {
            RecordingListener l = new RecordingListener();
            Peer[] p = new Peer[1];
            RawPeer[] raw = collide(server, l, (192 << 24) | (2 << 8) | 2, p);
            // Ours (192.0.2.1) is lower: our outbound connection is closed with Cease/7.
            Notification n = raw[0].readUntil(Notification.class);
            assertThat(n.code()).isEqualTo(Notification.CEASE);
            assertThat(n.subcode()).isEqualTo(Notification.CONNECTION_COLLISION);
            raw[1].readUntil(Keepalive.class);
            raw[1].send(Keepalive.INSTANCE);
            await().atMost(Duration.ofSeconds(3)).until(() -> p[0].state() == State.ESTABLISHED);
            // The survivor carries the session: an EoR sent on it arrives.
            raw[1].send(Update.endOfRib(io.bgplet.wire.Family.IPV4_UNICAST));
            await().atMost(Duration.ofSeconds(3)).until(() -> !l.endOfRib.isEmpty());
            assertThat(l.established).hasSize(1);
            for (RawPeer r : raw) r.close();
        }
    }

    @Test
    void lowerRemoteIdentifierKeepsOurConnection() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, ip("127.0.0.3"))) {
            RecordingListener l = new RecordingListener();
            Peer[] p = new Peer[1];
            RawPeer[] raw = collide(server, l, (192 << 24) | (2 << 8), p);
            // Ours (192.0.2.1) is higher: the connection the peer opened is closed with Cease/7.
            Notification n = raw[1].readUntil(Notification.class);
            assertThat(n.subcode()).isEqualTo(Notification.CONNECTION_COLLISION);
            raw[0].send(new Open(4, 65003, 3, (192 << 24) | (2 << 8), List.of(new Capability.FourOctetAs(65003))));
            raw[0].readUntil(Keepalive.class);
            raw[0].send(Keepalive.INSTANCE);
            await().atMost(Duration.ofSeconds(3)).until(() -> p[0].state() == State.ESTABLISHED);
            assertThat(l.established).hasSize(1);
            // eBGP: TTL 1 on the socket (RFC 5082 context; the directly connected default).
            assertThat(p[0].channel().config().getOption(Transport.IP_TTL)).isEqualTo(1);
            for (RawPeer r : raw) r.close();
        }
    }

    @Test
    void peerThatStopsReadingTripsTheSendHoldTimer() throws Exception {
        RecordingListener l = new RecordingListener();
        InetSocketAddress addr = transport.listen(new InetSocketAddress(ip("127.0.0.1"), 0));
        Peer p = transport.addPeer(PeerSettings.of(ip("127.0.0.3"), config(65001, 65003, ID_A).withPassive(true)
                .withSendHoldTime(Duration.ofSeconds(2))), l);
        p.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> p.state() == State.ACTIVE);
        try (Socket s = new Socket()) {
            s.setReceiveBufferSize(4096);
            s.bind(new InetSocketAddress(ip("127.0.0.3"), 0));
            s.connect(addr);
            RawPeer raw = new RawPeer(s);
            raw.readUntil(Open.class);
            raw.send(new Open(4, 65003, 3, (192 << 24) | (2 << 8) | 3, List.of(new Capability.FourOctetAs(65003))));
            raw.send(Keepalive.INSTANCE);
            await().atMost(Duration.ofSeconds(3)).until(() -> p.state() == State.ESTABLISHED);
            // From now on the peer only talks (KEEPALIVEs keep our hold timer happy) and never reads.
            Thread talker = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        raw.send(Keepalive.INSTANCE);
                        Thread.sleep(500);
                    }
                } catch (Exception e) {
                    // closed by bgplet: done
                }
            });
            List<Update> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) batch.add(bigUpdate(i));
            for (int i = 0; i < 20 && p.state() == State.ESTABLISHED; i++) p.send(batch);
            await().atMost(Duration.ofSeconds(20)).until(() -> !l.down.isEmpty());
            assertThat(l.down.getFirst()).contains("(8/0)");
            assertThat(l.writabilityChanges.get()).isPositive();
            talker.interrupt();
        }
    }

    private static Update bigUpdate(int n) throws Exception {
        List<io.bgplet.wire.Prefix> nlri = new ArrayList<>();
        for (int i = 0; i < 800; i++) nlri.add(new io.bgplet.wire.Ipv4Prefix((198 << 24) | (18 << 16) | (((n * 800 + i) % 512) << 8), 24));   // in 198.18.0.0/15
        return new Update(List.of(), List.of(io.bgplet.wire.Attribute.Origin.IGP_ORIGIN, io.bgplet.wire.Attribute.AsPath.sequence(65001),
                new io.bgplet.wire.Attribute.NextHop((java.net.Inet4Address) ip("192.0.2.1"))), nlri);
    }
}
