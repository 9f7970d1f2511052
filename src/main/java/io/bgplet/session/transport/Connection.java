package io.bgplet.session.transport;

import io.bgplet.session.Action;
import io.bgplet.session.Event;
import io.bgplet.session.Fsm;
import io.bgplet.session.Session;
import io.bgplet.session.SessionConfig;
import io.bgplet.session.State;
import io.bgplet.wire.CodecOptions;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Message;
import io.bgplet.wire.MessageCodec;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

import java.util.concurrent.ThreadLocalRandom;

/**
 * One TCP connection to a peer and the FSM that owns it (RFC 4271 keeps one FSM per
 * connection until collision resolution picks one). Everything here runs on the peer's event
 * loop; the channel may live on another loop, so its events are handed over in order.
 */
final class Connection {
    private final Peer peer;
    private final Session session;
    private final EventLoopTimers timers;
    final boolean inbound;
    private Channel channel;
    private ChannelFuture pendingConnect;
    private volatile CodecOptions options = CodecOptions.INITIAL;
    private final ChannelFutureListener progress = f -> {
        if (f.isSuccess()) onLoop(() -> handle(new Event.SendProgress()));
    };

    Connection(Peer peer, SessionConfig config, boolean inbound) {
        this.peer = peer;
        this.inbound = inbound;
        this.timers = new EventLoopTimers(peer.loop(), () -> peer.afterEvent(this));
        this.session = new Session(new Fsm(config, () -> ThreadLocalRandom.current().nextDouble()), timers, this::execute);
    }

    State state() {
        return session.state();
    }

    Fsm fsm() {
        return session.fsm();
    }

    Channel channel() {
        return channel;
    }

    CodecOptions options() {
        return options;
    }

    /** The bytes of the malformed message being handled, for the log. */
    private byte[] lastRaw;

    void handle(Event e) {
        session.handle(e);
        peer.afterEvent(this);
    }

    /** Adopt a connected channel (inbound, or our dial that just succeeded). */
    void attach(Channel ch) {
        if (pendingConnect != null) {
            // The peer's connection arrived first: drop our own attempt.
            pendingConnect.channel().close();
            pendingConnect = null;
        }
        channel = ch;
        ch.pipeline().addLast("frames", new FrameDecoder(this::options));
        ch.pipeline().addLast("session", new Inbound(ch));
        ch.config().setAutoRead(peer.autoRead());
    }

    void dialing(ChannelFuture f) {
        pendingConnect = f;
    }

    boolean isDialing(ChannelFuture f) {
        return pendingConnect == f;
    }

    void dialed(ChannelFuture f) {
        pendingConnect = null;
        if (f.isSuccess()) {
            attach(f.channel());
            handle(new Event.TcpCrAcked());
        } else {
            handle(new Event.TcpConnectionFails());
        }
    }

    /** Executes an FSM action: the transport never decides anything on its own. */
    private void execute(Action a) {
        // The FSM has already moved on (to OpenConfirm, with the negotiated options) when its
        // actions run, so the KEEPALIVE that lets the peer send UPDATEs goes out after this.
        fsm().negotiated().ifPresent(n -> options = n.codecOptions());
        switch (a) {
            case Action.Connect c -> {
                if (channel == null && pendingConnect == null) peer.dial(this);
            }
            case Action.SendMessage s -> write(s.message(), true);
            case Action.CloseConnection c -> {
                c.notification().ifPresent(n -> peer.listener().onNotification(n, true));
                close(c);
            }
            case Action.SessionEstablished e -> {
                options = e.negotiated().codecOptions();
                peer.listener().onEstablished(e.negotiated());
            }
            case Action.SessionDown d -> peer.listener().onDown(d.reason(), d.retainStale());
            case Action.DeliverUpdate u -> peer.listener().onUpdate(u.update());
            case Action.DeliverSalvaged s -> peer.listener().onSalvaged(s.result(), lastRaw == null ? new byte[0] : lastRaw);
            case Action.DeliverEndOfRib e -> peer.listener().onEndOfRib(e.family());
            case Action.DeliverRouteRefresh r -> peer.listener().onRouteRefresh(r.refresh());
            case Action.StartTimer t -> throw new IllegalStateException("timers belong to the session driver");
            case Action.StopTimer t -> throw new IllegalStateException("timers belong to the session driver");
        }
    }

