package io.bgplet.cli;

import java.time.Duration;

/** Go's {@code time.Duration.Round(time.Second).String()}, the form cilium prints: {@code 33m26s}, {@code 1h0m5s}, {@code 0s}. */
final class GoDuration {
    private GoDuration() {}

    static String rounded(Duration d) {
        long nanos = d.toNanos();
        // Round halves away from zero, as Go's Duration.Round does.
        long seconds = Math.abs(nanos) / 1_000_000_000L + (Math.abs(nanos) % 1_000_000_000L >= 500_000_000L ? 1 : 0);
        if (seconds == 0) return "0s";
        String sign = nanos < 0 ? "-" : "";
        long h = seconds / 3600, m = seconds % 3600 / 60, s = seconds % 60;
        if (h > 0) return sign + h + "h" + m + "m" + s + "s";
        if (m > 0) return sign + m + "m" + s + "s";
        return sign + s + "s";
    }
}
