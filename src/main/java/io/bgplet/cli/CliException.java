package io.bgplet.cli;

/** An error the user sees as {@code bgplet: <message>} with exit code 1. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
