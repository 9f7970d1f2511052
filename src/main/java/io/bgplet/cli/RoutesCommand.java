package io.bgplet.cli;

import apipb.Gobgp;
import com.google.protobuf.Timestamp;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bgplet routes}: {@code cilium bgp routes}. available = the Loc-RIB (ListPath GLOBAL),
 * advertised = each peer's Adj-RIB-Out (ListPath ADJ_OUT).
 */
@Command(name = "routes", description = {"List routes, like 'cilium bgp routes'.",
        "routes [available|advertised] [ipv4|ipv6] [unicast] [vrouter <asn>] [peer <address>]"})
final class RoutesCommand implements Callable<Integer> {
    @ParentCommand BgpletCli root;
    @Spec CommandSpec spec;
    @Parameters(arity = "0..*", paramLabel = "ARG") List<String> args = new ArrayList<>();

    /** One printed row: a path of a destination, with the peer it was advertised to (advertised only). */
    record Route(String peer, String prefix, Gobgp.Path path) {}

    @Override
    public Integer call() {
        RouteQuery q = RouteQuery.parse(args);
        PrintWriter out = spec.commandLine().getOut();
        if (q.defaulted() && root.output != BgpletCli.Format.json) out.println(RouteQuery.DEFAULT_NOTE + "\n");
        try (Connection c = root.connect()) {
            Gobgp.Global global;
            List<Route> routes = new ArrayList<>();
            try {
                global = c.blocking().getBgp(Gobgp.GetBgpRequest.getDefaultInstance()).getGlobal();
                if (q.advertised()) {
                    List<String> peers = new ArrayList<>();
                    if (q.peer() != null) peers.add(q.peer());
                    else c.blocking().listPeer(Gobgp.ListPeerRequest.getDefaultInstance()).forEachRemaining(r ->
                            peers.add(r.getPeer().getState().getNeighborAddress().isEmpty()
                                    ? r.getPeer().getConf().getNeighborAddress() : r.getPeer().getState().getNeighborAddress()));
                    for (String peer : peers) list(c, q, Gobgp.TableType.ADJ_OUT, peer, routes);
                } else {
                    list(c, q, Gobgp.TableType.GLOBAL, "", routes);
                    if (q.peer() != null) routes.removeIf(r -> !q.peer().equals(r.path().getNeighborIp()));
                }
            } catch (StatusRuntimeException e) {
                throw c.failure(e);
            }
            long asn = Integer.toUnsignedLong(global.getAsn());
            if (q.vrouter() != null && q.vrouter() != asn) routes.clear();
            String node = root.nodeName(global.getRouterId());
            boolean peerColumn = q.advertised() && q.peer() == null;
            out.print(root.output == BgpletCli.Format.table ? table(node, asn, peerColumn, routes, Instant.now())
                    : Output.render(Map.of(node, json(asn, routes, Instant.now())), root.output));
        }
        return 0;
    }

    private static void list(Connection c, RouteQuery q, Gobgp.TableType table, String name, List<Route> into) {
        c.blocking().listPath(Gobgp.ListPathRequest.newBuilder().setTableType(table).setName(name).setFamily(q.family())
                .setSortType(Gobgp.ListPathRequest.SortType.PREFIX).build()).forEachRemaining(r -> {
            for (Gobgp.Path p : r.getDestination().getPathsList()) {
                String from = p.getNeighborIp().equals("<nil>") ? "" : p.getNeighborIp(); // GoBGP marks local paths "<nil>"
                into.add(new Route(table == Gobgp.TableType.ADJ_OUT ? name : from, r.getDestination().getPrefix(), p));
            }
        });
    }

    static String table(String node, long asn, boolean peerColumn, List<Route> routes, Instant now) {
        TabWriter w = new TabWriter();
        w.println(peerColumn ? "Node\tVRouter\tPeer\tPrefix\tNextHop\tAge\tAttrs" : "Node\tVRouter\tPrefix\tNextHop\tAge\tAttrs");
        for (int i = 0; i < routes.size(); i++) {
            Route r = routes.get(i);
            w.print((i == 0 ? node : "") + "\t" + asn + "\t");
            if (peerColumn) w.print(r.peer() + "\t");
            w.print(prefix(r) + "\t" + PathText.nextHop(r.path()) + "\t" + GoDuration.rounded(age(r.path(), now)) + "\t"
                    + PathText.attrs(r.path()) + "\t\n");
        }
        return w.flush();
    }

    private static String prefix(Route r) {
        return r.prefix().isEmpty() ? PathText.prefix(r.path()) : r.prefix();
    }

    static Duration age(Gobgp.Path p, Instant now) {
        Timestamp t = p.getAge();
        return t.getSeconds() == 0 ? Duration.ZERO : Duration.between(Instant.ofEpochSecond(t.getSeconds(), t.getNanos()), now);
    }

    /** cilium's BgpRoute model (router-asn, neighbor, prefix, paths); NLRI and attributes decoded, not base64. */
    static List<Map<String, Object>> json(long asn, List<Route> routes, Instant now) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Route r : routes) {
            Map<String, Object> path = new LinkedHashMap<>();
            path.put("age-nanoseconds", age(r.path(), now).toNanos());
            path.put("best", r.path().getBest());
            path.put("stale", r.path().getStale());
            Map<String, Object> family = new LinkedHashMap<>();
            family.put("afi", PathText.afi(r.path().getFamily()));
            family.put("safi", PathText.safi(r.path().getFamily()));
            path.put("family", family);
            path.put("nlri", Output.any(r.path().getNlri()));
            path.put("path-attributes", r.path().getPattrsList().stream().map(Output::any).toList());
            Map<String, Object> route = new LinkedHashMap<>();
            route.put("router-asn", asn);
            route.put("neighbor", r.peer());
            route.put("prefix", prefix(r));
            route.put("paths", List.of(path));
            out.add(route);
        }
        return out;
    }
}
