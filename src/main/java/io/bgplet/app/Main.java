package io.bgplet.app;

import io.bgplet.cli.BgpletCli;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

import java.util.Arrays;

/**
 * One jar, two roles: no arguments or {@code run} starts the agent; anything else is a client
 * command handled by {@link BgpletCli} without booting Quarkus, so a client never binds a port.
 * Quarkus calls this main before it initialises anything.
 */
@QuarkusMain
public final class Main {
    private Main() {}

    public static void main(String... args) {
        if (args.length == 0 || args[0].equals("run")) {
            Quarkus.run(args.length == 0 ? args : Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        System.exit(BgpletCli.run(args));
    }
}
