package io.bgplet.policy;

import io.bgplet.policy.Action.*;
import io.bgplet.policy.Condition.*;
import io.bgplet.rib.AttributeInterner;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.wire.Attribute;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTest {
    static final int C1 = (65000 << 16) | 1, C2 = (65000 << 16) | 2;
    private final AttributeInterner interner = new AttributeInterner();
    private final Prefix p = Prefix.parse("198.18.0.0/24");
    private final Prefix v6 = Prefix.parse("2001:db8:1::/48");
    private final Source peer = Source.peer(1, 65000, 65001, ip("192.0.2.1"), 1);
    private final Source local = Source.local(0);
    private final PathAttributes base = interner.intern(PathAttributes.builder()
            .asPath(Attribute.AsPath.sequence(65001, 65002)).nextHop(ip("192.0.2.1")).communities(new int[] {C1}).build());

    static InetAddress ip(String s) {
        try { return InetAddress.getByName(s); } catch (Exception e) { throw new AssertionError(e); }
    }

    private static Statement when(List<Condition> c, Action... a) {
        return new Statement("s", c, List.of(a));
    }

    private PathAttributes run(Policy policy, Prefix prefix, Source s) {
        return policy.apply(prefix, s, base, interner);
    }

    @Test
    void eachConditionSelects() {
        record Row(Condition condition, Prefix prefix, Source source, boolean expected) {}
        List<Row> rows = List.of(
                new Row(new PrefixIn(PrefixSet.of(p)), p, peer, true),
                new Row(new PrefixIn(PrefixSet.of(p)), v6, peer, false),
                new Row(new LocallyOriginated(), p, local, true),
                new Row(new LocallyOriginated(), p, peer, false),
                new Row(new CommunityPresent(C1), p, peer, true),
                new Row(new CommunityPresent(C2), p, peer, false),
                new Row(new AsPathContains(65002), p, peer, true),
                new Row(new AsPathContains(65003), p, peer, false),
                new Row(new FamilyIs(Family.IPV6_UNICAST), v6, peer, true),
                new Row(new FamilyIs(Family.IPV6_UNICAST), p, peer, false),
                new Row(new Not(new FamilyIs(Family.IPV6_UNICAST)), p, peer, true),
                new Row(new LargeCommunityPresent(65000, 1, 2), p, peer, false));
        for (Row r : rows) {
            Policy policy = new Policy("t", List.of(when(List.of(r.condition()), new Accept())), Policy.Disposition.REJECT);
            assertThat(run(policy, r.prefix(), r.source()) != null).as("%s", r).isEqualTo(r.expected());
        }
    }

    @Test
    void actionsChangeTheRouteAndTheResultIsInterned() {
        Policy policy = new Policy("t", List.of(when(List.of(),
                new AddCommunities(new int[] {C1, C2}), new AddLargeCommunities(new int[] {65000, 1, 2}),
                new SetLocalPref(300), new SetMed(40), new Prepend(65000, 2), new Accept())), Policy.Disposition.REJECT);
        PathAttributes out = run(policy, p, peer);
        assertThat(out.communities()).containsExactly(C1, C2); // C1 not added twice
        assertThat(out.hasLargeCommunity(65000, 1, 2)).isTrue();
        assertThat(out.localPref()).isEqualTo(300);
        assertThat(out.med()).isEqualTo(40);
        assertThat(out.asPath()).isEqualTo(Attribute.AsPath.sequence(65000, 65000, 65001, 65002));
        assertThat(run(policy, p, peer)).isSameAs(out);
        assertThat(interner.isCanonical(out)).isTrue();

        Policy replace = new Policy("t", List.of(when(List.of(), new SetCommunities(new int[] {C2}),
                new SetLargeCommunities(new int[0]))), Policy.Disposition.ACCEPT);
        assertThat(run(replace, p, peer).communities()).containsExactly(C2);
    }

    @Test
    void statementsRunInOrderOnTheChangedRouteUntilAcceptOrReject() {
        // s1 tags C2 and continues; s2 sees C2 and sets MED then accepts; s3 would reject.
        Policy policy = new Policy("t", List.of(
                when(List.of(), new AddCommunities(new int[] {C2})),
                when(List.of(new CommunityPresent(C2)), new SetMed(7), new Accept()),
                when(List.of(), new Reject())), Policy.Disposition.REJECT);
        PathAttributes out = run(policy, p, peer);
        assertThat(out.med()).isEqualTo(7);
        assertThat(out.hasCommunity(C2)).isTrue();

        Policy rejectFirst = new Policy("t", List.of(when(List.of(), new Reject()), when(List.of(), new Accept())), Policy.Disposition.ACCEPT);
        assertThat(run(rejectFirst, p, peer)).isNull();
    }

    @Test
    void defaultDispositionKeepsChangesOnAccept() {
        Policy acceptDefault = new Policy("t", List.of(when(List.of(), new SetMed(9))), Policy.Disposition.ACCEPT);
        assertThat(run(acceptDefault, p, peer).med()).isEqualTo(9);
        Policy rejectDefault = new Policy("t", List.of(when(List.of(), new SetMed(9))), Policy.Disposition.REJECT);
        assertThat(run(rejectDefault, p, peer)).isNull();
        assertThat(run(Policy.ACCEPT_ALL, p, peer)).isSameAs(base);
        assertThat(run(Policy.REJECT_ALL, p, peer)).isNull();
    }

    @Test
    void anUnchangedRouteComesBackAsTheSameInstance() {
        Policy noop = new Policy("t", List.of(when(List.of(), new AddCommunities(new int[] {C1}), new Accept())), Policy.Disposition.REJECT);
        assertThat(run(noop, p, peer)).isSameAs(base);
    }

    @Test
    void peerPolicyDefaultsAcceptImportAndExportNothing() {
        PeerPolicy none = PeerPolicy.NONE;
        assertThat(none.importFilter(Family.IPV4_UNICAST, interner).apply(p, peer, base)).isSameAs(base);
        assertThat(none.exportFilter(Family.IPV4_UNICAST, interner).apply(p, peer, base)).isNull();
        PeerPolicy v6Only = new PeerPolicy(Map.of(Family.IPV4_UNICAST, Policy.REJECT_ALL), Map.of(Family.IPV6_UNICAST, Policy.ACCEPT_ALL));
        assertThat(v6Only.importFilter(Family.IPV4_UNICAST, interner).apply(p, peer, base)).isNull();
        assertThat(v6Only.exportFilter(Family.IPV6_UNICAST, interner).apply(v6, peer, base)).isSameAs(base);
    }
}
