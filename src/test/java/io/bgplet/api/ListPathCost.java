package io.bgplet.api;

import apipb.Gobgp;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.AsPathSegment;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Ipv4Prefix;
import io.bgplet.wire.Prefix;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU per path of turning listed rows into ListPath responses and their bytes on the wire
 * (what {@link PathListing} does off the writer thread for every path), without gRPC or a
 * speaker (not a test: prints). A table shaped like the bench's: prefixes in sorted order,
 * each with one of N/4 attribute sets drawn at random, so neighbouring prefixes rarely share
 * a set.
 *
 * <pre>
 * mvn -q -o test-compile && java -cp target/classes:target/test-classes:$(cat target/cp.txt) io.bgplet.api.ListPathCost 200000
 * </pre>
 */
public final class ListPathCost {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Source peer = Source.peer(1, 64500, 64501, InetAddress.getByName("198.51.100.1"), 0xC6336401L);
        java.net.Inet4Address nh = (java.net.Inet4Address) InetAddress.getByName("198.51.100.1");
        PathAttributes[] sets = new PathAttributes[Math.max(1, n / 4)];
        java.util.Random rnd = new java.util.Random(20261125);
        for (int s = 0; s < sets.length; s++) sets[s] = PathAttributes.of(attributes(rnd, nh), Family.IPV4_UNICAST);
        List<PathMessages.Row> rows = new ArrayList<>(n);
        Instant age = Instant.parse("2026-11-25T00:00:00Z");
        for (int i = 0; i < n; i++) {
            Prefix p = new Ipv4Prefix((int) ((i * 4093L) & 0xFFFFFF) << 8, 24);
            rows.add(new PathMessages.Row(p, peer, sets[rnd.nextInt(sets.length)], true, false));
        }
        rows.sort((a, b) -> a.prefix().compareTo(b.prefix()));
        var bean = ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            long c0 = bean.getCurrentThreadCpuTime();
            long bytes = 0;
            PathMessages messages = new PathMessages((s, p) -> age);
            for (int from = 0; from < n; from += PathListing.CHUNK) {
                for (Gobgp.ListPathResponse m : messages.of(rows.subList(from, Math.min(n, from + PathListing.CHUNK)))) {
                    bytes += m.toByteArray().length;
                }
            }
            long c1 = bean.getCurrentThreadCpuTime();
            System.out.printf("round %d: %d paths, %.2f us CPU per path, %d bytes (%.0f per path)%n",
                    r, n, (c1 - c0) / 1e3 / n, bytes, (double) bytes / n);
        }
    }

    private static List<Attribute> attributes(java.util.Random rnd, java.net.Inet4Address nh) {
        int len = 2 + rnd.nextInt(7);
        long[] asns = new long[len];
        asns[0] = 64501;
        for (int j = 1; j < len; j++) asns[j] = 64512L + rnd.nextInt(70_000);
        List<Attribute> out = new ArrayList<>();
        out.add(new Attribute.Origin(rnd.nextInt(10) == 0 ? 2 : 0));
        out.add(new Attribute.AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, asns))));
        out.add(new Attribute.NextHop(nh));
        int communities = rnd.nextInt(10) < 7 ? 1 + rnd.nextInt(6) : 0;
        if (communities > 0) {
            int[] c = new int[communities];
            for (int j = 0; j < communities; j++) c[j] = (64501 << 16) | rnd.nextInt(65536);
            out.add(new Attribute.Communities(c));
        }
        return out;
    }
}
