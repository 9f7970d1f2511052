package io.bgplet.session.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.IntegerUnixChannelOption;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * BGP over TCP with Netty: dials peers (the default, like Cilium), optionally listens on a
 * configured address and port accepting only configured peers, and sets the socket options
 * BGP needs (TCP MD5 of RFC 2385, TTL for eBGP). Epoll on Linux; NIO elsewhere, without MD5.
 */
public final class Transport implements AutoCloseable {
    // Linux setsockopt levels and names for the TTL; Netty has no portable option for it.
    static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", 0, 2);
    private static final IntegerUnixChannelOption IPV6_UNICAST_HOPS = new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", 41, 16);
    /** Above this many queued octets a peer is not writable (see {@link Peer#isWritable()}). */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(64 * 1024, 256 * 1024);

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final boolean epoll;
    private final Map<InetAddress, Peer> peers = new ConcurrentHashMap<>();
    private volatile Channel listener;

    /** One event loop thread, epoll when available. */
    public static Transport create() {
        boolean e = Epoll.isAvailable();
        return new Transport(e ? new EpollEventLoopGroup(1) : new NioEventLoopGroup(1), true, e);
    }

    /** On a group the caller owns; epoll must match the group's kind. */
    public Transport(EventLoopGroup group, boolean epoll) {
        this(group, false, epoll);
    }

    private Transport(EventLoopGroup group, boolean ownsGroup, boolean epoll) {
        this.group = group;
        this.ownsGroup = ownsGroup;
        this.epoll = epoll;
    }

    public boolean epoll() {
        return epoll;
    }

    /** Adds a peer; it stays Idle until {@link Peer#start()}. One peer per address. */
    public Peer addPeer(PeerSettings settings, SessionListener listener) {
        if (settings.md5Password().isPresent() && !epoll) throw new IllegalStateException("TCP MD5 needs the epoll transport");
        Peer p = new Peer(this, settings, listener, group.next());
        if (peers.putIfAbsent(settings.address(), p) != null) throw new IllegalArgumentException("peer exists: " + settings.address());
        refreshListenerKeys();
        return p;
    }

    public void removePeer(Peer p) {
        peers.remove(p.settings().address(), p);
        p.dispose();
        refreshListenerKeys();
    }

    /**
     * Listens for peers on a local address and port (Cilium's localPort). Connections from
     * addresses that are not configured peers are closed at once.
     */
    public InetSocketAddress listen(InetSocketAddress local) throws InterruptedException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childOption(ChannelOption.AUTO_READ, false)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted(ch);
                    }
                });
        Map<InetAddress, byte[]> keys = md5Keys();
        if (epoll && !keys.isEmpty()) b.option(EpollChannelOption.TCP_MD5SIG, keys);
        Channel ch = b.bind(local).sync().channel();
        listener = ch;
        return (InetSocketAddress) ch.localAddress();
    }

    private void accepted(SocketChannel ch) {
        Peer p = peers.get(ch.remoteAddress().getAddress());
        if (p == null) {
            ch.close();
            return;
        }
        setTtl(ch, p.settings());
        p.accept(ch);
    }

    /** Starts a dial for a peer's connection; the callback runs when it succeeds or fails. */
    ChannelFuture connect(Peer p, ChannelFutureListener done) {
        PeerSettings s = p.settings();
        Bootstrap b = new Bootstrap()
                .group(p.loop())
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, s.connectTimeout().toMillis()))
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRegistered(ChannelHandlerContext ctx) {
                        // Before the SYN: TTL and MD5 must cover the handshake too.
                        setTtl(ctx.channel(), s);
                        s.md5Password().ifPresent(k -> ctx.channel().config().setOption(EpollChannelOption.TCP_MD5SIG,
                                Map.of(s.address(), k.getBytes(StandardCharsets.US_ASCII))));
                        ctx.pipeline().remove(this);
                        ctx.fireChannelRegistered();
                    }
                });
        InetSocketAddress remote = new InetSocketAddress(s.address(), s.port());
        ChannelFuture f = s.localAddress().isPresent() ? b.connect(remote, s.localAddress().get()) : b.connect(remote);
        f.addListener(done);
        return f;
    }

    private void setTtl(Channel ch, PeerSettings s) {
        if (!epoll) return;
        int ttl = s.effectiveTtl();
        ch.config().setOption(s.address() instanceof Inet6Address ? IPV6_UNICAST_HOPS : IP_TTL, ttl);
    }

    private Map<InetAddress, byte[]> md5Keys() {
        Map<InetAddress, byte[]> keys = new HashMap<>();
        for (Peer p : peers.values()) {
            p.settings().md5Password().ifPresent(k -> keys.put(p.settings().address(), k.getBytes(StandardCharsets.US_ASCII)));
        }
        return keys;
    }

    /** The listener's key list must follow the peers (keys are set per address on the socket). */
    private void refreshListenerKeys() {
        Channel l = listener;
        if (l != null && epoll) l.config().setOption(EpollChannelOption.TCP_MD5SIG, md5Keys());
    }

    @Override
    public void close() {
        for (Peer p : peers.values()) p.dispose();
        peers.clear();
        Channel l = listener;
        if (l != null) l.close().syncUninterruptibly();
        if (ownsGroup) group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
