package io.bgplet.speaker;

import io.bgplet.rib.BestChange;
import io.bgplet.wire.Family;

import java.util.List;

/**
 * What a speaker reports as it runs: for the API's WatchEvent, metrics, status and kernel
 * route installation. Called on the writer thread: implementations must return quickly and
 * must not call back into the speaker synchronously.
 */
public interface SpeakerListener {
    default void onNeighborState(NeighborStatus status) {}

    /** Best paths or multipath sets that changed in one batch. */
    default void onBestChanges(Family family, List<BestChange> changes) {}

    /** A neighbour's End-of-RIB marker for a family (RFC 4724 2): its initial routes are all in. */
    default void onEndOfRib(String neighbor, java.net.InetAddress address, Family family) {}

    /** An RFC 7606 action taken on a malformed UPDATE. */
    default void onError(String neighbor, String what) {}

    /** A NOTIFICATION sent to or received from a neighbour. */
    default void onNotification(String neighbor, java.net.InetAddress address, io.bgplet.wire.Notification notification, boolean sent) {}
}
