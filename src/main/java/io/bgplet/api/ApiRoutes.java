package io.bgplet.api;

import apipb.Gobgp;
import com.google.protobuf.ByteString;
import io.bgplet.rib.Source;
import io.bgplet.speaker.InstanceConfig;
import io.bgplet.speaker.LocalPath;
import io.bgplet.speaker.NeighborConfig;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * GoBGP's {@code global rib add/del}: paths originated through the API, under the speaker
 * origin "api", with the uuid and time of each so DeletePath by uuid and path ages work.
 * Prefixes advertised by a CiliumBGPAdvertisement are refused: their owner is the resource.
 */
final class ApiRoutes {
    static final String ORIGIN = "api";

    private record Added(UUID uuid, Instant at) {}

    private final Clock clock;
    private final Map<Prefix, Added> added = new ConcurrentHashMap<>();

    ApiRoutes(Clock clock) {
        this.clock = clock;
    }

    /** A path from a request, checked: IllegalArgumentException names the bad field. */
    static LocalPath decode(Gobgp.Path path, String field) {
        if (!path.hasNlri()) throw new IllegalArgumentException(field + ".nlri is missing");
        if (!path.hasFamily()) throw new IllegalArgumentException(field + ".family is missing");
        Family family = ApiPaths.family(path.getFamily(), field + ".family");
        Prefix prefix = ApiPaths.prefix(path.getNlri(), family, field + ".nlri");
        return new LocalPath(prefix, ApiAttributes.fromApi(path.getPattrsList(), prefix));
    }

    static void checkGlobal(Gobgp.TableType type, String vrf) {
        if (type != Gobgp.TableType.GLOBAL) throw new IllegalArgumentException("table_type " + type + " is not supported: only GLOBAL takes paths");
        if (!vrf.isEmpty()) throw new IllegalArgumentException("vrf_id: bgplet has no VRFs");
    }

    /** The CiliumBGPAdvertisement-managed prefix among these, if any. */
    private static String managed(InstanceConfig config, List<LocalPath> paths) {
        for (NeighborConfig n : config.neighbors()) {
            for (List<NeighborConfig.Advertisement> list : n.advertisements().values()) {
                for (NeighborConfig.Advertisement a : list) {
                    for (LocalPath p : paths) {
                        if (a.prefix().equals(p.prefix())) {
                            return p.prefix() + " is managed by a CiliumBGPAdvertisement (advertised to peer " + n.name()
                                    + "); change the CiliumBGPAdvertisement instead";
                        }
                    }
                }
            }
        }
        return null;
    }

    /** Adds after the ownership check; completes with the uuid of the last path. */
    CompletableFuture<byte[]> add(Speaker speaker, List<LocalPath> paths) {
        return speaker.query(v -> managed(v.config(), paths)).thenCompose(problem -> {
            if (problem != null) throw new StatusRuntimeException(Status.FAILED_PRECONDITION.withDescription(problem));
            return speaker.addPaths(ORIGIN, paths);
        }).thenApply(x -> {
            UUID last = null;
            Instant now = clock.instant();
            for (LocalPath p : paths) {
                last = UUID.randomUUID();
                added.put(p.prefix(), new Added(last, now));
            }
            return last == null ? new byte[0] : bytes(last);
        });
    }

    CompletableFuture<Void> delete(Speaker speaker, List<LocalPath> paths) {
        return speaker.deletePaths(ORIGIN, paths).thenRun(() -> paths.forEach(p -> added.remove(p.prefix())));
    }

    /** DeletePath: by uuid, by NLRI and family (OK when absent, as gobgpd), or a whole family. */
    CompletableFuture<Void> delete(Speaker speaker, Gobgp.DeletePathRequest r) {
        checkGlobal(r.getTableType(), r.getVrfId());
        if (!r.getUuid().isEmpty()) {
            if (r.getUuid().size() != 16) throw new IllegalArgumentException("uuid must be 16 bytes");
            UUID want = uuid(r.getUuid());
            for (Map.Entry<Prefix, Added> e : added.entrySet()) {
                if (e.getValue().uuid().equals(want)) return delete(speaker, List.of(new LocalPath(e.getKey(), List.of())));
            }
            throw new StatusRuntimeException(Status.NOT_FOUND.withDescription("can't find a specified path: uuid " + want));
        }
        if (r.hasPath()) {
            Gobgp.Path p = r.getPath();
            if (!p.hasFamily() && r.hasFamily()) p = p.toBuilder().setFamily(r.getFamily()).build();
            if (!p.hasNlri()) throw new IllegalArgumentException("path.nlri is missing");
            if (!p.hasFamily()) throw new IllegalArgumentException("path.family is missing");
            Family f = ApiPaths.family(p.getFamily(), "path.family");
            Prefix prefix = ApiPaths.prefix(p.getNlri(), f, "path.nlri");
            return delete(speaker, List.of(new LocalPath(prefix, List.of())));
        }
        if (!r.hasFamily()) throw new IllegalArgumentException("family: a DeletePath without path or uuid needs a family");
        Family f = ApiPaths.family(r.getFamily(), "family");
        List<LocalPath> all = new ArrayList<>();
        for (Prefix p : added.keySet()) if (p.family().equals(f)) all.add(new LocalPath(p, List.of()));
        return delete(speaker, all);
    }

    /** How old a path is: API paths since they were added, learned ones since their session came up. */
    java.util.function.BiFunction<Source, Prefix, Instant> ages(List<NeighborStatus> neighbors) {
        Map<InetAddress, Instant> up = new HashMap<>();
        for (NeighborStatus n : neighbors) if (n.establishedAt() != null) up.put(n.config().address(), n.establishedAt());
        Instant now = clock.instant();
        return (source, prefix) -> {
            if (source == null) return now;
            if (source.local()) {
                Added a = added.get(prefix);
                return a != null ? a.at() : now;
            }
            return up.getOrDefault(source.peerAddress(), now);
        };
    }

    static byte[] bytes(UUID u) {
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    static UUID uuid(ByteString b) {
        ByteBuffer buf = b.asReadOnlyByteBuffer();
        return new UUID(buf.getLong(), buf.getLong());
    }
}
