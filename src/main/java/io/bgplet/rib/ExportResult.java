package io.bgplet.rib;

import io.bgplet.wire.Prefix;

import java.util.List;

/**
 * What to send one peer: prefixes grouped by the attribute set they share, so the speaker
 * packs each group into as few UPDATEs as fit, and the prefixes to withdraw.
 */
public record ExportResult(List<Group> announcements, List<Prefix> withdrawals) {
    public ExportResult {
        announcements = List.copyOf(announcements);
        withdrawals = List.copyOf(withdrawals);
    }

    public record Group(PathAttributes attributes, List<Prefix> prefixes) {
        public Group {
            prefixes = List.copyOf(prefixes);
        }
    }

    public boolean isEmpty() {
        return announcements.isEmpty() && withdrawals.isEmpty();
    }

    public int announcedCount() {
        int n = 0;
        for (Group g : announcements) n += g.prefixes().size();
        return n;
    }
}
