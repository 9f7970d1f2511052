package io.bgplet.api;

import apipb.Gobgp;
import io.bgplet.rib.AdjRibIn;
import io.bgplet.rib.AdjRibOut;
import io.bgplet.rib.Path;
import io.bgplet.rib.PathAttributes;
import io.bgplet.rib.Source;
import io.bgplet.speaker.NeighborStatus;
import io.bgplet.speaker.Speaker;
import io.bgplet.speaker.SpeakerView;
import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One ListPath call, streamed without holding the table: the prefix list is copied out once,
 * then attributes are read CHUNK prefixes per speaker query and turned into messages off the
 * writer thread; the next chunk is only read once the client has taken the previous one
 * ({@link ServerCallStreamObserver#isReady()} and the on-ready handler), so a slow client
 * costs the speaker nothing but the prefix list.
 */
final class PathListing {
    static final int CHUNK = 10_000;

    /**
     * LOCAL is bgplet's answer to GoBGP's per-neighbour Local RIB (which gobgpd has only for
     * route-server clients): the Loc-RIB paths learned from that neighbour, after import policy.
     */
    enum Table { GLOBAL, LOCAL, ADJ_IN, ADJ_OUT }


    private final Speaker speaker;
    private final Table table;
    private final InetAddress neighbor;
    private final Family family;
    private final List<Gobgp.TableLookupPrefix> filters;
    private final ServerCallStreamObserver<Gobgp.ListPathResponse> out;
    private final java.util.function.Function<List<NeighborStatus>, BiFunction<Source, Prefix, Instant>> ages;
    /**
     * Where messages are built: never the writer, and not the common pool either, whose
     * single thread on a small node may be busy with anything else in the process.
     */
    private final java.util.concurrent.Executor executor;
    private PathMessages messages;

    private final ArrayDeque<Gobgp.ListPathResponse> pending = new ArrayDeque<>();
    private List<Prefix> prefixes;
    private int next;
    private boolean fetching;
    private boolean finished;
    private volatile boolean cancelled;

    PathListing(Speaker speaker, Table table, InetAddress neighbor, Family family, List<Gobgp.TableLookupPrefix> filters,
                ServerCallStreamObserver<Gobgp.ListPathResponse> out,
                java.util.function.Function<List<NeighborStatus>, BiFunction<Source, Prefix, Instant>> ages,
                java.util.concurrent.Executor executor) {
        this.executor = executor;
        this.speaker = speaker;
        this.table = table;
        this.neighbor = neighbor;
        this.family = family;
        this.filters = List.copyOf(filters);
        this.out = out;
        this.ages = ages;
        out.setOnCancelHandler(() -> cancelled = true);
        out.setOnReadyHandler(this::pump);
    }

    /** What the first query copies out: the prefixes, and the sessions for path ages. */
    private record Start(List<Prefix> prefixes, List<NeighborStatus> neighbors, boolean known) {}

    /** Validates filters (IllegalArgumentException naming the field), then starts streaming. */
    void start() {
        List<Prefix> lookups = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            Prefix p = ApiPaths.parseLookup(filters.get(i).getPrefix(), "prefixes[" + i + "].prefix");
            if (!p.family().equals(family)) throw new IllegalArgumentException("prefixes[" + i + "].prefix " + p + " is not in family " + family);
            lookups.add(p);
        }
        speaker.query(v -> new Start(prefixList(v), v.neighbors(), neighbor == null || v.adjRibIn(neighbor).isPresent()))
                .whenCompleteAsync((first, e) -> {
            if (e != null) {
                fail(e);
                return;
            }
            if (!first.known()) {
                fail(Status.NOT_FOUND.withDescription("neighbor " + neighbor.getHostAddress() + " not found").asRuntimeException());
                return;
            }
            messages = new PathMessages(ages.apply(first.neighbors()));
            List<Prefix> selected = filter(first.prefixes(), lookups);
            Collections.sort(selected);
            synchronized (this) {
                prefixes = selected;
            }
            pump();
        }, executor);
    }

    private List<Prefix> prefixList(SpeakerView v) {
        return switch (table) {
            case GLOBAL -> v.locRib().prefixes(family);
            case LOCAL -> v.adjRibIn(neighbor).map(r -> {
                List<Prefix> l = new ArrayList<>();
                r.forEach(family, (p, a) -> {
                    if (fromNeighbor(v.locRib().candidates(p)) != null) l.add(p);
                });
                return l;
            }).orElse(List.of());
            case ADJ_IN -> v.adjRibIn(neighbor).map(r -> {
                List<Prefix> l = new ArrayList<>(r.size(family));
                r.forEach(family, (p, a) -> l.add(p));
                return l;
            }).orElse(List.of());
            case ADJ_OUT -> v.adjRibOut(neighbor, family).map(r -> r.prefixes(family)).orElse(List.of());
        };
    }

    /** GoBGP's lookups: EXACT (a bare address: longest match), LONGER (covered by), SHORTER (covering). */
    private List<Prefix> filter(List<Prefix> all, List<Prefix> lookups) {
        if (lookups.isEmpty()) return new ArrayList<>(all);
        List<Prefix> out = new ArrayList<>();
        for (Prefix p : all) {
            for (int i = 0; i < lookups.size(); i++) {
                Prefix q = lookups.get(i);
                boolean hit = switch (filters.get(i).getType()) {
                    case LONGER -> ApiPaths.covers(q, p);
                    case SHORTER -> ApiPaths.covers(p, q);
                    default -> filters.get(i).getPrefix().indexOf('/') < 0 ? ApiPaths.covers(p, q) : p.equals(q);
                };
                if (hit) {
                    out.add(p);
                    break;
                }
            }
        }
        // A bare address under EXACT means the longest matching prefix only (gobgpd's LPM lookup).
        for (int i = 0; i < lookups.size(); i++) {
            if (filters.get(i).getType() == Gobgp.TableLookupPrefix.Type.EXACT && filters.get(i).getPrefix().indexOf('/') < 0) {
                Prefix q = lookups.get(i);
                Prefix longest = null;
                for (Prefix p : out) if (ApiPaths.covers(p, q) && (longest == null || p.length() > longest.length())) longest = p;
                final Prefix keep = longest;
                out.removeIf(p -> ApiPaths.covers(p, q) && p != keep);
            }
        }
        return out;
    }

    private List<PathMessages.Row> read(SpeakerView v, List<Prefix> chunk) {
        List<PathMessages.Row> rows = new ArrayList<>(chunk.size());
        switch (table) {
            case GLOBAL -> {
                for (Prefix p : chunk) {
                    Path best = v.locRib().best(p);
                    for (Path path : v.locRib().candidates(p)) {
                        Source s = path.source();
                        boolean stale = !s.local() && v.adjRibIn(s.peerAddress()).map(r -> r.isStale(p)).orElse(false);
                        rows.add(new PathMessages.Row(p, s, path.attributes(), path.equals(best), stale));
                    }
                }
            }
            case LOCAL -> {
                for (Prefix p : chunk) {
                    Path path = fromNeighbor(v.locRib().candidates(p));
                    if (path == null) continue;
                    boolean stale = v.adjRibIn(neighbor).map(r -> r.isStale(p)).orElse(false);
                    rows.add(new PathMessages.Row(p, path.source(), path.attributes(), path.equals(v.locRib().best(p)), stale));
                }
            }
            case ADJ_IN -> v.adjRibIn(neighbor).ifPresent(r -> {
                for (Prefix p : chunk) {
                    PathAttributes a = r.get(p);
                    if (a != null) rows.add(new PathMessages.Row(p, r.source(), a, false, r.isStale(p)));
                }
            });
            case ADJ_OUT -> v.adjRibOut(neighbor, family).ifPresent(r -> {
                for (Prefix p : chunk) {
                    PathAttributes a = r.get(p);
                    if (a != null) rows.add(new PathMessages.Row(p, null, a, false, false));
                }
            });
        }
        return rows;
    }

    /** The candidate learned from {@link #neighbor}, or null. */
    private Path fromNeighbor(List<Path> candidates) {
        for (Path path : candidates) if (!path.source().local() && neighbor.equals(path.source().peerAddress())) return path;
        return null;
    }

    private void pump() {
        List<Prefix> chunk = null;
        synchronized (this) {
            if (prefixes == null || finished) return;
            while (!cancelled && out.isReady()) {
                Gobgp.ListPathResponse r = pending.poll();
                if (r != null) {
                    out.onNext(r);
                    continue;
                }
                if (next >= prefixes.size() && !fetching) {
                    finished = true;
                    out.onCompleted();
                    return;
                }
                if (!fetching) {
                    chunk = prefixes.subList(next, Math.min(next + CHUNK, prefixes.size()));
                    next += chunk.size();
                    fetching = true;
                }
                break;
            }
            if (cancelled) {
                finished = true;
                return;
            }
        }
        if (chunk == null) return;
        final List<Prefix> want = chunk;
        speaker.query(v -> read(v, want)).whenCompleteAsync((rows, e) -> {
            if (e != null) {
                fail(e);
                return;
            }
            List<Gobgp.ListPathResponse> built = messages.of(rows);
            synchronized (this) {
                pending.addAll(built);
                fetching = false;
            }
            pump();
        }, executor);
    }

    private synchronized void fail(Throwable e) {
        if (finished) return;
        finished = true;
        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        out.onError(cause instanceof io.grpc.StatusRuntimeException sre ? sre
                : Status.INTERNAL.withDescription("ListPath failed: " + cause).asRuntimeException());
    }

}
