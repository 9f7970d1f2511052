package io.bgplet.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.bgplet.config.model.CiliumBGPAdvertisement;
import io.bgplet.config.model.CiliumBGPClusterConfig;
import io.bgplet.config.model.CiliumBGPPeerConfig;
import io.bgplet.config.schema.Binder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BinderTest {
    private static JsonNode yaml(String s) throws Exception {
        return new YAMLMapper().readTree(s);
    }

    @Test
    void appliesDefaultsInsidePresentObjectsOnly() throws Exception {
        Binder b = new Binder("v2");
        CiliumBGPPeerConfig.Spec spec = b.bind(yaml("timers: {holdTimeSeconds: 9, keepAliveTimeSeconds: 3}\ngracefulRestart: {enabled: true}"), CiliumBGPPeerConfig.Spec.class, "spec");
        assertThat(b.violations()).isEmpty();
        assertThat(spec.timers()).isEqualTo(new CiliumBGPPeerConfig.Timers(120, 9, 3));
        assertThat(spec.gracefulRestart().restartTimeSeconds()).isEqualTo(120);
        assertThat(spec.ebgpMultihop()).isEqualTo(1);
        assertThat(spec.transport()).isNull(); // the API server does not create absent objects
    }

    @Test
    void defaultsApplyBeforeTheCelRuleAsInTheApiServer() throws Exception {
        // hold 9 alone gets keepalive's default 30, which breaks keepalive <= hold.
        Binder b = new Binder("v2");
        b.bind(yaml("holdTimeSeconds: 9"), CiliumBGPPeerConfig.Timers.class, "spec.timers");
        assertThat(b.violations()).extracting(Binder.Violation::toString)
                .containsExactly("spec.timers: keepAliveTimeSeconds can not be larger than holdTimeSeconds");
    }

    @Test
    void boundsAreInclusive() throws Exception {
        for (String ok : new String[] {"3", "65535"}) {
            Binder b = new Binder("v2");
            b.bind(yaml("holdTimeSeconds: " + ok + "\nkeepAliveTimeSeconds: 1"), CiliumBGPPeerConfig.Timers.class, "spec.timers");
            assertThat(b.violations()).as(ok).isEmpty();
        }
        Binder b = new Binder("v2");
        b.bind(yaml("holdTimeSeconds: 65536"), CiliumBGPPeerConfig.Timers.class, "spec.timers");
        assertThat(b.violations()).extracting(Binder.Violation::toString)
                .containsExactly("spec.timers.holdTimeSeconds: must be 3..65535, got 65536");
    }

    @Test
    void keepaliveEqualToHoldIsAllowed() throws Exception {
        Binder b = new Binder("v2");
        b.bind(yaml("holdTimeSeconds: 9\nkeepAliveTimeSeconds: 9"), CiliumBGPPeerConfig.Timers.class, "t");
        assertThat(b.violations()).isEmpty();
        b = new Binder("v2");
        b.bind(yaml("holdTimeSeconds: 9\nkeepAliveTimeSeconds: 10"), CiliumBGPPeerConfig.Timers.class, "t");
        assertThat(b.violations()).extracting(Binder.Violation::message).containsExactly("keepAliveTimeSeconds can not be larger than holdTimeSeconds");
        b = new Binder("v2");
        b.bind(yaml("keepAliveTimeSeconds: 91"), CiliumBGPPeerConfig.Timers.class, "t"); // against the default hold of 90
        assertThat(b.violations()).hasSize(1);
    }

    @Test
    void typesAreCheckedNotCoerced() throws Exception {
        Binder b = new Binder("v2");
        b.bind(yaml("name: i\nlocalASN: \"65001\"\nlocalPort: 1.5"), CiliumBGPClusterConfig.Instance.class, "spec.bgpInstances[0]");
        assertThat(b.violations()).extracting(Binder.Violation::toString).containsExactly(
                "spec.bgpInstances[0].localASN: must be an integer, got string \"65001\"",
                "spec.bgpInstances[0].localPort: must be an integer, got number 1.5");
    }

    @Test
    void addressesAndCommunitiesFollowTheirPatterns() throws Exception {
        String[] good = {"198.51.100.1", "2001:db8::1", "::", "::ffff:192.0.2.1", "fe80::1%eth0", "2001:db8:0:0:0:0:0:1"};
        String[] bad = {"198.51.100.256", "2001:db8::g", "198.51.100", "1:2:3:4:5:6:7:8:9", "host.example", ""};
        for (String a : good) assertThat(peerAddressViolations(a)).as(a).isZero();
        for (String a : bad) assertThat(peerAddressViolations(a)).as(a).isOne();

        Binder b = new Binder("v2");
        b.bind(yaml("standard: ['0', '4294967295', '65535:65535', '0:0']\nlarge: ['4294967295:0:1']"), CiliumBGPAdvertisement.Communities.class, "c");
        assertThat(b.violations()).isEmpty();
        b = new Binder("v2");
        b.bind(yaml("standard: ['4294967296', '65536:0', '1:2:3']\nlarge: ['4294967296:0:1']"), CiliumBGPAdvertisement.Communities.class, "c");
        assertThat(b.violations()).hasSize(4);
    }

    private static int peerAddressViolations(String a) throws Exception {
        Binder b = new Binder("v2");
        b.bind(yaml("name: p\npeerAddress: '" + a + "'"), CiliumBGPClusterConfig.Peer.class, "p");
        return b.violations().size();
    }

    @Test
    void versionSpecificFieldsAndEnums() throws Exception {
        Binder alpha = new Binder("v2alpha1");
        CiliumBGPAdvertisement.Advertisement a = alpha.bind(yaml("advertisementType: PodCIDR\ninterface: {name: lo}"),
                CiliumBGPAdvertisement.Advertisement.class, "a");
        assertThat(alpha.violations()).isEmpty();
        assertThat(a.iface()).isNull(); // pruned: v2alpha1 has no interface field
        Binder v2 = new Binder("v2");
        v2.bind(yaml("advertisementType: PodCIDR\ninterface: {name: lo}"), CiliumBGPAdvertisement.Advertisement.class, "a");
        assertThat(v2.violations()).extracting(Binder.Violation::message).containsExactly("interface field is not allowed for non-'Interface' advertisementType");
        Binder ref = new Binder("v2alpha1");
        CiliumBGPClusterConfig.PeerConfigRef r = ref.bind(yaml("name: x"), CiliumBGPClusterConfig.PeerConfigRef.class, "r");
        assertThat(r).isEqualTo(new CiliumBGPClusterConfig.PeerConfigRef("x", "cilium.io", "CiliumBGPPeerConfig"));
    }
}
