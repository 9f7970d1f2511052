package io.bgplet.k8s;

import io.bgplet.config.Problem;
import io.bgplet.config.Result;
import io.bgplet.config.model.CiliumBGPNodeConfig;
import io.bgplet.config.model.Condition;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.wire.Family;
import org.junit.jupiter.api.Test;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConfigStatusTest {
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00.750Z");
    static final Instant T1 = Instant.parse("2025-03-01T10:05:00Z");

    static Result result(List<Problem> problems) throws Exception {
        InstanceConfig ic = new InstanceConfig("instance-65001", 65001, (Inet4Address) InetAddress.getByName("198.51.100.100"), null, 0, List.of());
        return new Result("k8s-ctr", "cilium-bgp", null, List.of(ic), problems);
    }

    static PeerSession up(String name, long configuredAs) {
        return new PeerSession(name, "198.51.100.200", configuredAs, 65000, "established", 9, 3, T0,
                Map.of(Family.IPV6_UNICAST, new PeerSession.Routes(0, 0), Family.IPV4_UNICAST, new PeerSession.Routes(5, 2)));
    }

    @Test
    void establishedPeerReportsTimersTimeAndCountsInFamilyOrder() throws Exception {
        CiliumBGPNodeConfig.Status s = NodeConfigStatus.build(new Observed(result(List.of()), Map.of("instance-65001", List.of(up("tor", 65000)))),
                List.of(), T1);
        CiliumBGPNodeConfig.InstanceStatus i = s.bgpInstances().getFirst();
        assertThat(i.name()).isEqualTo("instance-65001");
        assertThat(i.localASN()).isEqualTo(65001L);
        CiliumBGPNodeConfig.PeerStatus p = i.peers().getFirst();
        assertThat(p.peeringState()).isEqualTo("established");
        assertThat(p.timers()).isEqualTo(new CiliumBGPNodeConfig.PeerTimers(9, 3));
        assertThat(p.establishedTime()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(p.routeCount()).containsExactly(new CiliumBGPNodeConfig.RouteCount("ipv4", "unicast", 5, 2),
                new CiliumBGPNodeConfig.RouteCount("ipv6", "unicast", 0, 0));
        assertThat(s.conditions()).singleElement().satisfies(c -> {
            assertThat(c.type()).isEqualTo("cilium.io/BGPReconcileError");
            assertThat(c.status()).isEqualTo("False");
            assertThat(c.reason()).isEqualTo("BGPReconcileError");
            assertThat(c.lastTransitionTime()).isEqualTo("2025-03-01T10:05:00Z");
        });
    }

    @Test
    void peerAsnComesFromTheOpenWhenConfiguredAsZero() throws Exception {
        PeerSession any = up("tor", 0);
        PeerSession down = new PeerSession("tor", "198.51.100.200", 0, 0, "active", null, null, null, Map.of());
        assertThat(NodeConfigStatus.build(new Observed(result(List.of()), Map.of("instance-65001", List.of(any))), List.of(), T1)
                .bgpInstances().getFirst().peers().getFirst().peerASN()).isEqualTo(65000L);
        CiliumBGPNodeConfig.PeerStatus p = NodeConfigStatus.build(new Observed(result(List.of()), Map.of("instance-65001", List.of(down))),
                List.of(), T1).bgpInstances().getFirst().peers().getFirst();
        assertThat(p.peerASN()).isNull();
        assertThat(p.timers()).isNull();
        assertThat(p.establishedTime()).isNull();
        assertThat(p.routeCount()).isNull();
    }

    @Test
    void problemsMakeTheConditionTrueAndTransitionTimeMovesOnlyOnChange() throws Exception {
        Problem missing = Problem.error("CiliumBGPClusterConfig", "cilium-bgp", "spec.bgpInstances[i].peers[tor].peerConfigRef",
                "Referenced CiliumBGPPeerConfig(s) are missing: [x]").withCondition("cilium.io/MissingPeerConfigs");
        Problem elsewhere = Problem.warning("CiliumBGPClusterConfig", "other", "spec.nodeSelector", "No node matches spec.nodeSelector")
                .withCondition("cilium.io/NoMatchingNode");
        Condition before = new Condition("cilium.io/BGPReconcileError", "False", null, "2025-01-01T00:00:00Z", "BGPReconcileError", "");
        Condition foreign = new Condition("example.com/Other", "True", null, "2025-01-01T00:00:00Z", "Other", "kept");
        CiliumBGPNodeConfig.Status s = NodeConfigStatus.build(new Observed(result(List.of(missing, elsewhere)), Map.of()),
                List.of(before, foreign), T1);
        Condition c = s.conditions().stream().filter(x -> x.type().equals("cilium.io/BGPReconcileError")).findFirst().orElseThrow();
        assertThat(c.status()).isEqualTo("True");
        assertThat(c.message()).isEqualTo(missing.toString());
        assertThat(c.lastTransitionTime()).isEqualTo("2025-03-01T10:05:00Z");
        assertThat(s.conditions()).contains(foreign);

        // Same status again: the transition time stays.
        CiliumBGPNodeConfig.Status again = NodeConfigStatus.build(new Observed(result(List.of(missing)), Map.of()), s.conditions(), T1.plusSeconds(60));
        assertThat(again).isEqualTo(s);
    }

    @Test
    void messageIsCappedAt32KiB() throws Exception {
        List<Problem> many = new java.util.ArrayList<>();
        for (int i = 0; i < 2000; i++) many.add(Problem.error("CiliumBGPPeerConfig", "p" + i, "spec", "x".repeat(40)));
        Condition c = NodeConfigStatus.build(new Observed(result(many), Map.of()), List.of(), T1).conditions().getFirst();
        assertThat(c.message().length()).isLessThanOrEqualTo(32 * 1024).isGreaterThan(30 * 1024);
        assertThat(c.message()).doesNotEndWith("\n");
    }
}
