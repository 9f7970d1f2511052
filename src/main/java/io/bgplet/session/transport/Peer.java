package io.bgplet.session.transport;

import io.bgplet.session.Collision;
import io.bgplet.session.Event;
import io.bgplet.session.Negotiated;
import io.bgplet.session.State;
import io.bgplet.wire.Keepalive;
import io.bgplet.wire.Message;
import io.bgplet.wire.MessageCodec;
import io.bgplet.wire.Notification;
import io.bgplet.wire.Open;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoop;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * One configured peer: its connections, each with an FSM, and the collision resolution
 * between them (RFC 4271 section 6.8). The FSMs decide; this class only carries out their
 * actions and tells the {@link SessionListener}. All state lives on one event loop; public
 * methods may be called from any thread.
 */
public final class Peer {
    private final Transport transport;
    private final PeerSettings settings;
    private final SessionListener listener;
    private final EventLoop loop;
    /** The connection the FSM dials on, or the survivor of a collision. */
    private Connection primary;
    /** A second, inbound connection while the primary is in OpenSent or OpenConfirm. */
    private Connection candidate;
    private boolean primaryLostCollision;
    private volatile boolean autoRead = true;
    private volatile State state = State.IDLE;
    private volatile Negotiated negotiated;
    /** Both OPENs of the Established connection, or null: the capabilities each side advertised. */
    private volatile Open sentOpen;
    private volatile Open receivedOpen;
    /** Written on the loop only (single writer), read by anyone. */
    private volatile long opensSent, opensReceived, keepalivesSent, keepalivesReceived;

    Peer(Transport transport, PeerSettings settings, SessionListener listener, EventLoop loop) {
        this.transport = transport;
        this.settings = settings;
        this.listener = listener;
        this.loop = loop;
        this.primary = new Connection(this, settings.session(), false);
    }

    public PeerSettings settings() {
        return settings;
    }

    /** The FSM state of the primary connection, as last seen. */
    public State state() {
        return state;
    }

    public Optional<Negotiated> negotiated() {
        return Optional.ofNullable(negotiated);
    }

    /**
     * OPEN and KEEPALIVE messages this peer's connections sent and received since it was
     * created (UPDATE, NOTIFICATION and ROUTE-REFRESH are counted by the consumer, which sees them).
     */
    public record MessageCounts(long opensSent, long opensReceived, long keepalivesSent, long keepalivesReceived) {}

    public MessageCounts messageCounts() {
        return new MessageCounts(opensSent, opensReceived, keepalivesSent, keepalivesReceived);
    }

    /** The OPEN we sent on the Established connection (our capabilities, RFC 5492), if Established. */
    public Optional<Open> sentOpen() {
        return Optional.ofNullable(sentOpen);
    }

    /** The peer's OPEN on the Established connection (its capabilities), if Established. */
    public Optional<Open> receivedOpen() {
        return Optional.ofNullable(receivedOpen);
    }

    /** Called on the loop for each message written (sent) or decoded (received). */
    void counted(Message m, boolean sent) {
        switch (m) {
            case Open o -> {
                if (sent) opensSent++;
                else opensReceived++;
            }
            case Keepalive k -> {
                if (sent) keepalivesSent++;
                else keepalivesReceived++;
            }
            default -> { }
        }
    }

    /** RFC 4271 ManualStart. */
    public void start() {
        onLoop(() -> primary.handle(new Event.ManualStart()));
    }

