package io.bgplet.speaker;

import io.bgplet.session.Negotiated;
import io.bgplet.session.State;
import io.bgplet.wire.Family;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A neighbour as the API and status see it: an immutable snapshot taken on the writer.
 *
 * @param config       its configuration
 * @param state        FSM state
 * @param adminDown    disabled by an operator
 * @param negotiated   what OPEN agreed on, while Established
 * @param establishedAt when it last reached Established, or null
 * @param downAt       when it last left Established, or null
 * @param families     route counts per family
 * @param counters     messages sent and received
 * @param lastError    why the session last went down, or empty
 * @param opens        both OPENs while Established
 */
public record NeighborStatus(NeighborConfig config, State state, boolean adminDown, Optional<Negotiated> negotiated,
                             Instant establishedAt, Instant downAt, Map<Family, RouteCounts> families,
                             MessageCounters counters, String lastError, Optional<Opens> opens) {

    /** Without the OPENs (callers from before they were kept). */
    public NeighborStatus(NeighborConfig config, State state, boolean adminDown, Optional<Negotiated> negotiated,
                          Instant establishedAt, Instant downAt, Map<Family, RouteCounts> families,
                          MessageCounters counters, String lastError) {
        this(config, state, adminDown, negotiated, establishedAt, downAt, families, counters, lastError, Optional.empty());
    }

    /**
     * The OPEN messages of the Established session: what each side advertised (RFC 5492),
     * before negotiation kept only the common part.
     */
    public record Opens(io.bgplet.wire.Open sent, io.bgplet.wire.Open received) {}

    /** received: in Adj-RIB-In; accepted: eligible in the Loc-RIB; advertised: in Adj-RIB-Out. */
    public record RouteCounts(int received, int accepted, int advertised) {}

    public record MessageCounters(long updatesIn, long updatesOut, long notificationsIn, long notificationsOut,
                                  long refreshIn, long withdrawnByError, long opensIn, long opensOut,
                                  long keepalivesIn, long keepalivesOut) {
        /** Without OPEN and KEEPALIVE counts (callers from before they were counted). */
        public MessageCounters(long updatesIn, long updatesOut, long notificationsIn, long notificationsOut,
                               long refreshIn, long withdrawnByError) {
            this(updatesIn, updatesOut, notificationsIn, notificationsOut, refreshIn, withdrawnByError, 0, 0, 0, 0);
        }
    }
}
