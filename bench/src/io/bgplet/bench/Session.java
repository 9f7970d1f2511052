package io.bgplet.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * One blocking BGP session of the generator or the sink: OPEN/KEEPALIVE exchange done by
 * hand, whole-message writes under a lock (so a KEEPALIVE never lands inside an UPDATE), and
 * a helper that reads one whole message for the handshake.
 */
final class Session implements AutoCloseable {
    final Socket socket;
    final InputStream in;
    private final OutputStream out;
    private final Object writeLock = new Object();

    Session(Socket socket) throws IOException {
        this.socket = socket;
        socket.setTcpNoDelay(true);
        socket.setReceiveBufferSize(1 << 20);
        socket.setSendBufferSize(1 << 20);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Session connect(String local, String remote, int port) throws IOException {
        Socket s = new Socket();
        s.setReceiveBufferSize(1 << 20);
        s.setSendBufferSize(1 << 20);
        s.bind(new InetSocketAddress(InetAddress.getByName(local), 0));
        s.connect(new InetSocketAddress(InetAddress.getByName(remote), port), 30_000);
        return new Session(s);
    }

    /** Sends our OPEN, reads theirs (and a KEEPALIVE), answers with a KEEPALIVE: Established. */
    void handshake(byte[] open) throws IOException {
        write(open);
        byte[] m = readMessage();
        if (m[18] != Wire.OPEN) throw new IOException("expected OPEN, got type " + m[18] + describe(m));
        write(Wire.keepalive());
        m = readMessage();
        if (m[18] != Wire.KEEPALIVE) throw new IOException("expected KEEPALIVE, got type " + m[18] + describe(m));
    }

    private static String describe(byte[] m) {
        return m[18] == Wire.NOTIFICATION && m.length >= 21 ? " (NOTIFICATION " + m[19] + "/" + m[20] + ")" : "";
    }

    byte[] readMessage() throws IOException {
        byte[] h = in.readNBytes(Wire.HEADER);
        if (h.length < Wire.HEADER) throw new IOException("session closed");
        int len = (h[16] & 0xFF) << 8 | (h[17] & 0xFF);
        byte[] m = new byte[len];
        System.arraycopy(h, 0, m, 0, Wire.HEADER);
        if (in.readNBytes(m, Wire.HEADER, len - Wire.HEADER) != len - Wire.HEADER) throw new IOException("session closed");
        return m;
    }

    void write(byte[] wholeMessages) throws IOException {
        synchronized (writeLock) {
            out.write(wholeMessages);
        }
    }

    /** A daemon thread sending a KEEPALIVE every interval seconds until the socket closes. */
    void keepalives(int intervalSeconds) {
        Thread t = new Thread(() -> {
            byte[] k = Wire.keepalive();
            try {
                while (!socket.isClosed()) {
                    Thread.sleep(intervalSeconds * 1000L);
                    write(k);
                }
            } catch (IOException | InterruptedException e) {
                // session gone: nothing to keep alive
            }
        }, "keepalive");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing anyway
        }
    }
}
