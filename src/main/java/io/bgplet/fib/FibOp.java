package io.bgplet.fib;

import io.bgplet.wire.Prefix;

import java.net.InetAddress;
import java.util.List;

/** One decision of {@link Fib} for a destination. */
public sealed interface FibOp {
    Prefix prefix();

    /** Install (or replace) the route through these BGP next hops, still to be resolved. */
    record Install(Prefix prefix, List<InetAddress> nextHops) implements FibOp {
        public Install {
            nextHops = List.copyOf(nextHops);
            if (nextHops.isEmpty()) throw new IllegalArgumentException("install without next hops: " + prefix);
        }
    }

    /** Remove bgplet's route, if it has one. */
    record Remove(Prefix prefix) implements FibOp {
    }

    /** Leave the kernel alone for this prefix: a safety rule or a filter forbids it. */
    record Refuse(Prefix prefix, String reason) implements FibOp {
    }
}
