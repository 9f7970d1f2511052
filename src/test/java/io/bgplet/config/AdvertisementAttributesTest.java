package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPAdvertisement;
import io.bgplet.config.model.ObjectMeta;
import io.bgplet.config.model.Secret;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdvertisementAttributesTest {
    @Test
    void standardCommunitiesInBothSpellings() {
        assertThat(AdvertisementAttributes.standard("65000:100")).isEqualTo(0xFDE80064L);
        assertThat(AdvertisementAttributes.standard("4259840100")).isEqualTo(0xFDE80064L);
        assertThat(AdvertisementAttributes.standard("65535:65281")).isEqualTo(0xFFFFFF01L);
    }

    @Test
    void wellKnownValuesFollowTheirRfcs() {
        assertThat(AdvertisementAttributes.WELL_KNOWN).hasSize(14);
        assertThat(AdvertisementAttributes.WELL_KNOWN.get("no-export")).isEqualTo(0xFFFFFF01L); // RFC 1997
        assertThat(AdvertisementAttributes.WELL_KNOWN.get("no-peer")).isEqualTo(0xFFFFFF04L); // RFC 3765
        assertThat(AdvertisementAttributes.WELL_KNOWN.get("blackhole")).isEqualTo(0xFFFF029AL); // RFC 7999
        assertThat(AdvertisementAttributes.WELL_KNOWN.get("planned-shut")).isEqualTo(0xFFFF0000L); // RFC 8326
    }

    @Test
    void mergeUnionsCommunitiesAndTakesTheHighestLocalPref() {
        var a = AdvertisementAttributes.of(new CiliumBGPAdvertisement.Attributes(
                new CiliumBGPAdvertisement.Communities(List.of("1:1", "1:2"), List.of("no-export"), List.of("1:2:3")), 100L));
        var b = AdvertisementAttributes.of(new CiliumBGPAdvertisement.Attributes(
                new CiliumBGPAdvertisement.Communities(List.of("1:2", "65537"), null, List.of("1:2:3", "0:0:1")), null));
        var m = a.merge(b);
        assertThat(m.communities()).containsExactly(0x10001L, 0x10002L, 0xFFFFFF01L);
        assertThat(m.large()).containsExactly(List.of(0L, 0L, 1L), List.of(1L, 2L, 3L));
        assertThat(m.localPreference()).isEqualTo(100L);
        assertThat(b.merge(a).localPreference()).isEqualTo(100L);
        var c = AdvertisementAttributes.of(new CiliumBGPAdvertisement.Attributes(null, 300L));
        assertThat(a.merge(c).localPreference()).isEqualTo(300L);
    }

    @Test
    void secretPasswordsAreBase64Decoded() {
        Secret s = new Secret(new ObjectMeta("bgp", "kube-system", null, null, null, null), Map.of("password", "czNjcjN0"));
        assertThat(s.decoded("password")).isEqualTo("s3cr3t");
        assertThat(s.decoded("other")).isNull();
    }
}
