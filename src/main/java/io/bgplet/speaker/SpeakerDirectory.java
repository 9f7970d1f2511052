package io.bgplet.speaker;

import java.util.Map;
import java.util.Optional;

/**
 * Where the running speakers are, for readers outside the control loop (the API): the
 * process that creates speakers implements it, so those readers need not depend on it.
 */
public interface SpeakerDirectory {
    /** The first instance's speaker in desired-state order, if it runs. */
    Optional<Speaker> first();

    /** Every running speaker by instance name. */
    Map<String, Speaker> speakers();

    /** Instance names in desired-state order (the first is {@link #first()}'s). */
    default java.util.List<String> instanceNames() {
        return java.util.List.copyOf(speakers().keySet());
    }
}
