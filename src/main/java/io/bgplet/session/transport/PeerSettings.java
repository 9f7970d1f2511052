package io.bgplet.session.transport;

import io.bgplet.session.SessionConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach one peer.
 *
 * @param address        the peer's address; inbound connections are accepted from it only
 * @param port           the peer's port to dial (179 unless configured)
 * @param localAddress   bind outgoing connections to this address (port 0 = any)
 * @param md5Password    RFC 2385 key, at most 80 octets; needs the epoll transport
 * @param ttl            IP TTL / hop limit of our packets: 1 for directly connected eBGP
 *                       (RFC 4271 does not require it, but every implementation defaults to
 *                       it), more for multihop; 0 picks 1 for eBGP and 64 for iBGP
 * @param connectTimeout give up on a SYN after this long (a wrong MD5 key looks like this)
 * @param session        the FSM's config
 */
public record PeerSettings(
        InetAddress address,
        int port,
        Optional<InetSocketAddress> localAddress,
        Optional<String> md5Password,
        int ttl,
        Duration connectTimeout,
        SessionConfig session) {

    public static final int BGP_PORT = 179;

    public PeerSettings {
        Objects.requireNonNull(address);
        if (port <= 0 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        Objects.requireNonNull(localAddress);
        Objects.requireNonNull(md5Password);
        md5Password.ifPresent(p -> {
            if (p.isEmpty() || p.length() > 80) throw new IllegalArgumentException("TCP MD5 key must be 1..80 octets");
        });
        if (ttl < 0 || ttl > 255) throw new IllegalArgumentException("ttl out of range: " + ttl);
        Objects.requireNonNull(connectTimeout);
        Objects.requireNonNull(session);
    }

    public static PeerSettings of(InetAddress address, SessionConfig session) {
        return new PeerSettings(address, BGP_PORT, Optional.empty(), Optional.empty(), 0, Duration.ofSeconds(30), session);
    }

    public PeerSettings withPort(int p) {
        return new PeerSettings(address, p, localAddress, md5Password, ttl, connectTimeout, session);
    }

    public PeerSettings withLocalAddress(InetSocketAddress local) {
        return new PeerSettings(address, port, Optional.ofNullable(local), md5Password, ttl, connectTimeout, session);
    }

    public PeerSettings withMd5Password(String password) {
        return new PeerSettings(address, port, localAddress, Optional.ofNullable(password), ttl, connectTimeout, session);
    }

    public PeerSettings withTtl(int t) {
        return new PeerSettings(address, port, localAddress, md5Password, t, connectTimeout, session);
    }

    public PeerSettings withConnectTimeout(Duration d) {
        return new PeerSettings(address, port, localAddress, md5Password, ttl, d, session);
    }

    public PeerSettings withSession(SessionConfig s) {
        return new PeerSettings(address, port, localAddress, md5Password, ttl, connectTimeout, s);
    }

    /** The TTL actually used: 1 for eBGP, 64 for iBGP unless configured. */
    public int effectiveTtl() {
        if (ttl != 0) return ttl;
        return session.peerAs() == session.localAs() ? 64 : 1;
    }
}
