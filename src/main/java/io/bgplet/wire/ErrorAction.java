package io.bgplet.wire;

/** RFC 7606 section 2 error handling approaches, weakest first. */
public enum ErrorAction {
    /** Nothing wrong. */
    NONE,
    /** A malformed attribute that cannot affect route selection was dropped (RFC 7606 2). */
    ATTRIBUTE_DISCARD,
    /** The UPDATE's routes are treated as withdrawn (RFC 7606 2). */
    TREAT_AS_WITHDRAW,
    /** The session must be reset with a NOTIFICATION (RFC 4271 6, RFC 7606 3). */
    SESSION_RESET;

    public ErrorAction strongest(ErrorAction other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
