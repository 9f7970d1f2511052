package io.bgplet.wire;

/**
 * What the codec must know of a session: whether 4-octet AS numbers were negotiated
 * (RFC 6793), whether extended messages were (RFC 8654, 65535 octets instead of 4096), and
 * whether the peer is internal (RFC 7606 treats LOCAL_PREF, ORIGINATOR_ID and CLUSTER_LIST
 * from an external peer differently).
 */
public record CodecOptions(boolean fourOctetAs, boolean extendedMessages, boolean internalPeer) {
    /** Before OPEN is exchanged: 2-octet AS, 4096-octet messages. */
    public static final CodecOptions INITIAL = new CodecOptions(false, false, false);
    public static final CodecOptions MODERN = new CodecOptions(true, false, false);

    public int maxMessageLength() {
        return extendedMessages ? 65535 : 4096;
    }
}
