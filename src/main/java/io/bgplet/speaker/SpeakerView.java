package io.bgplet.speaker;

import io.bgplet.rib.AdjRibIn;
import io.bgplet.rib.AdjRibOut;
import io.bgplet.rib.LocRib;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * What a query sees, on the writer thread, for the duration of the query only: the RIBs are
 * live structures, so a query copies out what it needs and must not keep references.
 */
public interface SpeakerView {
    InstanceConfig config();

    List<NeighborStatus> neighbors();

    LocRib locRib();

    Optional<AdjRibIn> adjRibIn(InetAddress neighbor);

    Optional<AdjRibOut> adjRibOut(InetAddress neighbor, io.bgplet.wire.Family family);

    /** The run-time default actions (the API's global policy assignment). */
    default GlobalPolicy globalPolicy() {
        return GlobalPolicy.CONFIGURED;
    }
}
