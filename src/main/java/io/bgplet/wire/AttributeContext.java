package io.bgplet.wire;

/**
 * What an attribute decoder may know of the session, and where it reports why a value is
 * malformed. Decoders return null after {@link #malformed}; the table decides the action.
 */
final class AttributeContext {
    final CodecOptions options;
    /** The flags octet of the attribute being decoded, as received. */
    int flags;
    int subcode;
    String why;

    AttributeContext(CodecOptions options) {
        this.options = options;
    }

    /** Records a malformed value with the UPDATE error subcode RFC 4271 6.3 gives it; returns null. */
    Attribute malformed(int subcode, String why) {
        this.subcode = subcode;
        this.why = why;
        return null;
    }

    Attribute badLength(String name, int len) {
        return malformed(Notification.ATTRIBUTE_LENGTH_ERROR, name + " of length " + len);
    }
}
