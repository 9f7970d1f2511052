package io.bgplet.wire;

/**
 * What the first 19 octets of a BGP stream say about the next message (RFC 4271 4.1, 6.1):
 * a frame decoder asks {@link MessageCodec#frameLength} before the whole message arrived,
 * so a bad marker, length or type is refused without buffering the rest.
 */
public sealed interface Framing {

    /** Fewer than 19 octets are readable. */
    record NeedMore() implements Framing {
        public static final NeedMore INSTANCE = new NeedMore();
    }

    /** A plausible header: the message is {@code length} octets long, header included. */
    record Frame(int length, int type) implements Framing {}

    /** The header is wrong: send the NOTIFICATION and close. */
    record Invalid(DecodeResult.Fatal fatal) implements Framing {}
}
