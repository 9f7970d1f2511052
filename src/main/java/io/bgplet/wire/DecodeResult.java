package io.bgplet.wire;

import java.util.List;

/**
 * The outcome of decoding one message: errors are values, never exceptions (STYLE 4).
 */
public sealed interface DecodeResult {

    /** A well-formed message. */
    record Ok(Message message) implements DecodeResult {}

    /**
     * An UPDATE with errors RFC 7606 lets the session survive: {@code update} holds what
     * could be parsed (discarded attributes already removed); with
     * {@link ErrorAction#TREAT_AS_WITHDRAW} every prefix it names is to be withdrawn.
     * {@code problems} says what was wrong, one line each, for the log.
     */
    record Salvaged(Update update, ErrorAction action, List<String> problems) implements DecodeResult {
        public Salvaged {
            if (action != ErrorAction.ATTRIBUTE_DISCARD && action != ErrorAction.TREAT_AS_WITHDRAW) {
                throw new IllegalArgumentException("salvaged with " + action);
            }
            problems = List.copyOf(problems);
        }
    }

    /** The session must be reset: send {@code notification} and close. */
    record Fatal(Notification notification, String problem) implements DecodeResult {}
}
