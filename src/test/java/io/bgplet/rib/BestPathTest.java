package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.AsPathSegment;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decision rows in the manner of OpenBGPD's regress test: each row has paths differing in
 * one attribute, the expected winner and the deciding step, checked for every insertion order
 * and after withdrawing and re-adding each path.
 */
class BestPathTest {
    private static final Prefix DEST = prefix("198.18.0.0/24");

    record Row(String name, DecisionOptions options, Path winner, DecidingStep step, List<Path> others) {
        @Override public String toString() { return name; }
    }

    private static Path path(Source s, PathAttributes.Builder b) {
        return new Path(s, b.build());
    }

    private static Row row(String name, Path winner, DecidingStep step, Path... others) {
        return new Row(name, DecisionOptions.DEFAULT, winner, step, List.of(others));
    }

    static Stream<Row> rows() {
        Source e1 = peer(1, 65001), e2 = peer(2, 65001), e3 = peer(3, 65002);
        Source i4 = peer(4, LOCAL_AS), i5 = peer(5, LOCAL_AS);
        Source local = Source.local(0);
        return Stream.of(
                row("local origin beats a learned path with higher LOCAL_PREF",
                        path(local, PathAttributes.builder()), DecidingStep.LOCAL_ORIGIN,
                        path(i4, attrs().localPref(500))),
                row("higher LOCAL_PREF", path(i4, attrs(65001).localPref(200)), DecidingStep.LOCAL_PREF,
                        path(e1, attrs(65001))),
                row("missing LOCAL_PREF counts as 100", path(e1, attrs(65001)), DecidingStep.LOCAL_PREF,
                        path(i4, attrs(65001).localPref(99))),
                row("shorter AS_PATH", path(e1, attrs(65001)), DecidingStep.AS_PATH_LENGTH,
                        path(e3, attrs(65002, 65003))),
                row("an AS_SET counts as one", path(e3, PathAttributes.builder().nextHop(ip("203.0.113.1"))
                                .asPath(new Attribute.AsPath(List.of(new AsPathSegment(AsPathSegment.AS_SEQUENCE, new long[] {65002}),
                                        new AsPathSegment(AsPathSegment.AS_SET, new long[] {65010, 65011, 65012}))))),
                        DecidingStep.AS_PATH_LENGTH, path(e1, attrs(65001, 65020, 65021))),
                row("lower ORIGIN", path(e3, attrs(65002).origin(Attribute.Origin.IGP)), DecidingStep.ORIGIN,
                        path(e1, attrs(65001).origin(Attribute.Origin.INCOMPLETE))),
                row("EGP beats INCOMPLETE", path(e3, attrs(65002).origin(Attribute.Origin.EGP)), DecidingStep.ORIGIN,
                        path(e1, attrs(65001).origin(Attribute.Origin.INCOMPLETE))),
                row("lower MED from the same neighbour AS", path(e2, attrs(65001).med(10)), DecidingStep.MED,
                        path(e1, attrs(65001).med(20))),
                row("missing MED counts as 0", path(e2, attrs(65001)), DecidingStep.MED,
                        path(e1, attrs(65001).med(5))),
                row("MED ignored across neighbour ASes: router id decides", path(e1, attrs(65001).med(50)),
                        DecidingStep.ROUTER_ID, path(e3, attrs(65002).med(10))),
                new Row("always-compare-med compares across ASes", new DecisionOptions(true, 1, false),
                        path(e3, attrs(65002).med(10)), DecidingStep.MED, List.of(path(e1, attrs(65001).med(50)))),
                row("eBGP over iBGP", path(e3, attrs(65001)), DecidingStep.EBGP_OVER_IBGP,
                        path(i4, attrs(65001))),
                row("lower router id", path(e1, attrs(65001)), DecidingStep.ROUTER_ID, path(e2, attrs(65001))),
                row("ORIGINATOR_ID stands in for the router id", path(i5, attrs(65001).originatorId(rid("198.51.100.2"))),
                        DecidingStep.ROUTER_ID, path(i4, attrs(65001))),
                row("shorter CLUSTER_LIST", path(i5, attrs(65001).originatorId(7).clusterList(new int[] {1})),
                        DecidingStep.CLUSTER_LIST_LENGTH,
                        path(i4, attrs(65001).originatorId(7).clusterList(new int[] {1, 2}))),
                row("lower peer address", path(peer(7, 65001, "192.0.2.7", "198.51.100.9"), attrs(65001)),
                        DecidingStep.PEER_ADDRESS, path(peer(8, 65001, "192.0.2.200", "198.51.100.9"), attrs(65001))),
                row("IPv4 peer address before IPv6", path(peer(8, 65001, "192.0.2.200", "198.51.100.9"), attrs(65001)),
                        DecidingStep.PEER_ADDRESS, path(peer(9, 65001, "2001:db8::1", "198.51.100.9"), attrs(65001))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decidesInEveryOrder(Row row) {
        List<Path> all = new ArrayList<>();
        all.add(row.winner());
        all.addAll(row.others());
        for (List<Path> order : permutations(all)) {
            LocRib rib = new LocRib(row.options());
            for (Path p : order) rib.update(DEST, p);
            rib.commit();
            Selection s = rib.selection(DEST);
            assertThat(s.best()).as("order %s", order).isEqualTo(row.winner());
            assertThat(s.step()).as("order %s", order).isEqualTo(row.step());
            // Withdrawing and re-adding any one path lands on the same decision.
            for (Path p : order) {
                rib.withdraw(DEST, p.source());
                rib.update(DEST, p);
                rib.commit();
                assertThat(rib.selection(DEST).best()).isEqualTo(row.winner());
                assertThat(rib.selection(DEST).step()).isEqualTo(row.step());
            }
        }
    }

    @Test
    void medIsNotTransitiveYetTheOutcomeIgnoresOrder() {
        // A and C share neighbour AS 65001, B is from 65002. MED removes C (A's is lower);
        // the router id then picks B over A, although C has the lowest router id of all.
        Path a = new Path(peer(1, 65001, "192.0.2.1", "198.51.100.30"), attrs(65001).med(100).build());
        Path b = new Path(peer(2, 65002, "192.0.2.2", "198.51.100.20"), attrs(65002).med(150).build());
        Path c = new Path(peer(3, 65001, "192.0.2.3", "198.51.100.10"), attrs(65001).med(200).build());
        for (List<Path> order : permutations(List.of(a, b, c))) {
            LocRib rib = new LocRib(DecisionOptions.DEFAULT);
            for (Path p : order) rib.update(DEST, p);
            rib.commit();
            assertThat(rib.selection(DEST).best()).as("order %s", order).isEqualTo(b);
            assertThat(rib.selection(DEST).step()).isEqualTo(DecidingStep.ROUTER_ID);
        }
    }

    @Test
    void onePathIsTheOnlyPath() {
        LocRib rib = new LocRib(DecisionOptions.DEFAULT);
        Path p = new Path(peer(1, 65001), attrs(65001).build());
        rib.update(DEST, p);
        rib.commit();
        assertThat(rib.selection(DEST)).isEqualTo(new Selection(p, DecidingStep.ONLY_PATH, List.of(p)));
    }

    static <T> List<List<T>> permutations(List<T> items) {
        if (items.size() <= 1) return List.of(items);
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(i);
            for (List<T> tail : permutations(rest)) {
                List<T> p = new ArrayList<>();
                p.add(head);
                p.addAll(tail);
                out.add(p);
            }
        }
        return out;
    }
}
