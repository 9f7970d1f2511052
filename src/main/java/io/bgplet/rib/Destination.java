package io.bgplet.rib;

import java.util.Arrays;
import java.util.List;

/**
 * A Loc-RIB destination with two or more candidate paths (one path is stored bare, without
 * this holder). Candidates are kept ordered by source id, at most one per source; the
 * selection is recomputed lazily after a change.
 */
final class Destination {
    private Path[] paths;
    private int count;
    Selection selection; // null: changed since the last decision

    Destination(Path a, Path b) {
        paths = new Path[] {a, b};
        count = 2;
        if (a.source().id() > b.source().id()) {
            paths[0] = b;
            paths[1] = a;
        }
    }

    int count() {
        return count;
    }

    Path only() {
        return paths[0];
    }

    /** Adds or replaces the candidate of path's source; returns the replaced one, or null. */
    Path put(Path path) {
        selection = null;
        int id = path.source().id();
        int i = indexOf(id);
        if (i >= 0) {
            Path old = paths[i];
            paths[i] = path;
            return old;
        }
        int at = -i - 1;
        if (count == paths.length) paths = Arrays.copyOf(paths, count + 2);
        System.arraycopy(paths, at, paths, at + 1, count - at);
        paths[at] = path;
        count++;
        return null;
    }

    /** Removes the candidate of source; returns whether there was one. */
    boolean remove(Source source) {
        int i = indexOf(source.id());
        if (i < 0) return false;
        selection = null;
        System.arraycopy(paths, i + 1, paths, i, count - i - 1);
        paths[--count] = null;
        return true;
    }

    Path get(Source source) {
        int i = indexOf(source.id());
        return i < 0 ? null : paths[i];
    }

    Selection select(DecisionOptions options) {
        if (selection == null) selection = BestPath.select(paths, count, options);
        return selection;
    }

    List<Path> candidates() {
        return List.of(Arrays.copyOf(paths, count));
    }

    private int indexOf(int id) {
        int lo = 0, hi = count - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Integer.compare(paths[mid].source().id(), id);
            if (c == 0) return mid;
            if (c < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return -lo - 1;
    }
}
