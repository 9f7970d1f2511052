package io.bgplet.speaker;

import io.bgplet.wire.Family;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One peer of an instance.
 *
 * @param name           the peer's name (Cilium's peers[].name), for logs, status and the API
 * @param address        the peer's address; the neighbour's identity
 * @param port           remote TCP port (179)
 * @param peerAs         expected peer AS; 0 accepts whatever AS the peer's OPEN carries
 * @param localAddress   source address to bind, or null to let the kernel choose
 * @param timers         connect-retry, hold and keepalive
 * @param ebgpMultihop   TTL for eBGP sessions; 1 means directly connected
 * @param gracefulRestart GR settings, both roles
 * @param families       families negotiated and carried
 * @param md5Password    TCP MD5 key (RFC 2385) or null; never exposed through the API
 * @param allowOwnAs     accept paths containing the local AS up to this many times (0: loop check)
 * @param passive        wait for the peer to connect instead of dialling
 * @param importPolicy   what learned routes do
 * @param exportLearned  true: transit, learned best paths are exported too (after split horizon)
 * @param advertisements locally originated prefixes to send to this peer, per family, with their attributes
 * @param installRoutes  opt-in kernel route installation for this peer's best routes, or null
 */
public record NeighborConfig(String name, InetAddress address, int port, long peerAs, InetAddress localAddress,
                             Timers timers, int ebgpMultihop, GracefulRestartConfig gracefulRestart,
                             Set<Family> families, String md5Password, int allowOwnAs, boolean passive,
                             ImportPolicy importPolicy, boolean exportLearned,
                             Map<Family, List<Advertisement>> advertisements, RouteInstall installRoutes) {

    public NeighborConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(gracefulRestart, "gracefulRestart");
        Objects.requireNonNull(importPolicy, "importPolicy");
        if (port < 1 || port > 65535) throw new IllegalArgumentException("port out of range: " + port);
        if (peerAs < 0 || peerAs > 0xFFFFFFFFL) throw new IllegalArgumentException("peerAs out of range: " + peerAs);
        if (ebgpMultihop < 1 || ebgpMultihop > 255) throw new IllegalArgumentException("ebgpMultihop out of range: " + ebgpMultihop);
        if (allowOwnAs < 0 || allowOwnAs > 10) throw new IllegalArgumentException("allowOwnAs out of range: " + allowOwnAs);
        families = Set.copyOf(families);
        advertisements = Map.copyOf(advertisements);
    }

    /** A neighbour with the defaults Cilium applies when no CiliumBGPPeerConfig is referenced. */
    public static NeighborConfig defaults(String name, InetAddress address, long peerAs) {
        return new NeighborConfig(name, address, 179, peerAs, null, Timers.DEFAULT, 1, GracefulRestartConfig.DISABLED,
                Set.of(Family.IPV4_UNICAST, Family.IPV6_UNICAST), null, 0, false, ImportPolicy.ACCEPT, false, Map.of(), null);
    }

    public NeighborConfig withAdvertisements(Map<Family, List<Advertisement>> adverts) {
        return new NeighborConfig(name, address, port, peerAs, localAddress, timers, ebgpMultihop, gracefulRestart, families,
                md5Password, allowOwnAs, passive, importPolicy, exportLearned, adverts, installRoutes);
    }

    /**
     * Whether a change from this config to next needs the session torn down (Cilium resets on
     * ASN, address, port, timers, multihop, GR, families, password changes); advertisement,
     * import, export and route-install changes are applied in place.
     */
    public boolean needsReset(NeighborConfig next) {
        return !(port == next.port && peerAs == next.peerAs && Objects.equals(localAddress, next.localAddress)
                && timers.equals(next.timers) && ebgpMultihop == next.ebgpMultihop
                && gracefulRestart.equals(next.gracefulRestart) && families.equals(next.families)
                && Objects.equals(md5Password, next.md5Password) && passive == next.passive
                && allowOwnAs == next.allowOwnAs);
    }

    @Override
    public String toString() {
        return "NeighborConfig[" + name + " " + address.getHostAddress() + " as " + peerAs + "]";
    }

    /** Timers in seconds (RFC 4271 10). */
    public record Timers(int connectRetry, int holdTime, int keepalive) {
        /** Cilium's defaults: 120 s connect retry, 90 s hold, 30 s keepalive. */
        public static final Timers DEFAULT = new Timers(120, 90, 30);

        public Timers {
            if (connectRetry < 1) throw new IllegalArgumentException("connectRetry must be >= 1");
            if (holdTime != 0 && (holdTime < 3 || holdTime > 65535)) throw new IllegalArgumentException("holdTime must be 0 or 3..65535");
            if (keepalive < 0 || keepalive > 65535) throw new IllegalArgumentException("keepalive out of range");
        }
    }

    /** Graceful restart (RFC 4724): restart time advertised, both roles enabled together. */
    public record GracefulRestartConfig(boolean enabled, int restartTime) {
        public static final GracefulRestartConfig DISABLED = new GracefulRestartConfig(false, 120);

        public GracefulRestartConfig {
            if (restartTime < 1 || restartTime > 4095) throw new IllegalArgumentException("restartTime must be 1..4095");
        }
    }

    /** What happens to routes learned from this peer. */
    public enum ImportPolicy {
        /** Into Loc-RIB, eligible for best path. */
        ACCEPT,
        /** Counted in Adj-RIB-In but never selected: Cilium's default import policy. */
        REJECT
    }

    /**
     * A prefix this peer is sent, with attributes added on the way out (Cilium's per-peer
     * export statements). localPreference is ignored toward eBGP peers.
     */
    public record Advertisement(io.bgplet.wire.Prefix prefix, int[] communities, int[] largeCommunities, Long localPreference) {
        public Advertisement {
            Objects.requireNonNull(prefix, "prefix");
            communities = communities == null ? new int[0] : communities.clone();
            largeCommunities = largeCommunities == null ? new int[0] : largeCommunities.clone();
            if (largeCommunities.length % 3 != 0) throw new IllegalArgumentException("large communities come in triples");
        }

        public static Advertisement plain(io.bgplet.wire.Prefix prefix) {
            return new Advertisement(prefix, null, null, null);
        }

        @Override public int[] communities() { return communities.clone(); }
        @Override public int[] largeCommunities() { return largeCommunities.clone(); }

        @Override
        public boolean equals(Object o) {
            return o instanceof Advertisement a && a.prefix.equals(prefix) && Arrays.equals(a.communities, communities)
                    && Arrays.equals(a.largeCommunities, largeCommunities) && Objects.equals(a.localPreference, localPreference);
        }

        @Override
        public int hashCode() {
            return Objects.hash(prefix, Arrays.hashCode(communities), Arrays.hashCode(largeCommunities), localPreference);
        }
    }

    /**
     * Opt-in kernel installation of this peer's best routes (bgplet's addition to Cilium).
     *
     * @param table   kernel routing table id (254 = main)
     * @param metric  route metric (priority)
     * @param filters only prefixes inside one of these are installed; empty means all
     */
    public record RouteInstall(int table, int metric, List<io.bgplet.wire.Prefix> filters) {
        public RouteInstall {
            if (table < 1 || table > 0xFFFFFFFEL) throw new IllegalArgumentException("table out of range");
            if (metric < 0) throw new IllegalArgumentException("metric must be >= 0");
            filters = List.copyOf(filters);
        }
    }
}
