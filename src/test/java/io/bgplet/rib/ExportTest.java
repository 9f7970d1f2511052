package io.bgplet.rib;

import io.bgplet.wire.Attribute;
import io.bgplet.wire.Attribute.Communities;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.bgplet.rib.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class ExportTest {
    private static final Family V4 = Family.IPV4_UNICAST;
    private final AttributeInterner interner = new AttributeInterner();
    private final Export export = new Export(interner);
    private final LocRib rib = new LocRib(DecisionOptions.DEFAULT);
    private final Source e1 = peer(1, 65001), e3 = peer(3, 65002), i4 = peer(4, LOCAL_AS), i5 = peer(5, LOCAL_AS);
    private final Source local = Source.local(0);
    private final Prefix p1 = prefix("198.18.0.0/24"), p2 = prefix("198.18.1.0/24"), p3 = prefix("198.18.2.0/24");

    private ExportPeer to(Source s) {
        return new ExportPeer(s, LOCAL_AS, ip("192.0.2.254"), ip("2001:db8::fe"), null);
    }

    private PathAttributes sentTo(Source s, Prefix p, RouteFilter policy) {
        AdjRibOut out = new AdjRibOut();
        ExportResult r = export.run(V4, to(s), rib, List.of(p), out, policy);
        assertThat(r.withdrawals()).isEmpty();
        if (r.announcements().isEmpty()) return null;
        assertThat(interner.isCanonical(out.get(p))).isTrue();
        return r.announcements().getFirst().attributes();
    }

    private void learn(Prefix p, Source s, PathAttributes.Builder b) {
        rib.update(p, new Path(s, interner.intern(b.build())));
        rib.commit();
    }

    private static final Attribute.Unknown OPT_TRANSITIVE = new Attribute.Unknown(0xC0, 99, new byte[] {1});
    private static final Attribute.Unknown OPT_NON_TRANSITIVE = new Attribute.Unknown(0x80, 98, new byte[] {2});

    @Test
    void toAnExternalPeerPrependNextHopSelfAndStrip() {
        learn(p1, e1, attrs(65001).med(50).localPref(200).originatorId(9).clusterList(new int[] {1})
                .addOther(OPT_TRANSITIVE).addOther(OPT_NON_TRANSITIVE));
        PathAttributes out = sentTo(e3, p1, RouteFilter.ACCEPT_ALL);
        assertThat(out.asPath()).isEqualTo(Attribute.AsPath.sequence(65000, 65001));
        assertThat(out.nextHop()).isEqualTo(ip("192.0.2.254"));
        assertThat(out.hasMed()).isFalse();
        assertThat(out.hasLocalPref()).isFalse();
        assertThat(out.hasOriginatorId()).isFalse();
        assertThat(out.clusterListLength()).isZero();
        assertThat(out.others()).containsExactly(OPT_TRANSITIVE);
    }

    @Test
    void toAnInternalPeerKeepNextHopAndMedAddLocalPref() {
        learn(p1, e1, attrs(65001).med(50).addOther(OPT_NON_TRANSITIVE));
        PathAttributes out = sentTo(i4, p1, RouteFilter.ACCEPT_ALL);
        assertThat(out.asPath()).isEqualTo(Attribute.AsPath.sequence(65001));
        assertThat(out.nextHop()).isEqualTo(ip("203.0.113.1"));
        assertThat(out.med()).isEqualTo(50);
        assertThat(out.localPref()).isEqualTo(100);
        assertThat(out.hasLocalPref()).isTrue();
        assertThat(out.others()).isEmpty();
    }

    @Test
    void localRoutesKeepTheirMedAndTakeOurNextHop() {
        learn(p1, local, PathAttributes.builder().med(7).localPref(300));
        PathAttributes ebgp = sentTo(e3, p1, RouteFilter.ACCEPT_ALL);
        assertThat(ebgp.asPath()).isEqualTo(Attribute.AsPath.sequence(65000));
        assertThat(ebgp.med()).isEqualTo(7);
        assertThat(ebgp.hasLocalPref()).isFalse(); // LOCAL_PREF never leaves the AS
        assertThat(ebgp.nextHop()).isEqualTo(ip("192.0.2.254"));
        PathAttributes ibgp = sentTo(i4, p1, RouteFilter.ACCEPT_ALL);
        assertThat(ibgp.asPath().segments()).isEmpty();
        assertThat(ibgp.localPref()).isEqualTo(300);
        assertThat(ibgp.nextHop()).isEqualTo(ip("192.0.2.254"));
    }

    @Test
    void aMedSetByExportPolicyLeavesTheAs() {
        learn(p1, e1, attrs(65001).med(50));
        RouteFilter setMed = (prefix, source, a) -> interner.intern(a.toBuilder().med(20).build());
        assertThat(sentTo(e3, p1, setMed).med()).isEqualTo(20);
    }

    @Test
    void splitHorizonAndIbgpToIbgp() {
        learn(p1, e1, attrs(65001));
        learn(p2, i4, attrs(65001));
        assertThat(sentTo(e1, p1, RouteFilter.ACCEPT_ALL)).isNull();  // back to its source
        assertThat(sentTo(i5, p2, RouteFilter.ACCEPT_ALL)).isNull();  // RFC 4271 9.2
        assertThat(sentTo(e3, p2, RouteFilter.ACCEPT_ALL)).isNotNull();
        assertThat(sentTo(i5, p1, RouteFilter.ACCEPT_ALL)).isNotNull();
    }

    @Test
    void wellKnownCommunities() {
        learn(p1, e1, attrs(65001).communities(new int[] {Communities.NO_EXPORT}));
        learn(p2, e1, attrs(65001).communities(new int[] {Communities.NO_ADVERTISE}));
        learn(p3, e1, attrs(65001).communities(new int[] {Communities.NO_EXPORT_SUBCONFED}));
        assertThat(sentTo(e3, p1, RouteFilter.ACCEPT_ALL)).isNull();
        assertThat(sentTo(i4, p1, RouteFilter.ACCEPT_ALL)).isNotNull();
        assertThat(sentTo(e3, p2, RouteFilter.ACCEPT_ALL)).isNull();
        assertThat(sentTo(i4, p2, RouteFilter.ACCEPT_ALL)).isNull();
        assertThat(sentTo(e3, p3, RouteFilter.ACCEPT_ALL)).isNull();
    }

    @Test
    void groupsByAttributesAndSendsOnlyTheDifference() {
        PathAttributes a = interner.intern(attrs(65001).build());
        PathAttributes b = interner.intern(attrs(65001, 65010).build());
        Prefix p4 = prefix("198.18.3.0/24");
        rib.update(p1, new Path(e1, a));
        rib.update(p2, new Path(e1, b));
        rib.update(p3, new Path(e1, a));
        rib.update(p4, new Path(e1, b));
        List<BestChange> changes = rib.commit();
        AdjRibOut out = new AdjRibOut();
        ExportPeer peer = to(e3);

        ExportResult first = export.run(V4, peer, rib, changes, out, RouteFilter.ACCEPT_ALL);
        assertThat(first.announcements()).hasSize(2);
        assertThat(first.announcements().get(0).prefixes()).containsExactly(p1, p3);
        assertThat(first.announcements().get(1).prefixes()).containsExactly(p2, p4);
        assertThat(first.announcements().get(1).attributes().asPath()).isEqualTo(Attribute.AsPath.sequence(65000, 65001, 65010));
        assertThat(out.size(V4)).isEqualTo(4);

        // Nothing changed: nothing to send.
        assertThat(export.runAll(V4, peer, rib, out, RouteFilter.ACCEPT_ALL).isEmpty()).isTrue();

        // One route changes attributes, one is withdrawn.
        rib.update(p1, new Path(e1, b));
        rib.withdraw(p4, e1);
        ExportResult second = export.run(V4, peer, rib, rib.commit(), out, RouteFilter.ACCEPT_ALL);
        assertThat(second.announcements()).singleElement().satisfies(g -> assertThat(g.prefixes()).containsExactly(p1));
        assertThat(second.withdrawals()).containsExactly(p4);
        assertThat(out.size(V4)).isEqualTo(3);

        // The export policy now rejects p2: a full walk withdraws it and nothing else.
        RouteFilter noP2 = (prefix, source, attrs) -> prefix.equals(p2) ? null : attrs;
        ExportResult third = export.runAll(V4, peer, rib, out, noP2);
        assertThat(third.announcements()).isEmpty();
        assertThat(third.withdrawals()).containsExactly(p2);

        // ROUTE-REFRESH: everything still in the Adj-RIB-Out, grouped.
        ExportResult refresh = Export.resend(V4, out);
        assertThat(refresh.announcedCount()).isEqualTo(2);
        assertThat(refresh.announcements()).hasSize(2);
        for (ExportResult.Group g : refresh.announcements()) {
            for (Prefix p : g.prefixes()) assertThat(out.get(p)).isSameAs(g.attributes());
        }
    }

    @Test
    void ipv6NextHopSelfUsesTheV6AddressAndLinkLocal() {
        Prefix v6 = prefix("2001:db8:7::/48");
        rib.update(v6, new Path(e1, interner.intern(attrs(65001).nextHop(ip("2001:db8::1")).build())));
        rib.commit();
        AdjRibOut out = new AdjRibOut();
        ExportPeer peer = new ExportPeer(e3, LOCAL_AS, ip("192.0.2.254"), ip("2001:db8::fe"), ip("fe80::fe"));
        ExportResult r = export.runAll(Family.IPV6_UNICAST, peer, rib, out, RouteFilter.ACCEPT_ALL);
        PathAttributes a = r.announcements().getFirst().attributes();
        assertThat(a.nextHop()).isEqualTo(ip("2001:db8::fe"));
        assertThat(a.linkLocal()).isEqualTo(ip("fe80::fe"));
        assertThat(export.runAll(V4, peer, rib, new AdjRibOut(), RouteFilter.ACCEPT_ALL).isEmpty()).isTrue();
    }
}
