package io.bgplet.cli;

import apipb.Attribute;
import apipb.Gobgp;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

/**
 * {@code bgplet watch}: WatchEvent on peer state and the BEST table, one line per event in
 * gobgp's monitor format: {@code <UTC time> [NEIGH] <addr> fsm: <STATE> admin: <ADMIN>} and
 * {@code <UTC time> [ROUTE|DELROUTE] <prefix> via <next hop> aspath [..] attrs [..]}.
 */
@Command(name = "watch", description = "Stream peer state changes and best-path changes until interrupted.")
final class WatchCommand implements java.util.concurrent.Callable<Integer> {
    @ParentCommand BgpletCli root;
    @Spec CommandSpec spec;
    @Option(names = "--current", description = "First replay the current best paths.") boolean current;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Connection c = root.connect()) {
            Gobgp.WatchEventRequest request = Gobgp.WatchEventRequest.newBuilder()
                    .setPeer(Gobgp.WatchEventRequest.Peer.getDefaultInstance())
                    .setTable(Gobgp.WatchEventRequest.Table.newBuilder().addFilters(Gobgp.WatchEventRequest.Table.Filter.newBuilder()
                            .setType(Gobgp.WatchEventRequest.Table.Filter.Type.BEST).setInit(current)))
                    .build();
            try {
                Iterator<Gobgp.WatchEventResponse> events = c.blocking().watchEvent(request);
                while (events.hasNext()) {
                    for (String line : lines(events.next(), Instant.now())) {
                        out.println(line);
                    }
                    out.flush();
                }
            } catch (StatusRuntimeException e) {
                throw c.failure(e);
            }
        }
        return 0;
    }

    static java.util.List<String> lines(Gobgp.WatchEventResponse event, Instant now) {
        String ts = now.truncatedTo(ChronoUnit.SECONDS).toString();
        return switch (event.getEventCase()) {
            case PEER -> {
                Gobgp.WatchEventResponse.PeerEvent e = event.getPeer();
                if (e.getType() != Gobgp.WatchEventResponse.PeerEvent.Type.STATE
                        && e.getType() != Gobgp.WatchEventResponse.PeerEvent.Type.INIT) yield java.util.List.of();
                Gobgp.PeerState s = e.getPeer().getState();
                String address = s.getNeighborAddress().isEmpty() ? e.getPeer().getConf().getNeighborAddress() : s.getNeighborAddress();
                yield java.util.List.of(ts + " [NEIGH] " + address + " fsm: " + s.getSessionState() + " admin: " + s.getAdminState());
            }
            case TABLE -> event.getTable().getPathsList().stream().map(p -> ts + (p.getIsWithdraw() ? " [DELROUTE] " : " [ROUTE] ")
                    + PathText.prefix(p) + " via " + PathText.nextHop(p) + " aspath [" + asPath(p) + "] attrs "
                    + PathText.otherAttrs(p)).toList();
            case EVENT_NOT_SET -> java.util.List.of();
        };
    }

    private static String asPath(Gobgp.Path p) {
        return p.getPattrsList().stream().filter(a -> a.is(Attribute.AsPathAttribute.class)).findFirst()
                .map(a -> PathText.asPath(PathText.unpack(a, Attribute.AsPathAttribute.class).getSegmentsList())).orElse("");
    }
}
