package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Prefix;

import java.lang.management.ManagementFactory;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Memory and speed of a full table through Adj-RIB-In and Loc-RIB (not a test: prints).
 * 1.05M IPv4 prefixes (mostly /24) from one eBGP peer, about 260k distinct attribute sets
 * (AS paths of 2-8 ASNs, 0-5 communities), fed in batches of decoded-UPDATE shape.
 *
 * <pre>
 * mvn -q -o test-compile && java -Xmx1g -cp target/classes:target/test-classes io.bgplet.rib.RibFootprint
 * </pre>
 */
public final class RibFootprint {
    static final int PREFIXES = 1_050_000;
    static final int SETS = 260_000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("tables")) {
            tables();
            return;
        }
        if (args.length > 0 && args[0].equals("sets")) {
            sets();
            return;
        }
        long base = usedAfterGc();
        AttributeInterner interner = new AttributeInterner();
        Source peer = Source.peer(1, 65000, 65001, InetAddress.getByName("192.0.2.1"), 0xC6336401L);
        AdjRibIn in = new AdjRibIn(peer, interner); // counted, as the speaker wires it
        LocRib loc = new LocRib(DecisionOptions.DEFAULT, interner);
        Inet4Address nh = (Inet4Address) InetAddress.getByName("192.0.2.1");

        if (args.length > 0 && args[0].equals("export")) {
            streamExport = new Export(interner);
            streamPeer = new ExportPeer(Source.peer(3, 65000, 65003, InetAddress.getByName("192.0.2.3"), 3), 65000,
                    InetAddress.getByName("192.0.2.254"), null, null);
            streamOut = new AdjRibOut(interner);
            streamRib = loc;
            System.out.println("(each batch also exported to one eBGP peer)");
        }
        long gc0 = gcMillis();
        long cpu0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        int changed = 0;
        int i = 0;
        while (i < PREFIXES) {
            // One "UPDATE": a freshly decoded attribute list and up to 4 prefixes sharing it.
            int set = (int) ((i / 4) * 2654435761L % SETS);
            List<Attribute> decoded = decodedAttributes(set, nh);
            PathAttributes attrs = interner.intern(PathAttributes.of(decoded, Family.IPV4_UNICAST));
            Path path = new Path(peer, attrs); // one per UPDATE: its prefixes share it
            for (int k = 0; k < 4 && i < PREFIXES; k++, i++) {
                Prefix p = prefixAt(i);
                in.put(p, attrs);
                loc.update(p, path);
            }
            if ((i & 4095) == 0) {
                changed += exportBatch(loc.commit());
                interner.sweep();
            }
        }
        changed += exportBatch(loc.commit());
        long t1 = System.nanoTime();
        long cpu1 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long gc1 = gcMillis();

        long used = usedAfterGc() - base;
        System.out.printf("routes %d, distinct sets %d, best changes %d%n", in.size(), interner.size(), changed);
        if (streamOut != null) System.out.printf("streamed export: %d prefixes sent in %d groups%n", streamOut.size(Family.IPV4_UNICAST), streamGroups);
        System.out.printf("insert + best path: %.2f s, %.0f routes/s%n", (t1 - t0) / 1e9, PREFIXES / ((t1 - t0) / 1e9));
        System.out.printf("  (this thread's CPU %.2f s, GC %.2f s: wall time includes other load on the machine)%n",
                (cpu1 - cpu0) / 1e9, (gc1 - gc0) / 1e3);
        System.out.printf("heap used after GC: %.1f MB (%.0f B/route)%n", used / 1e6, (double) used / PREFIXES);
        if (loc.size(Family.IPV4_UNICAST) != PREFIXES) throw new AssertionError("lost routes");

        // Export the whole table to a second (eBGP) peer, accept-all policy.
        Source downstream = Source.peer(2, 65000, 65002, InetAddress.getByName("192.0.2.2"), 0xC6336402L);
        ExportPeer to = new ExportPeer(downstream, 65000, InetAddress.getByName("192.0.2.254"), null, null);
        AdjRibOut out = new AdjRibOut(interner);
        long before = usedAfterGc();
        long c0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        ExportResult r = new Export(interner).runAll(Family.IPV4_UNICAST, to, loc, out, RouteFilter.ACCEPT_ALL);
        long c1 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        int groups = r.announcements().size();
        int announced = r.announcedCount();
        r = null;
        long outBytes = usedAfterGc() - before;
        System.out.printf("export to one eBGP peer: %d prefixes in %d groups, CPU %.2f s; Adj-RIB-Out + exported sets %.1f MB%n",
                announced, groups, (c1 - c0) / 1e9, outBytes / 1e6);
        reach(in, loc, interner, out);
    }

    /** With "export" as argument, each batch is also exported to a downstream eBGP peer. */
    static Export streamExport;
    static ExportPeer streamPeer;
    static AdjRibOut streamOut;
    static LocRib streamRib;
    static long streamGroups;

    private static int exportBatch(List<BestChange> changes) {
        if (streamExport != null) {
            streamGroups += streamExport.run(Family.IPV4_UNICAST, streamPeer, streamRib, changes, streamOut, RouteFilter.ACCEPT_ALL)
                    .announcements().size();
        }
        return changes.size();
    }

    private static void reach(Object... keep) {
        if (keep.length == 0) System.out.println();
    }

    static Prefix prefixAt(int i) {
        // Distinct /24s spread over the whole space like a real table (multiplying by an odd
        // number permutes the 24-bit /24 index space).
        int index = (int) ((i * 4093L) & 0xFFFFFF);
        return new Ipv4Prefix(index << 8, 24);
    }

    static List<Attribute> decodedAttributes(int set, Inet4Address nh) {
        int pathLen = 2 + set % 7;
        long[] asns = new long[pathLen];
        asns[0] = 65001;
        for (int j = 1; j < pathLen; j++) asns[j] = 64512L + ((set * 31L + j * 7919L) % 70_000);
        int nComm = set % 6;
        int[] comm = new int[nComm];
        for (int j = 0; j < nComm; j++) comm[j] = (65001 << 16) | ((set / 7 + j) & 0xFFFF);
        List<Attribute> out = new ArrayList<>();
        out.add(new Attribute.Origin(set % 3 == 0 ? 2 : 0));
        out.add(new Attribute.AsPath(List.of(new io.bgplet.wire.AsPathSegment(io.bgplet.wire.AsPathSegment.AS_SEQUENCE, asns))));
        out.add(new Attribute.NextHop(nh));
        if (set % 4 == 0) out.add(new Attribute.Med(set % 100));
        if (nComm > 0) out.add(new Attribute.Communities(comm));
        return out;
    }

    /** Bytes per distinct interned set: the set, its parts and its interner entry. */
    static void sets() throws Exception {
        Inet4Address nh = (Inet4Address) InetAddress.getByName("192.0.2.1");
        long base = usedAfterGc();
        AttributeInterner interner = new AttributeInterner();
        PathAttributes[] held = new PathAttributes[SETS];
        for (int s = 0; s < SETS; s++) held[s] = interner.retain(interner.intern(PathAttributes.of(decodedAttributes(s, nh), Family.IPV4_UNICAST)));
        long used = usedAfterGc() - base - (16 + 4L * SETS);
        System.out.printf("%d sets: %.0f B per set (interned, with AS path, communities and interner entry)%n",
                interner.size(), (double) used / interner.size());
        if (held[SETS - 1] == null) throw new AssertionError();
    }

    /** LongTable against HashMap<Long, Object> for a full table of keys. */
    static void tables() {
        Object v = new Object();
        long base = usedAfterGc();
        LongTable<Object> t = new LongTable<>();
        for (int i = 0; i < PREFIXES; i++) t.put(((Ipv4Prefix) prefixAt(i)).key(), v);
        long lt = usedAfterGc() - base;
        Map<Long, Object> m = new HashMap<>();
        for (int i = 0; i < PREFIXES; i++) m.put(((Ipv4Prefix) prefixAt(i)).key(), v);
        long hm = usedAfterGc() - base - lt;
        System.out.printf("LongTable %.1f B/entry, HashMap<Long,Object> %.1f B/entry (%d, %d)%n",
                (double) lt / PREFIXES, (double) hm / PREFIXES, t.size(), m.size());
    }

    static long gcMillis() {
        long sum = 0;
        for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) sum += Math.max(0, gc.getCollectionTime());
        return sum;
    }

    static long usedAfterGc() {
        for (int k = 0; k < 4; k++) {
            System.gc();
            try { Thread.sleep(50); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
