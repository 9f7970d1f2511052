package io.bgplet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The counting sink: accepts the DUT's session, parses every UPDATE (withdrawn routes,
 * NLRI, MP_REACH/MP_UNREACH for IPv6, COMMUNITIES only to spot the churn marker) and keeps
 * announced-minus-withdrawn per prefix in flat arrays. "EXPECT present marked" on stdin arms
 * it; the moment the table matches it prints "DONE nanos present marked". Every second it
 * prints "COUNT present marked updates". "TRACE" turns on one "EV A|W prefixKey nanos" line per
 * announce and withdrawal (nanos: when the read that carried it returned); "STATS" prints
 * "STATS present updates".
 */
public final class Sink {
    private final PrefixStates states;
    private long present, marked, updates;
    private long expectPresent = -1, expectMarked = -1;
    /** After "TRACE": every announce and withdrawal is printed as "EV A|W key nanos" (k8s scenario). */
    private boolean trace;
    /** When the bytes being parsed were read: the per-prefix arrival time while tracing. */
    private long readAt;

    private Sink(int expected) {
        states = new PrefixStates(expected);
    }

    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        int hold = a.integer("hold", 240);
        long as = Long.parseLong(a.get("as", "64502"));
        Sink sink = new Sink(a.integer("prefixes", 1_000_000));
        ServerSocket server = new ServerSocket();
        server.setReceiveBufferSize(1 << 20);
        server.bind(new InetSocketAddress(InetAddress.getByName(a.need("listen")), 179));
        Generator.say("LISTENING");
        Thread control = new Thread(() -> sink.control(), "control");
        control.setDaemon(true);
        control.start();
        // Usually one session (the DUT); without a DUT, one per generator peer.
        boolean first = true;
        while (true) {
            Socket c = server.accept();
            Session s;
            try {
                s = new Session(c);
                s.handshake(Wire.open(as, hold, Wire.ipv4(a.need("listen")), true));
            } catch (IOException e) {
                Generator.say("WARN handshake failed: " + e.getMessage());
                c.close();
                continue;
            }
            s.keepalives(Math.max(1, hold / 3));
            Generator.say("ESTABLISHED " + s.socket.getInetAddress().getHostAddress());
            if (first) {
                first = false;
                Thread reporter = new Thread(() -> {
                    while (true) {
                        try {
                            Thread.sleep(1000);
                        } catch (InterruptedException e) {
                            return;
                        }
                        Generator.say(sink.countLine());
                    }
                }, "reporter");
                reporter.setDaemon(true);
                reporter.start();
            }
            Thread reader = new Thread(() -> {
                try {
                    sink.read(s.in);
                } catch (IOException e) {
                    Generator.say("ERROR session closed: " + e.getMessage());
                    Generator.say(sink.countLine());
                }
            }, "reader");
            reader.start();
        }
    }

    private synchronized String countLine() {
        return "COUNT " + present + " " + marked + " " + updates;
    }

    private void control() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in))) {
            for (String line; (line = r.readLine()) != null; ) {
                String[] w = line.trim().split(" ");
                if (w[0].equals("EXPECT")) {
                    synchronized (this) {
                        expectPresent = Long.parseLong(w[1]);
                        expectMarked = Long.parseLong(w[2]);
                    }
                    check();
                } else if (w[0].equals("TRACE")) {
                    synchronized (this) {
                        trace = true;
                    }
                } else if (w[0].equals("STATS")) {
                    synchronized (this) {
                        Generator.say("STATS " + present + " " + updates);
                    }
                } else if (w[0].equals("QUIT")) {
                    System.exit(0);
                }
            }
        } catch (IOException e) {
            // stdin closed: the orchestrator is gone
        }
        System.exit(0);
    }

    private synchronized void check() {
        if (expectPresent >= 0 && present == expectPresent && marked == expectMarked) {
            Generator.say("DONE " + System.nanoTime() + " " + present + " " + marked);
            expectPresent = -1;
        }
    }

    private void read(InputStream in) throws IOException {
        byte[] b = new byte[4 << 20];
        int start = 0, end = 0;
        while (true) {
            int r = in.read(b, end, b.length - end);
            if (r < 0) throw new IOException("EOF");
            end += r;
            synchronized (this) { // several sessions only without a DUT; one lock per read, not per UPDATE
                readAt = System.nanoTime();
                while (end - start >= Wire.HEADER) {
                    int len = (b[start + 16] & 0xFF) << 8 | (b[start + 17] & 0xFF);
                    if (len < Wire.HEADER) throw new IOException("bad length " + len);
                    if (end - start < len) break;
                    byte type = b[start + 18];
                    if (type == Wire.UPDATE) update(b, start, len);
                    else if (type == Wire.NOTIFICATION) throw new IOException("NOTIFICATION " + (b[start + 19] & 0xFF) + "/" + (b[start + 20] & 0xFF));
                    start += len;
                }
                check();
            }
            System.arraycopy(b, start, b, 0, end - start);
            end -= start;
            start = 0;
        }
    }

    /** One UPDATE (RFC 4271 4.3), with MP_REACH/MP_UNREACH (RFC 4760) for IPv6. */
    private void update(byte[] b, int at, int len) {
        updates++;
        int end = at + len;
        int p = at + Wire.HEADER;
        int wl = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        p += 2;
        int wEnd = p + wl;
        while (p < wEnd) {
            int l = b[p] & 0xFF;
            withdraw(Wire.key4(addr4(b, p + 1, l), l));
            p += 1 + (l + 7) / 8;
        }
        int al = (b[p] & 0xFF) << 8 | (b[p + 1] & 0xFF);
        p += 2;
        int aEnd = p + al;
        boolean mark = false;
        int mpReach = -1, mpReachLen = 0;
        while (p < aEnd) {
            int flags = b[p] & 0xFF, type = b[p + 1] & 0xFF;
            int vl, v;
            if ((flags & 0x10) != 0) {
                vl = (b[p + 2] & 0xFF) << 8 | (b[p + 3] & 0xFF);
                v = p + 4;
            } else {
                vl = b[p + 2] & 0xFF;
                v = p + 3;
            }
            if (type == 8) {
                for (int c = v; c + 4 <= v + vl; c += 4) if (Wire.getInt(b, c) == Table.MARKER) mark = true;
            } else if (type == 14) {
                mpReach = v;
                mpReachLen = vl;
            } else if (type == 15 && b[v + 1] == 2) {
                for (int q = v + 3; q < v + vl; q += 1 + ((b[q] & 0xFF) + 7) / 8) withdraw(Wire.key6(high6(b, q + 1, b[q] & 0xFF), b[q] & 0xFF));
            }
            p = v + vl;
        }
        if (mpReach >= 0 && b[mpReach + 1] == 2) {
            int q = mpReach + 4 + (b[mpReach + 3] & 0xFF) + 1;
            for (; q < mpReach + mpReachLen; q += 1 + ((b[q] & 0xFF) + 7) / 8) announce(Wire.key6(high6(b, q + 1, b[q] & 0xFF), b[q] & 0xFF), mark);
        }
        while (p < end) {
            int l = b[p] & 0xFF;
            announce(Wire.key4(addr4(b, p + 1, l), l), mark);
            p += 1 + (l + 7) / 8;
        }
    }

    private void announce(long key, boolean mark) {
        if (trace) Generator.say("EV A " + key + " " + readAt);
        byte old = states.put(key, mark ? (byte) 3 : 1);
        if (old == 0) present++;
        if (old == 3) marked--;
        if (mark) marked++;
    }

    private void withdraw(long key) {
        if (trace) Generator.say("EV W " + key + " " + readAt);
        byte old = states.get(key);
        if (old == 0) return;
        states.put(key, (byte) 0);
        present--;
        if (old == 3) marked--;
    }

    private static int addr4(byte[] b, int p, int len) {
        int a = 0;
        for (int i = 0; i < (len + 7) / 8; i++) a |= (b[p + i] & 0xFF) << (24 - 8 * i);
        return a;
    }

    private static long high6(byte[] b, int p, int len) {
        long h = 0;
        for (int i = 0; i < Math.min(8, (len + 7) / 8); i++) h |= (b[p + i] & 0xFFL) << (56 - 8 * i);
        return h;
    }
}
