package io.bgplet.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The blaster: builds and encodes the whole table before any clock starts, opens one BGP
 * session per local address to the DUT, and on "GO" (stdin) writes the pre-encoded UPDATEs
 * as fast as the sockets take them, one thread per session. Prints "START nanos" and
 * "SENT nanos" (System.nanoTime, CLOCK_MONOTONIC, comparable across processes on the host).
 * On "CHURN" it sends the churn events on the first session. Peer p announces the p-th slice
 * of the table, with itself as next hop.
 */
public final class Generator {
    public static void main(String[] argv) throws Exception {
        Args a = new Args(argv);
        String remote = a.need("remote");
        String[] locals = a.need("locals").split(",");
        String[] locals6 = a.get("locals6", "").isEmpty() ? new String[0] : a.get("locals6", "").split(",");
        long as = Long.parseLong(a.get("as", "64501"));
        int n = a.integer("prefixes", 50_000);
        int n6 = a.integer("prefixes6", 0);
        int churn = a.integer("churn", 0);
        int hold = a.integer("hold", 240);
        long built = System.nanoTime();
        Table table = new Table(n, n6, as, a.integer("seed", 20261125), locals.length);
        int peers = locals.length;
        List<List<byte[]>> streams = new ArrayList<>();
        long bytes = 0;
        for (int p = 0; p < peers; p++) {
            byte[] nh6 = n6 > 0 ? InetAddress.getByName(locals6[p]).getAddress() : null;
            List<byte[]> s = table.announce((int) ((long) n * p / peers), (int) ((long) n * (p + 1) / peers),
                    (int) ((long) n6 * p / peers), (int) ((long) n6 * (p + 1) / peers), Wire.ipv4(locals[p]), nh6);
            for (byte[] c : s) bytes += c.length;
            streams.add(s);
        }
        List<byte[]> churnStream = List.of();
        if (churn > 0) {
            int first = n / peers;
            if (churn > first) throw new IllegalArgumentException("churn larger than the first peer's slice");
            int[] idx = new int[first];
            for (int i = 0; i < first; i++) idx[i] = i;
            SplittableRandom r = new SplittableRandom(7);
            for (int i = 0; i < churn; i++) {
                int j = r.nextInt(i, first);
                int t = idx[i];
                idx[i] = idx[j];
                idx[j] = t;
            }
            churnStream = table.churn(java.util.Arrays.copyOf(idx, churn), Wire.ipv4(locals[0]));
        }
        say("BUILT " + (System.nanoTime() - built) / 1_000_000 + " ms, " + bytes + " bytes of UPDATEs for " + peers + " peer(s)");

        List<Session> sessions = new ArrayList<>();
        for (int p = 0; p < peers; p++) {
            Session s = connectWithRetry(locals[p], remote);
            s.handshake(Wire.open(as, hold, Wire.ipv4(locals[p]), n6 > 0));
            s.keepalives(Math.max(1, hold / 3));
            drain(s, p);
            sessions.add(s);
        }
        say("READY " + peers);

        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in));
        for (String line; (line = stdin.readLine()) != null; ) {
            switch (line.trim()) {
                case "GO" -> {
                    say("START " + System.nanoTime());
                    List<Thread> writers = new ArrayList<>();
                    for (int p = 0; p < peers; p++) {
                        Session s = sessions.get(p);
                        List<byte[]> stream = streams.get(p);
                        writers.add(Thread.ofPlatform().start(() -> send(s, stream)));
                    }
                    for (Thread t : writers) t.join();
                    say("SENT " + System.nanoTime());
                }
                case "CHURN" -> {
                    say("CHURNSTART " + System.nanoTime());
                    send(sessions.getFirst(), churnStream);
                    say("CHURNSENT " + System.nanoTime());
                }
                case "QUIT" -> {
                    sessions.forEach(Session::close);
                    System.exit(0);
                }
                default -> say("ERROR unknown command " + line);
            }
        }
        sessions.forEach(Session::close);
    }

    private static Session connectWithRetry(String local, String remote) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return Session.connect(local, remote, 179);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) throw e;
                Thread.sleep(200);
            }
        }
    }

    private static void send(Session s, List<byte[]> stream) {
        try {
            for (byte[] c : stream) s.write(c);
        } catch (IOException e) {
            say("ERROR send failed: " + e);
        }
    }

    /** Reads and discards what the DUT sends (it must never block on us); reports a NOTIFICATION. */
    private static void drain(Session s, int peer) {
        Thread t = new Thread(() -> {
            try {
                while (true) {
                    byte[] m = s.readMessage();
                    if (m[18] == Wire.NOTIFICATION) say("ERROR peer " + peer + " NOTIFICATION " + (m[19] & 0xFF) + "/" + (m[20] & 0xFF));
                }
            } catch (IOException e) {
                if (!s.socket.isClosed()) say("ERROR peer " + peer + " session closed: " + e.getMessage());
            }
        }, "drain-" + peer);
        t.setDaemon(true);
        t.start();
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
