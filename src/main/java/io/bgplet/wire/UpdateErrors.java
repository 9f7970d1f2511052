package io.bgplet.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors found in one UPDATE that let the session survive (RFC 7606 2): the strongest
 * action so far, a line per problem, and the NOTIFICATION to send should the UPDATE turn out
 * to carry no NLRI, when treat-as-withdraw becomes a session reset (RFC 7606 5.2).
 */
final class UpdateErrors {
    ErrorAction action = ErrorAction.NONE;
    Notification escalation;
    private List<String> problems;

    void add(ErrorAction a, Notification notification, String why) {
        action = action.strongest(a);
        if (a == ErrorAction.TREAT_AS_WITHDRAW && escalation == null) escalation = notification;
        if (problems == null) problems = new ArrayList<>(2);
        problems.add(why);
    }

    List<String> problems() {
        return problems == null ? List.of() : problems;
    }
}
