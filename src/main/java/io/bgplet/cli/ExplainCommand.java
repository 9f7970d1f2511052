package io.bgplet.cli;

import apipb.Gobgp;
import io.grpc.StatusRuntimeException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code bgplet explain <prefix>}: every path of the prefix in the Loc-RIB, the server's best
 * marked {@code *>}, the comparison fields, and the step that made the best path win (worked
 * out client-side by {@link BestPathOrder}: the latest step needed to beat every other path).
 */
@Command(name = "explain", description = "Show all paths of a prefix and why the best one won.")
final class ExplainCommand implements Callable<Integer> {
    @ParentCommand BgpletCli root;
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "PREFIX") String prefix;

    @Override
    public Integer call() {
        Gobgp.Path probe = RibCommand.path(prefix, List.of(), java.time.Instant.now());
        List<Gobgp.Path> paths = new ArrayList<>();
        try (Connection c = root.connect()) {
            try {
                c.blocking().listPath(Gobgp.ListPathRequest.newBuilder().setTableType(Gobgp.TableType.GLOBAL)
                        .setFamily(probe.getFamily()).addPrefixes(Gobgp.TableLookupPrefix.newBuilder().setPrefix(prefix))
                        .build()).forEachRemaining(r -> {
                    if (r.getDestination().getPrefix().equals(PathText.prefix(probe))) paths.addAll(r.getDestination().getPathsList());
                });
            } catch (StatusRuntimeException e) {
                throw c.failure(e);
            }
        }
        if (paths.isEmpty()) throw new CliException("network " + prefix + " not in table");
        spec.commandLine().getOut().print(explain(PathText.prefix(probe), paths));
        return 0;
    }

    static String explain(String prefix, List<Gobgp.Path> paths) {
        int best = -1;
        for (int i = 0; i < paths.size(); i++) if (paths.get(i).getBest()) { best = i; break; }
        StringBuilder head = new StringBuilder(prefix + ": " + paths.size() + (paths.size() == 1 ? " path" : " paths"));
        List<BestPathOrder.Fields> fields = paths.stream().map(BestPathOrder.Fields::of).toList();
        if (best < 0) {
            head.append(", no best path");
        } else if (paths.size() == 1) {
            head.append(", best is the only path");
        } else {
            BestPathOrder.Step deciding = BestPathOrder.Step.LOCAL_ORIGIN;
            boolean consistent = true;
            for (int i = 0; i < paths.size(); i++) {
                if (i == best) continue;
                BestPathOrder.Outcome o = BestPathOrder.compare(fields.get(best), fields.get(i));
                if (!o.firstWins() && o.step() != BestPathOrder.Step.EQUAL) consistent = false;
                if (o.step().ordinal() > deciding.ordinal()) deciding = o.step();
            }
            head.append(", best via ").append(PathText.nextHop(paths.get(best)))
                    .append(consistent ? ", decided by " + deciding.text
                            : ", but the client-side RFC 4271 order prefers another path (the server may use options the API does not show)");
        }
        TabWriter w = new TabWriter();
        w.println("Best\tPeer\tRouter ID\tNextHop\tLocal Pref\tAS Path\tAS Path Len\tOrigin\tMED\teBGP\tAttrs");
        for (int i = 0; i < paths.size(); i++) {
            Gobgp.Path p = paths.get(i);
            BestPathOrder.Fields f = fields.get(i);
            w.print((p.getBest() ? "*>" : "*") + "\t" + (f.local() ? "local" : f.peer()) + "\t" + f.routerId() + "\t"
                    + PathText.nextHop(p) + "\t" + f.localPref() + "\t" + asPath(p) + "\t" + f.asPathLength() + "\t"
                    + PathText.origin(f.origin()) + "\t" + f.med() + "\t" + (f.external() ? "yes" : "no") + "\t"
                    + PathText.otherAttrs(p) + "\n");
        }
        return head + "\n" + w.flush();
    }

    private static String asPath(Gobgp.Path p) {
        return p.getPattrsList().stream().filter(a -> a.is(apipb.Attribute.AsPathAttribute.class)).findFirst()
                .map(a -> PathText.asPath(PathText.unpack(a, apipb.Attribute.AsPathAttribute.class).getSegmentsList()))
                .filter(s -> !s.isEmpty()).orElse("-");
    }
}