    /** Encodes with this session's options; a flush also reports send progress (RFC 9687). */
    boolean write(Message m, boolean flush) {
        Channel ch = channel;
        if (ch == null) return false;
        ByteBuf buf = ch.alloc().buffer();
        try {
            MessageCodec.encode(m, options, buf);
        } catch (RuntimeException e) {
            buf.release();
            throw e;
        }
        peer.counted(m, true);
        if (flush) ch.writeAndFlush(buf).addListener(progress);
        else ch.write(buf).addListener(progress);
        return true;
    }

    /** Writes pre-encoded messages and flushes; false (buffer untouched) without a channel. */
    boolean writeEncoded(ByteBuf buf) {
        Channel ch = channel;
        if (ch == null) return false;
        ch.writeAndFlush(buf).addListener(progress);
        return true;
    }

    private void close(Action.CloseConnection c) {
        if (pendingConnect != null) {
            pendingConnect.cancel(false);
            pendingConnect.channel().close();
            pendingConnect = null;
        }
        Channel ch = channel;
        channel = null;
        if (ch == null) return;
        if (c.notification().isPresent() && ch.isActive()) {
            ByteBuf buf = ch.alloc().buffer();
            MessageCodec.encode(c.notification().get(), options, buf);
            ch.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
            // A peer that does not read must not keep the socket open forever.
            ch.eventLoop().schedule(() -> { ch.close(); }, 5, java.util.concurrent.TimeUnit.SECONDS);
        } else {
            ch.close();
        }
    }

    /** This connection is being dropped (lost a collision, or replaced): release everything. */
    void dispose() {
        timers.close();
        if (pendingConnect != null) pendingConnect.channel().close();
        if (channel != null) channel.close();
        channel = null;
        pendingConnect = null;
    }

    private void onLoop(Runnable r) {
        if (peer.loop().inEventLoop()) r.run();
        else peer.loop().execute(r);
    }

    /** The channel's end of the pipeline: decode results and lifecycle become FSM events. */
    private final class Inbound extends ChannelInboundHandlerAdapter {
        private final Channel ch;

        Inbound(Channel ch) {
            this.ch = ch;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            byte[] raw = null;
            if (msg instanceof Malformed m) {
                raw = m.raw();
                msg = m.result();
            }
            if (!(msg instanceof DecodeResult r)) {
                ReferenceCountUtil.release(msg);
                return;
            }
            byte[] bytes = raw;
            if (r instanceof DecodeResult.Ok ok && ok.message() instanceof io.bgplet.wire.Notification n) {
                peer.listener().onNotification(n, false);
            }
            Event e = switch (r) {
                case DecodeResult.Ok ok -> new Event.MessageReceived(ok.message());
                case DecodeResult.Salvaged s -> new Event.UpdateSalvaged(s);
                case DecodeResult.Fatal f -> new Event.DecodeError(f);
            };
            onLoop(() -> {
                if (channel != ch) return;
                if (r instanceof DecodeResult.Ok ok) peer.counted(ok.message(), false);
                lastRaw = bytes;
                handle(e);
                lastRaw = null;
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onLoop(() -> {
                if (channel == ch) handle(new Event.TcpConnectionFails());
            });
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            boolean w = ch.isWritable();
            onLoop(() -> {
                if (channel == ch) peer.writabilityChanged(w);
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // An I/O error ends the connection; channelInactive reports it to the FSM.
            ctx.close();
        }
    }
}
