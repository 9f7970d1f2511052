package io.bgplet.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * AS numbers across a 2-octet ("OLD") session (RFC 6793 4.2): going out, ASNs that do not
 * fit become AS_TRANS and AS4_PATH / AS4_AGGREGATOR carry the real ones; coming in, those
 * are merged back so the rest of bgplet sees only 4-octet AS_PATH and AGGREGATOR.
 */
final class As4Conversion {
    private As4Conversion() {}

    /** RFC 6793 4.2.3: the attributes with AS4_PATH and AS4_AGGREGATOR folded in and removed. */
    static List<Attribute> merge(List<Attribute> attributes) {
        int pathAt = -1, aggAt = -1;
        Attribute.As4Path as4Path = null;
        Attribute.As4Aggregator as4Agg = null;
        for (int i = 0; i < attributes.size(); i++) {
            switch (attributes.get(i)) {
                case Attribute.AsPath p -> pathAt = i;
                case Attribute.Aggregator g -> aggAt = i;
                case Attribute.As4Path p -> as4Path = p;
                case Attribute.As4Aggregator g -> as4Agg = g;
                default -> { }
            }
        }
        if (as4Path == null && as4Agg == null) return attributes;
        List<Attribute> out = new ArrayList<>(attributes.size());
        for (Attribute a : attributes) if (!(a instanceof Attribute.As4Path) && !(a instanceof Attribute.As4Aggregator)) out.add(a);
        Attribute.Aggregator agg = aggAt < 0 ? null : (Attribute.Aggregator) attributes.get(aggAt);
        if (agg != null && agg.asn() != Open.AS_TRANS) {
            // An OLD speaker aggregated after the AS4 attributes were made: both are stale.
            return out;
        }
        if (agg != null && as4Agg != null) out.set(out.indexOf(agg), new Attribute.Aggregator(as4Agg.asn(), as4Agg.address()));
        if (as4Path != null && pathAt >= 0) {
            Attribute.AsPath path = (Attribute.AsPath) attributes.get(pathAt);
            out.set(out.indexOf(path), mergePath(path, as4Path));
        }
        return out;
    }

    /**
     * Takes as many leading ASNs of AS_PATH as AS4_PATH lacks, then AS4_PATH; confederation
     * segments at the front of AS_PATH are kept since AS4_PATH never carries them.
     */
    static Attribute.AsPath mergePath(Attribute.AsPath path, Attribute.As4Path as4) {
        int need = path.selectionLength() - new Attribute.AsPath(as4.segments()).selectionLength();
        if (need < 0) return path;
        List<AsPathSegment> out = new ArrayList<>();
        boolean tookNonConfed = false;
        for (AsPathSegment s : path.segments()) {
            boolean confed = s.type() == AsPathSegment.AS_CONFED_SEQUENCE || s.type() == AsPathSegment.AS_CONFED_SET;
            if (need <= 0 && (!confed || tookNonConfed)) break;
            if (confed) {
                out.add(s);
            } else if (s.type() == AsPathSegment.AS_SET) {
                out.add(s);
                need--;
                tookNonConfed = true;
            } else {
                int take = Math.min(need, s.size());
                long[] asns = new long[take];
                for (int i = 0; i < take; i++) asns[i] = s.asn(i);
                out.add(new AsPathSegment(AsPathSegment.AS_SEQUENCE, asns));
                need -= take;
                tookNonConfed = true;
                if (take < s.size()) break;
            }
        }
        List<AsPathSegment> tail = as4.segments();
        int from = 0;
        if (!out.isEmpty() && !tail.isEmpty() && out.getLast().type() == AsPathSegment.AS_SEQUENCE
                && tail.getFirst().type() == AsPathSegment.AS_SEQUENCE && out.getLast().size() + tail.getFirst().size() <= 255) {
            long[] a = out.getLast().asns(), b = tail.getFirst().asns();
            long[] joined = new long[a.length + b.length];
            System.arraycopy(a, 0, joined, 0, a.length);
            System.arraycopy(b, 0, joined, a.length, b.length);
            out.set(out.size() - 1, new AsPathSegment(AsPathSegment.AS_SEQUENCE, joined));
            from = 1;
        }
        out.addAll(tail.subList(from, tail.size()));
        return new Attribute.AsPath(out);
    }

    /** RFC 6793 4.2.2: the AS4_PATH to add for an OLD peer, or null when every ASN fits. */
    static Attribute.As4Path as4Path(Attribute.AsPath path) {
        boolean wide = false;
        List<AsPathSegment> segments = new ArrayList<>(path.segments().size());
        for (AsPathSegment s : path.segments()) {
            for (int i = 0; i < s.size(); i++) if (s.asn(i) > 0xFFFF) wide = true;
            // Confederation segments are never put in AS4_PATH (RFC 6793 3).
            if (s.type() == AsPathSegment.AS_SEQUENCE || s.type() == AsPathSegment.AS_SET) segments.add(s);
        }
        return wide && !segments.isEmpty() ? new Attribute.As4Path(segments) : null;
    }

    /** RFC 6793 4.2.2: the AS4_AGGREGATOR to add for an OLD peer, or null. */
    static Attribute.As4Aggregator as4Aggregator(Attribute.Aggregator agg) {
        return agg.asn() > 0xFFFF ? new Attribute.As4Aggregator(agg.asn(), agg.address()) : null;
    }
}
