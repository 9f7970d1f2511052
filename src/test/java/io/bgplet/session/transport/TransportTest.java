package io.bgplet.session.transport;

import io.bgplet.session.Event;
import io.bgplet.session.SessionConfig;
import io.bgplet.session.State;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Capability;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Keepalive;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Open;
import io.bgplet.wire.Update;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The transport on loopback: 127.0.0.1 and 127.0.0.2 (and .3/.9 for scripted peers) are all
 * on lo on Linux, so two speakers, MD5 and TTL need no namespace. MD5 needs epoll and root.
 */
class TransportTest {
    static final int ID_A = (192 << 24) | (2 << 8) | 1;      // 192.0.2.1
    static final int ID_B = (192 << 24) | (2 << 8) | 2;      // 192.0.2.2

    private final List<Transport> transports = new ArrayList<>();

    @BeforeEach
    void needsEpoll() {
        Interop.requireEpoll();
    }

    @AfterEach
    void close() {
        transports.forEach(Transport::close);
    }

    private Transport transport() {
        Transport t = Transport.create();
        transports.add(t);
        return t;
    }

    static InetAddress ip(String s) throws Exception {
        return InetAddress.getByName(s);
    }

    static SessionConfig config(long localAs, long peerAs, int id) {
        return SessionConfig.of(localAs, peerAs, id).withHoldTime(3, 0).withTimers(Duration.ofMillis(500), Duration.ofMillis(300));
    }

