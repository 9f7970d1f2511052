package io.bgplet.rib;

import io.bgplet.wire.Family;
import io.bgplet.wire.Prefix;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * The Loc-RIB (RFC 4271 3.2 and 9.1): for each destination, the candidate paths from every
 * peer's Adj-RIB-In after import policy and from local origination, and the selected best
 * path with the step that decided it.
 *
 * <p>Changes arrive as a batch ({@link #update}, {@link #withdraw}) and {@link #commit()}
 * runs the decision only for the destinations the batch touched, returning those whose
 * best path or multipath set changed, so export walks only those. A destination with one
 * candidate is stored as the bare {@link Path}: a full table from one peer costs one small
 * object per prefix and a {@link LongTable} slot.
 *
 * <p>With an {@link AttributeInterner}, each stored candidate holds a reference on its set
 * (retained when added, released when replaced or withdrawn).
 *
 * <p>Single writer; not thread-safe.
 */
public final class LocRib {
    private static final Object NONE = new Object();

    private final DecisionOptions options;
    private final PrefixMap<Object> table = new PrefixMap<>();      // Path or Destination
    private PrefixMap<Object> before = new PrefixMap<>();     // state when first touched in the batch
    private List<Prefix> touched = new ArrayList<>();
    private final AttributeInterner interner; // null: sets are not counted (tests)

    public LocRib(DecisionOptions options) {
        this(options, null);
    }

    public LocRib(DecisionOptions options, AttributeInterner interner) {
        this.options = options;
        this.interner = interner;
    }

    public DecisionOptions options() {
        return options;
    }

    /**
     * Adds path as its source's candidate for prefix, replacing that source's previous one.
     * Returns whether the source already had a candidate there (so callers keep counts
     * without a second lookup).
     */
    public boolean update(Prefix prefix, Path candidate) {
        Object current = table.get(prefix);
        remember(prefix, current);
        Path path = retain(candidate);
        switch (current) {
            case null -> {
                table.put(prefix, path);
                return false;
            }
            case Path p when p.source().id() == path.source().id() -> {
                table.put(prefix, path);
                release(p);
                return true;
            }
            case Path p -> {
                table.put(prefix, new Destination(p, path));
                return false;
            }
            case Destination d -> {
                Path old = d.put(path);
                release(old);
                return old != null;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** Removes source's candidate for prefix, if it has one; returns whether it had one. */
    public boolean withdraw(Prefix prefix, Source source) {
        Object current = table.get(prefix);
        switch (current) {
            case null -> {
                return false;
            }
            case Path p when p.source().id() == source.id() -> {
                remember(prefix, current);
                table.remove(prefix);
                release(p);
                return true;
            }
            case Path p -> {
                return false;
            }
            case Destination d -> {
                Path old = d.get(source);
                if (old == null) return false;
                remember(prefix, current);
                d.remove(source);
                release(old);
                if (d.count() == 1) table.put(prefix, d.only());
                return true;
            }
            default -> throw new IllegalStateException();
        }
    }

    /** path with a reference taken on its set: itself, or a copy holding the canonical set. */
    private Path retain(Path path) {
        if (interner == null) return path;
        PathAttributes a = interner.retain(path.attributes());
        return a == path.attributes() ? path : new Path(path.source(), a);
    }

    private void release(Path path) {
        if (interner != null && path != null) interner.release(path.attributes());
    }

    /** Whether source has a candidate for prefix. */
    public boolean hasCandidate(Prefix prefix, Source source) {
        return switch (table.get(prefix)) {
            case null -> false;
            case Path p -> p.source().id() == source.id();
            case Destination d -> d.get(source) != null;
            default -> throw new IllegalStateException();
        };
    }

    private void remember(Prefix prefix, Object current) {
        if (before.get(prefix) != null) return;
        Object state = switch (current) {
            case null -> NONE;
            case Destination d -> d.select(options);
            default -> current;
        };
        before.put(prefix, state);
        touched.add(prefix);
    }

    /** Runs the decision for the batch and returns the destinations whose outcome changed. */
    public List<BestChange> commit() {
        List<BestChange> changes = new ArrayList<>();
        for (Prefix prefix : touched) {
            Object was = before.remove(prefix);
            Path oldBest;
            List<Path> oldMulti;
            switch (was) {
                case Path p -> { oldBest = p; oldMulti = null; }
                case Selection s -> { oldBest = s.best(); oldMulti = s.multipath(); }
                default -> { oldBest = null; oldMulti = List.of(); }
            }
            Path newBest;
            List<Path> newMulti;
            switch (table.get(prefix)) {
                case null -> { newBest = null; newMulti = List.of(); }
                case Path p -> { newBest = p; newMulti = null; }
                case Destination d -> {
                    Selection s = d.select(options);
                    newBest = s.best();
                    newMulti = s.multipath();
                }
                default -> throw new IllegalStateException();
            }
            if (newBest == null) {
                if (oldBest != null) changes.add(new BestChange(prefix, oldBest, null, List.of()));
                continue;
            }
            // null stands for "just the best" on either side.
            boolean sameMulti = oldMulti == null && newMulti == null
                    || (oldMulti == null ? isOnly(newMulti, oldBest) : newMulti == null ? isOnly(oldMulti, newBest) : oldMulti.equals(newMulti));
            if (!newBest.equals(oldBest) || !sameMulti) {
                changes.add(new BestChange(prefix, oldBest, newBest, newMulti == null ? List.of(newBest) : newMulti));
            }
        }
        if (touched.size() > 262_144) {
            // A huge batch (a whole table in one commit) must not pin its bookkeeping. Smaller
            // ones keep it: the speaker's batches (up to 20,000 UPDATEs, about 80,000 prefixes)
            // rebuilt and regrew this map on every commit, 7 % of a full table's allocation (JFR).
            before = new PrefixMap<>();
            touched = new ArrayList<>();
        } else {
            touched.clear();
        }
        return changes;
    }

    private static boolean isOnly(List<Path> multipath, Path p) {
        return multipath.size() == 1 && multipath.getFirst().equals(p);
    }

    /** The current decision for prefix, or null when it has no candidate. */
    public Selection selection(Prefix prefix) {
        return switch (table.get(prefix)) {
            case null -> null;
            case Path p -> Selection.only(p);
            case Destination d -> d.select(options);
            default -> throw new IllegalStateException();
        };
    }

    public Path best(Prefix prefix) {
        return switch (table.get(prefix)) {
            case null -> null;
            case Path p -> p;
            case Destination d -> d.select(options).best();
            default -> throw new IllegalStateException();
        };
    }

    /** Every candidate for prefix, ordered by source id. */
    public List<Path> candidates(Prefix prefix) {
        return switch (table.get(prefix)) {
            case null -> List.of();
            case Path p -> List.of(p);
            case Destination d -> d.candidates();
            default -> throw new IllegalStateException();
        };
    }

    /** Destinations of the family with at least one candidate. */
    public int size(Family family) {
        return table.size(family);
    }

    /** Visits each destination's best path; must not run inside an open batch. */
    public void forEachBest(Family family, BiConsumer<? super Prefix, ? super Path> visitor) {
        table.forEach(family, (prefix, value) -> visitor.accept(prefix, switch (value) {
            case Path p -> p;
            case Destination d -> d.select(options).best();
            default -> throw new IllegalStateException();
        }));
    }

    /** Visits each destination's decision (best, deciding step, multipath), for listings. */
    public void forEachSelection(Family family, BiConsumer<? super Prefix, ? super Selection> visitor) {
        table.forEach(family, (prefix, value) -> visitor.accept(prefix, switch (value) {
            case Path p -> Selection.only(p);
            case Destination d -> d.select(options);
            default -> throw new IllegalStateException();
        }));
    }

    /** A snapshot of the family's destinations. */
    public List<Prefix> prefixes(Family family) {
        return table.prefixes(family);
    }
}
