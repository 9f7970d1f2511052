package io.bgplet.policy;

import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One prefix a peer is selected to receive, with what to attach to it: Cilium's
 * CiliumBGPAdvertisement attributes (standard and large communities, local preference) after
 * the peer's families matched it. The speaker originates the prefix once into the Loc-RIB;
 * the peer's export policy built by {@link #exportPolicy} selects it and attaches these.
 *
 * @param localPref -1 for none; ignored toward eBGP peers anyway (RFC 4271 5.1.5)
 */
public record Advertisement(Prefix prefix, int[] communities, int[] largeCommunities, long localPref) {
    public Advertisement {
        Objects.requireNonNull(prefix);
        communities = communities.clone();
        if (largeCommunities.length % 3 != 0) throw new IllegalArgumentException("large communities come in triples");
        largeCommunities = largeCommunities.clone();
        if (localPref < -1 || localPref > 0xFFFFFFFFL) throw new IllegalArgumentException("local preference " + localPref);
    }

    public static Advertisement plain(Prefix prefix) {
        return new Advertisement(prefix, new int[0], new int[0], -1);
    }

    @Override public int[] communities() { return communities.clone(); }
    @Override public int[] largeCommunities() { return largeCommunities.clone(); }

    @Override
    public boolean equals(Object o) {
        return o instanceof Advertisement a && a.prefix.equals(prefix) && a.localPref == localPref
                && Arrays.equals(a.communities, communities) && Arrays.equals(a.largeCommunities, largeCommunities);
    }

    @Override
    public int hashCode() {
        return Objects.hash(prefix, localPref, Arrays.hashCode(communities), Arrays.hashCode(largeCommunities));
    }

    /**
     * Cilium's export model: only locally originated prefixes selected for the peer leave,
     * each with its own attachments; everything else (learned routes included) is rejected.
     * Advertisements sharing attachments share one statement.
     */
    public static Policy exportPolicy(String name, Collection<Advertisement> advertisements) {
        return new Policy(name, statements(advertisements), Policy.Disposition.REJECT);
    }

    /**
     * A transit speaker: the selected local prefixes as in {@link #exportPolicy}, and every
     * learned route too (each peer's best path is passed on, like a plain BGP router).
     */
    public static Policy transitPolicy(String name, Collection<Advertisement> advertisements) {
        List<Statement> s = new ArrayList<>(statements(advertisements));
        s.add(new Statement("learned", List.of(new Condition.Not(new Condition.LocallyOriginated())), List.of(new Action.Accept())));
        return new Policy(name, s, Policy.Disposition.REJECT);
    }

    /**
     * The grouping key: the advertisement's own (already private) arrays, compared by content.
     * Boxing them into lists per advertisement was 12 % of the CPU samples of a 10,000-Service
     * churn run, where every snapshot rebuilds a peer's export policy.
     */
    private record Attachments(int[] communities, int[] large, long localPref) {
        static Attachments of(Advertisement a) {
            return new Attachments(a.communities, a.largeCommunities, a.localPref);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Attachments x && x.localPref == localPref && Arrays.equals(x.communities, communities) && Arrays.equals(x.large, large);
        }

        @Override
        public int hashCode() {
            return (Arrays.hashCode(communities) * 31 + Arrays.hashCode(large)) * 31 + Long.hashCode(localPref);
        }
    }

    private static List<Statement> statements(Collection<Advertisement> advertisements) {
        // Grouped deterministically: by the smallest prefix of each group.
        Map<Attachments, List<Prefix>> groups = new java.util.HashMap<>();
        for (Advertisement a : advertisements) groups.computeIfAbsent(Attachments.of(a), k -> new ArrayList<>()).add(a.prefix);
        TreeMap<Prefix, Map.Entry<Attachments, List<Prefix>>> ordered = new TreeMap<>();
        for (Map.Entry<Attachments, List<Prefix>> e : groups.entrySet()) {
            e.getValue().sort(Comparator.naturalOrder());
            ordered.put(e.getValue().getFirst(), e);
        }
        List<Statement> out = new ArrayList<>();
        int n = 0;
        for (Map.Entry<Attachments, List<Prefix>> e : ordered.values()) {
            Attachments at = e.getKey();
            List<Action> actions = new ArrayList<>();
            if (at.communities().length > 0) actions.add(new Action.AddCommunities(at.communities()));
            if (at.large().length > 0) actions.add(new Action.AddLargeCommunities(at.large()));
            if (at.localPref() >= 0) actions.add(new Action.SetLocalPref(at.localPref()));
            actions.add(new Action.Accept());
            out.add(new Statement("advertisement-" + n++,
                    List.of(new Condition.LocallyOriginated(), new Condition.PrefixIn(PrefixSet.exactly(e.getValue()))), actions));
        }
        return out;
    }
}