    /** B listens on 127.0.0.2 and waits; A dials it from 127.0.0.1. Optional MD5 keys. */
    private Peer[] pair(RecordingListener la, RecordingListener lb, String keyA, String keyB) throws Exception {
        Transport a = transport();
        Transport b = transport();
        Peer pb = b.addPeer(PeerSettings.of(ip("127.0.0.1"), config(65002, 65001, ID_B).withPassive(true)).withMd5Password(keyB), lb);
        InetSocketAddress addrB = b.listen(new InetSocketAddress(ip("127.0.0.2"), 0));
        pb.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> pb.state() == State.ACTIVE);
        Peer pa = a.addPeer(PeerSettings.of(ip("127.0.0.2"), config(65001, 65002, ID_A))
                .withPort(addrB.getPort())
                .withLocalAddress(new InetSocketAddress(ip("127.0.0.1"), 0))
                .withConnectTimeout(Duration.ofSeconds(1))
                .withMd5Password(keyA), la);
        pa.start();
        return new Peer[] {pa, pb};
    }

    @Test
    void twoTransportsEstablishExchangeRoutesAndKeepalivesThenCease() throws Exception {
        RecordingListener la = new RecordingListener();
        RecordingListener lb = new RecordingListener();
        Peer[] p = pair(la, lb, null, null);
        await().atMost(Duration.ofSeconds(10)).until(() -> p[0].state() == State.ESTABLISHED && p[1].state() == State.ESTABLISHED);
        assertThat(la.established).hasSize(1);
        assertThat(la.established.getFirst().peerAs()).isEqualTo(65002);
        assertThat(la.established.getFirst().keepaliveTime()).isEqualTo(1);
        assertThat(lb.established.getFirst().peerRouterId()).isEqualTo(ID_A);

        Update u = new Update(List.of(), List.of(Attribute.Origin.IGP_ORIGIN, Attribute.AsPath.sequence(65002),
                new Attribute.NextHop((Inet4Address) ip("192.0.2.2"))), List.of(new Ipv4Prefix((198 << 24) | (51 << 16) | (100 << 8), 24)));
        p[1].send(List.of(u, Update.endOfRib(Family.IPV4_UNICAST)));
        await().atMost(Duration.ofSeconds(5)).until(() -> la.endOfRib.contains(Family.IPV4_UNICAST));
        assertThat(la.updates).containsExactly(u);

        // Three hold times: only KEEPALIVEs every second keep the session up.
        Thread.sleep(9_000);
        assertThat(p[0].state()).isEqualTo(State.ESTABLISHED);
        assertThat(la.down).isEmpty();
        assertThat(lb.down).isEmpty();

        p[0].stop(Event.ManualStop.cease(Notification.ADMIN_SHUTDOWN)).get();
        await().atMost(Duration.ofSeconds(5)).until(() -> !lb.down.isEmpty());
        assertThat(lb.down.getFirst()).contains("(6/2)");
        assertThat(la.down.getFirst()).isEqualTo("stopped");
    }

    @Test
    void silentPeerTripsTheHoldTimerWithNotification4_0() throws Exception {
        Transport t = transport();
        RecordingListener l = new RecordingListener();
        Peer p = t.addPeer(PeerSettings.of(ip("127.0.0.3"), config(65001, 65003, ID_A).withPassive(true)), l);
        InetSocketAddress addr = t.listen(new InetSocketAddress(ip("127.0.0.1"), 0));
        p.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> p.state() == State.ACTIVE);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(ip("127.0.0.3"), 0));
            s.connect(addr);
            RawPeer raw = new RawPeer(s);
            Open ours = raw.readUntil(Open.class);
            assertThat(ours.effectiveAs()).isEqualTo(65001);
            raw.send(new Open(4, 65003, 3, ID_B, List.of(new Capability.FourOctetAs(65003))));
            raw.send(Keepalive.INSTANCE);
            await().atMost(Duration.ofSeconds(5)).until(() -> p.state() == State.ESTABLISHED);
            long t0 = System.nanoTime();
            Notification n = raw.readUntil(Notification.class);
            long waited = (System.nanoTime() - t0) / 1_000_000;
            assertThat(n.code()).isEqualTo(Notification.HOLD_TIMER_EXPIRED);
            assertThat(n.subcode()).isZero();
            assertThat(waited).isBetween(2_000L, 5_000L);
            assertThat(raw.closedByOther()).isTrue();
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> !l.down.isEmpty());
        assertThat(l.down.getFirst()).contains("(4/0)");
    }

    @Test
    void badMarkerGetsNotification1_1() throws Exception {
        Transport t = transport();
        Peer p = t.addPeer(PeerSettings.of(ip("127.0.0.3"), config(65001, 65003, ID_A).withPassive(true)), new RecordingListener());
        InetSocketAddress addr = t.listen(new InetSocketAddress(ip("127.0.0.1"), 0));
        p.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> p.state() == State.ACTIVE);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(ip("127.0.0.3"), 0));
            s.connect(addr);
            RawPeer raw = new RawPeer(s);
            byte[] keepalive = new byte[19];
            Arrays.fill(keepalive, 0, 16, (byte) 0xFF);
            keepalive[5] = 0x00;                 // one marker octet wrong
            keepalive[17] = 19;                  // length 19
            keepalive[18] = 4;                   // KEEPALIVE
            raw.sendBytes(keepalive);
            Notification n = raw.readUntil(Notification.class);
            assertThat(n.code()).isEqualTo(Notification.MESSAGE_HEADER_ERROR);
            assertThat(n.subcode()).isEqualTo(Notification.CONNECTION_NOT_SYNCHRONIZED);
            assertThat(raw.closedByOther()).isTrue();
        }
    }

    @Test
    void unknownSourceIsClosedAtOnce() throws Exception {
        Transport t = transport();
        Peer p = t.addPeer(PeerSettings.of(ip("127.0.0.3"), config(65001, 65003, ID_A).withPassive(true)), new RecordingListener());
        InetSocketAddress addr = t.listen(new InetSocketAddress(ip("127.0.0.1"), 0));
        p.start();
        await().atMost(Duration.ofSeconds(2)).until(() -> p.state() == State.ACTIVE);
        try (Socket s = new Socket()) {
            s.bind(new InetSocketAddress(ip("127.0.0.9"), 0));
            s.connect(addr);
            RawPeer raw = new RawPeer(s);
            assertThat(raw.closedByOther()).isTrue();
        }
        assertThat(p.state()).isEqualTo(State.ACTIVE);
    }

    @Test
    void md5WithTheSameKeyEstablishes() throws Exception {
        Interop.requireRoot();
        RecordingListener la = new RecordingListener();
        RecordingListener lb = new RecordingListener();
        Peer[] p = pair(la, lb, "s3cret-key", "s3cret-key");
        await().atMost(Duration.ofSeconds(10)).until(() -> p[0].state() == State.ESTABLISHED && p[1].state() == State.ESTABLISHED);
    }

    @Test
    void md5WithAWrongKeyNeverConnects() throws Exception {
        Interop.requireRoot();
        RecordingListener la = new RecordingListener();
        RecordingListener lb = new RecordingListener();
        Peer[] p = pair(la, lb, "s3cret-key", "other-key");
        // The SYN is dropped silently (RFC 2385 section 2.0): several 1 s connect timeouts pass.
        Thread.sleep(4_000);
        assertThat(p[0].state()).isNotIn(State.OPEN_SENT, State.OPEN_CONFIRM, State.ESTABLISHED);
        assertThat(p[1].state()).isEqualTo(State.ACTIVE);
        assertThat(la.established).isEmpty();
        assertThat(lb.established).isEmpty();
    }
}
