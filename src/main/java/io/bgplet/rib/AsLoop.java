package io.bgplet.rib;

import io.bgplet.wire.Attribute.AsPath;

/**
 * AS loop detection (RFC 4271 9.1.2: a route whose AS_PATH contains the local AS is not
 * eligible), relaxed by GoBGP's allow-own-as: the local AS may appear up to allowOwnAs times
 * (default 0), for hub-and-spoke designs that reuse one AS at many sites.
 */
public final class AsLoop {
    private AsLoop() {}

    public static boolean isLoop(AsPath path, long localAs, int allowOwnAs) {
        return path.occurrences(localAs) > allowOwnAs;
    }

    public static boolean isLoop(PathAttributes attributes, long localAs, int allowOwnAs) {
        return isLoop(attributes.asPath(), localAs, allowOwnAs);
    }
}
