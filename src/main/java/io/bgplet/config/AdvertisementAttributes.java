package io.bgplet.config;

import io.bgplet.config.model.CiliumBGPAdvertisement;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The path attributes an advertisement adds: communities as 32-bit values (RFC 1997), large
 * communities as triples (RFC 8092), LOCAL_PREF. {@link #merge} is Cilium's rule for one
 * prefix selected by several advertisements: communities are unioned, LOCAL_PREF is the max.
 */
record AdvertisementAttributes(TreeSet<Long> communities, TreeSet<List<Long>> large, Long localPreference) {

    static final AdvertisementAttributes NONE = new AdvertisementAttributes(new TreeSet<>(), new TreeSet<>(AdvertisementAttributes::compareTriples), null);

    /** Well-known communities by Cilium's names: RFC 1997, RFC 3765, RFC 7611, RFC 7999, RFC 8326, RFC 9494. */
    static final Map<String, Long> WELL_KNOWN = Map.ofEntries(
            Map.entry("internet", 0x00000000L),
            Map.entry("planned-shut", 0xFFFF0000L),
            Map.entry("accept-own", 0xFFFF0001L),
            Map.entry("route-filter-translated-v4", 0xFFFF0002L),
            Map.entry("route-filter-v4", 0xFFFF0003L),
            Map.entry("route-filter-translated-v6", 0xFFFF0004L),
            Map.entry("route-filter-v6", 0xFFFF0005L),
            Map.entry("llgr-stale", 0xFFFF0006L),
            Map.entry("no-llgr", 0xFFFF0007L),
            Map.entry("blackhole", 0xFFFF029AL),
            Map.entry("no-export", 0xFFFFFF01L),
            Map.entry("no-advertise", 0xFFFFFF02L),
            Map.entry("no-export-subconfed", 0xFFFFFF03L),
            Map.entry("no-peer", 0xFFFFFF04L));

    /** The attributes of one advertisement entry; its strings were validated by the schema patterns. */
    static AdvertisementAttributes of(CiliumBGPAdvertisement.Attributes a) {
        TreeSet<Long> communities = new TreeSet<>();
        TreeSet<List<Long>> large = new TreeSet<>(AdvertisementAttributes::compareTriples);
        if (a == null) return NONE;
        if (a.communities() != null) {
            CiliumBGPAdvertisement.Communities c = a.communities();
            if (c.standard() != null) for (String s : c.standard()) communities.add(standard(s));
            if (c.wellKnown() != null) for (String s : c.wellKnown()) communities.add(WELL_KNOWN.get(s));
            if (c.large() != null) {
                for (String s : c.large()) large.add(Arrays.stream(s.split(":")).map(Long::parseLong).toList());
            }
        }
        return new AdvertisementAttributes(communities, large, a.localPreference());
    }

    /** Back from the speaker's form ({@link #communityArray}, {@link #largeArray}): values are unsigned 32-bit. */
    static AdvertisementAttributes of(io.bgplet.speaker.NeighborConfig.Advertisement a) {
        TreeSet<Long> communities = new TreeSet<>();
        for (int c : a.communities()) communities.add(Integer.toUnsignedLong(c));
        TreeSet<List<Long>> large = new TreeSet<>(AdvertisementAttributes::compareTriples);
        int[] l = a.largeCommunities();
        for (int i = 0; i + 2 < l.length; i += 3) {
            large.add(List.of(Integer.toUnsignedLong(l[i]), Integer.toUnsignedLong(l[i + 1]), Integer.toUnsignedLong(l[i + 2])));
        }
        return new AdvertisementAttributes(communities, large, a.localPreference());
    }

    static long standard(String s) {
        int colon = s.indexOf(':');
        if (colon < 0) return Long.parseLong(s);
        return (Long.parseLong(s.substring(0, colon)) << 16) | Long.parseLong(s.substring(colon + 1));
    }

    AdvertisementAttributes merge(AdvertisementAttributes o) {
        TreeSet<Long> c = new TreeSet<>(communities);
        c.addAll(o.communities);
        TreeSet<List<Long>> l = new TreeSet<>(AdvertisementAttributes::compareTriples);
        l.addAll(large);
        l.addAll(o.large);
        Long lp = localPreference == null ? o.localPreference
                : o.localPreference == null ? localPreference : Long.valueOf(Math.max(localPreference, o.localPreference));
        return new AdvertisementAttributes(c, l, lp);
    }

    int[] communityArray() {
        return communities.stream().mapToInt(Long::intValue).toArray();
    }

    int[] largeArray() {
        return large.stream().flatMap(List::stream).mapToInt(Long::intValue).toArray();
    }

    private static int compareTriples(List<Long> a, List<Long> b) {
        for (int i = 0; i < 3; i++) {
            int c = Long.compare(a.get(i), b.get(i));
            if (c != 0) return c;
        }
        return 0;
    }
}
