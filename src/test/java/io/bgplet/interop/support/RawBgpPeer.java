package io.bgplet.interop.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A BGP peer made of bytes, for sending what no daemon would: it opens a plain TCP session
 * from the JVM (so from the root namespace), exchanges OPEN and KEEPALIVE built here by
 * hand (RFC 4271 4.1-4.4, capabilities RFC 5492, RFC 4760, RFC 6793; deliberately not
 * bgplet's codec), keeps the session alive, then sends whatever bytes a test gives it and
 * records every message that comes back, so a test can see a NOTIFICATION's code/subcode or
 * that the session stayed up.
 */
public final class RawBgpPeer implements AutoCloseable {
    public static final int OPEN = 1;
    public static final int UPDATE = 2;
    public static final int NOTIFICATION = 3;
    public static final int KEEPALIVE = 4;

    /** A message received: type and body (after the 19-byte header). */
    public record Received(int type, byte[] body) {
        public int code() {
            return body.length > 0 ? body[0] & 0xFF : -1;
        }

        public int subcode() {
            return body.length > 1 ? body[1] & 0xFF : -1;
        }

        @Override
        public String toString() {
            return "type " + type + (type == NOTIFICATION ? " notification " + code() + "/" + subcode() : "")
                    + " body " + HexFormat.of().formatHex(body);
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService keepalives = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "raw-bgp-keepalive");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean eof;

    private RawBgpPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        Thread reader = new Thread(this::readLoop, "raw-bgp-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Connects from {@code localAddress} (null: any) to {@code remote:port}, sends
     * {@link #open}, and waits for the peer's OPEN and KEEPALIVE (Established).
     */
    public static RawBgpPeer connect(String localAddress, String remote, int port, byte[] open, Duration timeout) {
        try {
            Socket s = new Socket();
            if (localAddress != null) s.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            s.connect(new InetSocketAddress(InetAddress.getByName(remote), port), (int) timeout.toMillis());
            return handshake(s, open, timeout);
        } catch (IOException e) {
            throw new IllegalStateException("cannot connect to " + remote + ":" + port, e);
        }
    }

    /** Waits for one incoming connection on {@code address:port}, then does the same exchange. */
    public static RawBgpPeer accept(String address, int port, byte[] open, Duration timeout) {
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            server.setSoTimeout((int) timeout.toMillis());
            return handshake(server.accept(), open, timeout);
        } catch (IOException e) {
            throw new IllegalStateException("no BGP connection to " + address + ":" + port, e);
        }
    }

    private static RawBgpPeer handshake(Socket s, byte[] open, Duration timeout) throws IOException {
        s.setTcpNoDelay(true);
        RawBgpPeer peer = new RawBgpPeer(s);
        peer.send(open);
        try {
            Awaitility.await("OPEN from peer").atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> peer.has(OPEN) || peer.has(NOTIFICATION) || peer.eof);
            if (!peer.has(OPEN)) throw new IllegalStateException("no OPEN; got " + peer.received);
            peer.send(message(KEEPALIVE, new byte[0]));
            Awaitility.await("KEEPALIVE from peer").atMost(timeout).pollInterval(Duration.ofMillis(20))
                    .until(() -> peer.has(KEEPALIVE) || peer.has(NOTIFICATION) || peer.eof);
            if (!peer.has(KEEPALIVE)) throw new IllegalStateException("no KEEPALIVE after OPEN; got " + peer.received);
        } catch (RuntimeException e) {
            peer.close();
            throw e;
        }
        int hold = Math.max(3, peer.negotiatedHoldTime(open));
        peer.keepalives.scheduleAtFixedRate(() -> {
            try {
                peer.send(message(KEEPALIVE, new byte[0]));
            } catch (RuntimeException ignored) {
                // The session is gone; the test will see it.
            }
        }, hold / 3 * 1000L, hold / 3 * 1000L, TimeUnit.MILLISECONDS);
        return peer;
    }

    /**
     * An OPEN (RFC 4271 4.2) with capabilities: multiprotocol IPv4 unicast (and IPv6 unicast
     * if {@code ipv6}), route refresh, and 4-octet AS (RFC 6793: AS_TRANS 23456 in the
     * 2-octet field when the AS does not fit).
     */
    public static byte[] open(long as, int holdTime, String routerId, boolean ipv6) {
        ByteArrayOutputStream caps = new ByteArrayOutputStream();
        caps.writeBytes(new byte[] {1, 4, 0, 1, 0, 1});
        if (ipv6) caps.writeBytes(new byte[] {1, 4, 0, 2, 0, 1});
        caps.writeBytes(new byte[] {2, 0});
        caps.writeBytes(new byte[] {65, 4, (byte) (as >>> 24), (byte) (as >>> 16), (byte) (as >>> 8), (byte) as});
        byte[] c = caps.toByteArray();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int as2 = as > 0xFFFF ? 23456 : (int) as;
        body.write(4);
        body.write(as2 >>> 8);
        body.write(as2);
        body.write(holdTime >>> 8);
        body.write(holdTime);
        try {
            body.writeBytes(InetAddress.getByName(routerId).getAddress());
        } catch (IOException e) {
            throw new IllegalArgumentException(routerId, e);
        }
        body.write(c.length + 2);
        body.write(2);
        body.write(c.length);
        body.writeBytes(c);
        return message(OPEN, body.toByteArray());
    }

    /** Marker, length and type around {@code body} (RFC 4271 4.1). */
    public static byte[] message(int type, byte[] body) {
        byte[] m = new byte[19 + body.length];
        java.util.Arrays.fill(m, 0, 16, (byte) 0xFF);
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(body, 0, m, 19, body.length);
        return m;
    }

    /** Hex (spaces and newlines allowed) to bytes. */
    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("\\s", ""));
    }

    /** Writes raw bytes as they are. */
    public void send(byte[] bytes) {
        try {
            synchronized (out) {
                out.write(bytes);
                out.flush();
            }
        } catch (IOException e) {
            throw new IllegalStateException("send failed", e);
        }
    }

    public void sendHex(String hex) {
        send(hex(hex));
    }

    /** Every message received so far, in order (the peer's OPEN first). */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** The first NOTIFICATION received within {@code timeout}, or empty. */
    public Optional<Received> awaitNotification(Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> has(NOTIFICATION) || eof);
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
        return received.stream().filter(r -> r.type == NOTIFICATION).findFirst();
    }

    /** True until the peer closed the connection or sent a NOTIFICATION. */
    public boolean isUp() {
        return !eof && !has(NOTIFICATION) && !socket.isClosed();
    }

    /** Checks the session stays up for {@code period} (a peer that ignores or treats-as-withdraw). */
    public boolean staysUp(Duration period) {
        long end = System.nanoTime() + period.toNanos();
        while (System.nanoTime() < end) {
            if (!isUp()) return false;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return isUp();
            }
        }
        return isUp();
    }

    @Override
    public void close() {
        keepalives.shutdownNow();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private boolean has(int type) {
        return received.stream().anyMatch(r -> r.type == type);
    }

    private int negotiatedHoldTime(byte[] ourOpen) {
        int ours = ((ourOpen[22] & 0xFF) << 8) | (ourOpen[23] & 0xFF);
        Received theirs = received.stream().filter(r -> r.type == OPEN).findFirst().orElseThrow();
        int peer = ((theirs.body[3] & 0xFF) << 8) | (theirs.body[4] & 0xFF);
        return Math.min(ours, peer);
    }

    private void readLoop() {
        try {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] header = new byte[19];
            while (true) {
                in.readFully(header);
                int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
                if (length < 19) throw new IOException("bad length " + length);
                byte[] body = new byte[length - 19];
                in.readFully(body);
                received.add(new Received(header[18] & 0xFF, body));
            }
        } catch (IOException e) {
            eof = true;
        }
    }
}