    /**
     * RFC 4271 ManualStop. {@link Event.ManualStop#silent()} closes TCP without a NOTIFICATION,
     * which is what a planned restart under graceful restart needs.
     */
    public CompletableFuture<Void> stop(Event.ManualStop stop) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        onLoop(() -> {
            if (candidate != null) {
                candidate.dispose();
                candidate = null;
            }
            primary.handle(stop);
            done.complete(null);
        });
        return done;
    }

    /** RFC 4271 AutomaticStop, for example Cease/1 when a prefix limit is exceeded. */
    public void automaticStop(Notification cease) {
        onLoop(() -> primary.handle(new Event.AutomaticStop(cease)));
    }

    /**
     * Sends messages on the Established connection and flushes once. Returns false when there
     * is none. The caller keeps to {@link #isWritable()}: nothing here queues without bound.
     */
    public void send(List<? extends Message> messages) {
        onLoop(() -> {
            if (primary.state() != State.ESTABLISHED) return;
            for (int i = 0; i < messages.size(); i++) primary.write(messages.get(i), i == messages.size() - 1);
        });
    }

    public void send(Message message) {
        send(List.of(message));
    }

    /**
     * Writes bytes already encoded for this session's {@link Negotiated#codecOptions()} (the
     * export path packs UPDATEs itself) and flushes. Takes ownership of encoded: it is
     * released if there is no Established connection to write it to.
     */
    public void sendEncoded(ByteBuf encoded) {
        onLoop(() -> {
            if (primary.state() != State.ESTABLISHED || !primary.writeEncoded(encoded)) encoded.release();
        });
    }

    /** The local end of the current connection, if there is one: the speaker's next hop self. */
    public Optional<java.net.InetSocketAddress> localAddress() {
        Connection c = primary;
        Channel ch = c == null ? null : c.channel();
        return ch == null || ch.localAddress() == null ? Optional.empty() : Optional.of((java.net.InetSocketAddress) ch.localAddress());
    }

    /** False while the connection's outbound buffer is above its high water mark. */
    public boolean isWritable() {
        Connection c = primary;
        Channel ch = c == null ? null : c.channel();
        return ch != null && ch.isWritable();
    }

    /**
     * Stop (false) or resume (true) reading from the peer, for a consumer that cannot keep
     * up. TCP then pushes back on the peer. Keep pauses shorter than the hold time.
     */
    public void setAutoRead(boolean on) {
        autoRead = on;
        onLoop(() -> {
            for (Connection c : new Connection[] {primary, candidate}) {
                if (c != null && c.channel() != null) c.channel().config().setAutoRead(on);
            }
        });
    }

    /** The primary connection's channel, or null (tests read its socket options). */
    Channel channel() {
        return primary.channel();
    }

    boolean autoRead() {
        return autoRead;
    }

    EventLoop loop() {
        return loop;
    }

    SessionListener listener() {
        return listener;
    }

    void writabilityChanged(boolean writable) {
        listener.onWritabilityChanged(writable);
    }

    void dial(Connection c) {
        c.dialing(transport.connect(this, f -> onLoop(() -> {
            if (c.isDialing(f)) c.dialed(f);
            else if (f.isSuccess()) f.channel().close();
        })));
    }

    /** An inbound connection from this peer's address, accepted by the transport's listener. */
    void accept(Channel ch) {
        onLoop(() -> {
            switch (primary.state()) {
                // Idle refuses connections (RFC 4271 8.2.2).
                case IDLE -> ch.close();
                case CONNECT, ACTIVE -> {
                    // Our own dial, if any, is dropped by the FSM's transition; take this one.
                    Connection c = primary;
                    c.attach(ch);
                    c.handle(new Event.TcpConnectionConfirmed());
                }
                case OPEN_SENT, OPEN_CONFIRM -> {
                    if (candidate != null) {
                        ch.close();
                        return;
                    }
                    // A second connection: it gets its own FSM until collision resolution.
                    candidate = new Connection(this, settings.session(), true);
                    candidate.attach(ch);
                    candidate.handle(new Event.ManualStart());
                    candidate.handle(new Event.TcpConnectionConfirmed());
                }
                // RFC 4271 6.8: a collision with an Established session closes the new connection.
                case ESTABLISHED -> {
                    ByteBuf buf = ch.alloc().buffer();
                    MessageCodec.encode(new Notification(Notification.CEASE, Notification.CONNECTION_COLLISION), primary.options(), buf);
                    ch.writeAndFlush(buf).addListener(ChannelFutureListener.CLOSE);
                }
            }
        });
    }

    /** After every event: resolve collisions, retire dead connections, publish the state. */
    void afterEvent(Connection changed) {
        if (candidate != null) resolveCollision();
        if (candidate != null && candidate.state() == State.IDLE) {
            candidate.dispose();
            candidate = null;
        }
        if (candidate != null && primaryLostCollision && primary.state() == State.IDLE) {
            primary.dispose();
            primary = candidate;
            candidate = null;
            primaryLostCollision = false;
        }
        State before = state;
        state = primary.state();
        negotiated = primary.state() == State.ESTABLISHED ? primary.fsm().negotiated().orElse(null) : null;
        sentOpen = negotiated == null ? null : primary.fsm().localOpen();
        receivedOpen = negotiated == null ? null : primary.fsm().peerOpen().orElse(null);
        if (before != state) listener.onStateChange(before, state);
    }

    /**
     * RFC 4271 6.8: once one connection has the peer's OPEN (so its BGP identifier is known)
     * and the other is past Connect/Active, one of them must go.
     */
    private void resolveCollision() {
        for (Connection c : new Connection[] {primary, candidate}) {
            Connection other = c == primary ? candidate : primary;
            if (c.state() != State.OPEN_CONFIRM) continue;
            State o = other.state();
            if (o != State.OPEN_SENT && o != State.OPEN_CONFIRM && o != State.ESTABLISHED) continue;
            Connection loser;
            if (o == State.ESTABLISHED) {
                loser = c;
            } else if (c.inbound == other.inbound) {
                loser = candidate;
            } else {
                int peerId = c.fsm().negotiated().orElseThrow().peerRouterId();
                Collision.Survivor s = Collision.resolve(settings.session().routerId(), peerId);
                loser = (s == Collision.Survivor.INBOUND) == c.inbound ? other : c;
            }
            if (loser == primary) primaryLostCollision = true;
            loser.handle(new Event.OpenCollisionDump());
            return;
        }
    }

    /** Stops everything at once (the transport is closing). */
    void dispose() {
        onLoop(() -> {
            primary.dispose();
            if (candidate != null) candidate.dispose();
        });
    }

    private void onLoop(Runnable r) {
        if (loop.inEventLoop()) r.run();
        else loop.execute(r);
    }
}
