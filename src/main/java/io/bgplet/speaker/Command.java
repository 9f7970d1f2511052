package io.bgplet.speaker;

import io.bgplet.session.Negotiated;
import io.bgplet.wire.DecodeResult;
import io.bgplet.wire.Family;
import io.bgplet.wire.RouteRefresh;
import io.bgplet.wire.Update;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Everything that changes a speaker, as records applied in order on its single writer
 * (STYLE 7). Transport callbacks, timers, configuration and API calls all become commands.
 */
sealed interface Command {

    record ApplyConfig(InstanceConfig config, CompletableFuture<Void> done) implements Command {}

    record Established(Neighbor neighbor, long generation, Negotiated negotiated) implements Command {}

    /** Several UPDATEs read from one neighbour, applied as one batch. */
    record Updates(Neighbor neighbor, long generation, List<Update> updates) implements Command {}

    record Salvaged(Neighbor neighbor, long generation, DecodeResult.Salvaged result, byte[] raw) implements Command {}

    record StateChange(Neighbor neighbor, long generation, io.bgplet.session.State from, io.bgplet.session.State to) implements Command {}

    record NotificationSeen(Neighbor neighbor, long generation, io.bgplet.wire.Notification notification, boolean sent) implements Command {}

    record EndOfRib(Neighbor neighbor, long generation, Family family) implements Command {}

    record Refresh(Neighbor neighbor, long generation, RouteRefresh refresh) implements Command {}

    record Down(Neighbor neighbor, long generation, String reason, boolean retainStale) implements Command {}

    record Writable(Neighbor neighbor) implements Command {}

    /** The peer's restart time (or our stale-path bound) ran out before its End-of-RIB. */
    record StaleTimeout(Neighbor neighbor, long epoch) implements Command {}

    record LocalPaths(String origin, List<LocalPath> add, List<LocalPath> remove, CompletableFuture<Void> done) implements Command {}

    record Operate(java.net.InetAddress neighbor, NeighborOperation operation, CompletableFuture<Void> done) implements Command {}

    record SetGlobalPolicy(GlobalPolicy policy, CompletableFuture<Void> done) implements Command {}

    /** Runs a read on the writer so it sees a consistent RIB. */
    record Query<T>(Function<SpeakerView, T> read, CompletableFuture<T> result) implements Command {}

    record Stop(boolean graceful, CompletableFuture<Void> done) implements Command {}
}
