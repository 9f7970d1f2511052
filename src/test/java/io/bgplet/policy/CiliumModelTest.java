package io.bgplet.policy;

import io.bgplet.rib.*;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cilium's model end to end through Loc-RIB and export: import accepts everything; each peer
 * receives only the local prefixes selected for it, with that selection's attachments. And
 * the transit variant, which passes learned routes on too.
 */
class CiliumModelTest {
    static final Family V4 = Family.IPV4_UNICAST;
    static final long LOCAL_AS = 65000;
    static final int COMM = (65000 << 16) | 100;

    final AttributeInterner interner = new AttributeInterner();
    final LocRib rib = new LocRib(DecisionOptions.DEFAULT);
    final Export export = new Export(interner);
    final Source local = Source.local(0);
    final Source upstream = Source.peer(1, LOCAL_AS, 65001, ip("192.0.2.1"), 1);
    final Source tor = Source.peer(2, LOCAL_AS, 65002, ip("192.0.2.2"), 2);
    final Prefix podCidr = Prefix.parse("198.18.5.0/24");
    final Prefix lbIp = Prefix.parse("203.0.113.10/32");
    final Prefix learned = Prefix.parse("198.51.100.0/24");

    static InetAddress ip(String s) {
        try { return InetAddress.getByName(s); } catch (Exception e) { throw new AssertionError(e); }
    }

    ExportPeer to(Source s) {
        return new ExportPeer(s, LOCAL_AS, ip("192.0.2.254"), null, null);
    }

    void load() {
        PathAttributes originated = interner.intern(PathAttributes.builder().origin(Attribute.Origin.IGP).build());
        rib.update(podCidr, new Path(local, originated));
        rib.update(lbIp, new Path(local, originated));
        // A route learned from the upstream, through its (accept-all) import policy.
        PathAttributes received = interner.intern(PathAttributes.builder()
                .asPath(Attribute.AsPath.sequence(65001)).nextHop(ip("192.0.2.1")).build());
        PathAttributes imported = PeerPolicy.NONE.importFilter(V4, interner).apply(learned, upstream, received);
        rib.update(learned, new Path(upstream, imported));
        rib.commit();
    }

    Map<Prefix, PathAttributes> sent(ExportResult r) {
        Map<Prefix, PathAttributes> out = new java.util.HashMap<>();
        for (ExportResult.Group g : r.announcements()) for (Prefix p : g.prefixes()) out.put(p, g.attributes());
        return out;
    }

    @Test
    void eachPeerGetsOnlyItsSelectedLocalPrefixesWithTheirAttachments() {
        load();
        Policy toTor = Advertisement.exportPolicy("tor", List.of(
                new Advertisement(podCidr, new int[] {COMM}, new int[] {65000, 7, 8}, 200),
                Advertisement.plain(lbIp)));
        Policy toUpstream = Advertisement.exportPolicy("upstream", List.of(Advertisement.plain(lbIp)));

        Map<Prefix, PathAttributes> torGot = sent(export.runAll(V4, to(tor), rib, new AdjRibOut(), toTor.filter(interner)));
        assertThat(torGot).containsOnlyKeys(podCidr, lbIp);
        assertThat(torGot.get(podCidr).hasCommunity(COMM)).isTrue();
        assertThat(torGot.get(podCidr).hasLargeCommunity(65000, 7, 8)).isTrue();
        assertThat(torGot.get(podCidr).hasLocalPref()).isFalse(); // eBGP: local preference ignored
        assertThat(torGot.get(podCidr).asPath()).isEqualTo(Attribute.AsPath.sequence(LOCAL_AS));
        assertThat(torGot.get(lbIp).communityCount()).isZero();

        Map<Prefix, PathAttributes> upGot = sent(export.runAll(V4, to(upstream), rib, new AdjRibOut(), toUpstream.filter(interner)));
        assertThat(upGot).containsOnlyKeys(lbIp);
    }

    @Test
    void localPreferenceReachesInternalPeers() {
        load();
        Source ibgp = Source.peer(3, LOCAL_AS, LOCAL_AS, ip("192.0.2.3"), 3);
        Policy p = Advertisement.exportPolicy("rr", List.of(new Advertisement(podCidr, new int[0], new int[0], 250)));
        Map<Prefix, PathAttributes> got = sent(export.runAll(V4, to(ibgp), rib, new AdjRibOut(), p.filter(interner)));
        assertThat(got).containsOnlyKeys(podCidr);
        assertThat(got.get(podCidr).localPref()).isEqualTo(250);
    }

    @Test
    void withdrawingAnAdvertisementFromTheSelectionWithdrawsItFromThePeer() {
        load();
        AdjRibOut out = new AdjRibOut();
        Policy both = Advertisement.exportPolicy("tor", List.of(Advertisement.plain(podCidr), Advertisement.plain(lbIp)));
        export.runAll(V4, to(tor), rib, out, both.filter(interner));
        Policy one = Advertisement.exportPolicy("tor", List.of(Advertisement.plain(podCidr)));
        ExportResult r = export.runAll(V4, to(tor), rib, out, one.filter(interner));
        assertThat(r.announcements()).isEmpty();
        assertThat(r.withdrawals()).containsExactly(lbIp);
    }

    @Test
    void transitAlsoPassesLearnedRoutesOn() {
        load();
        Policy transit = Advertisement.transitPolicy("tor", List.of(Advertisement.plain(podCidr)));
        Map<Prefix, PathAttributes> got = sent(export.runAll(V4, to(tor), rib, new AdjRibOut(), transit.filter(interner)));
        assertThat(got).containsOnlyKeys(podCidr, learned);
        assertThat(got.get(learned).asPath()).isEqualTo(Attribute.AsPath.sequence(LOCAL_AS, 65001));
        // Never back to where it came from.
        Map<Prefix, PathAttributes> back = sent(export.runAll(V4, to(upstream), rib, new AdjRibOut(), transit.filter(interner)));
        assertThat(back).containsOnlyKeys(podCidr);
    }

    @Test
    void advertisementsSharingAttachmentsShareAStatement() {
        List<Advertisement> ads = new ArrayList<>();
        for (int i = 0; i < 50; i++) ads.add(new Advertisement(Prefix.parse("203.0.113." + i + "/32"), new int[] {COMM}, new int[0], -1));
        ads.add(Advertisement.plain(podCidr));
        Policy p = Advertisement.exportPolicy("x", ads);
        assertThat(p.statements()).hasSize(2);
        assertThat(Advertisement.exportPolicy("x", ads.reversed())).isEqualTo(p);
    }
}
