package io.bgplet.cli;

import apipb.Attribute;
import apipb.Gobgp;
import com.google.protobuf.Any;

import java.util.List;

/**
 * GoBGP 3.10's Path has no best-path reason field, so {@code explain} re-applies the decision
 * order client-side to the fields the API returns: local origin, LOCAL_PREF (RFC 4271
 * 9.1.2.1), then RFC 4271 9.1.2.2 a-g (AS_PATH length, ORIGIN, MED within the same
 * neighbour AS, eBGP over iBGP, IGP cost - unknown to the client, skipped -, router id or
 * ORIGINATOR_ID, peer address).
 */
final class BestPathOrder {
    private BestPathOrder() {}

    enum Step {
        LOCAL_ORIGIN("locally originated"), LOCAL_PREF("local-pref (RFC 4271 9.1.2.1)"),
        AS_PATH_LENGTH("AS path length (RFC 4271 9.1.2.2 a)"), ORIGIN("origin (RFC 4271 9.1.2.2 b)"),
        MED("MED (RFC 4271 9.1.2.2 c)"), EBGP_OVER_IBGP("eBGP over iBGP (RFC 4271 9.1.2.2 d)"),
        ROUTER_ID("router id (RFC 4271 9.1.2.2 f)"), PEER_ADDRESS("peer address (RFC 4271 9.1.2.2 g)"),
        EQUAL("no difference");

        final String text;

        Step(String text) {
            this.text = text;
        }
    }

    /** The fields the comparison reads. */
    record Fields(boolean local, long localPref, int asPathLength, int origin, long med, long neighbourAs,
                  boolean external, String routerId, String peer) {
        static Fields of(Gobgp.Path p) {
            long localPref = 100, med = 0, firstAs = 0;
            int asLen = 0, origin = 0;
            String originator = null;
            for (Any a : p.getPattrsList()) {
                if (a.is(Attribute.LocalPrefAttribute.class)) localPref = Integer.toUnsignedLong(PathText.unpack(a, Attribute.LocalPrefAttribute.class).getLocalPref());
                else if (a.is(Attribute.MultiExitDiscAttribute.class)) med = Integer.toUnsignedLong(PathText.unpack(a, Attribute.MultiExitDiscAttribute.class).getMed());
                else if (a.is(Attribute.OriginAttribute.class)) origin = PathText.unpack(a, Attribute.OriginAttribute.class).getOrigin();
                else if (a.is(Attribute.OriginatorIdAttribute.class)) originator = PathText.unpack(a, Attribute.OriginatorIdAttribute.class).getId();
                else if (a.is(Attribute.AsPathAttribute.class)) {
                    List<Attribute.AsSegment> segs = PathText.unpack(a, Attribute.AsPathAttribute.class).getSegmentsList();
                    for (Attribute.AsSegment s : segs) {
                        // RFC 4271 9.1.2.2 a: an AS_SET counts 1; confederation segments count 0 (RFC 5065 5.3)
                        switch (s.getTypeValue()) {
                            case 1 -> asLen += 1;
                            case 2 -> asLen += s.getNumbersCount();
                            default -> { }
                        }
                        if (firstAs == 0 && s.getTypeValue() == 2 && s.getNumbersCount() > 0) firstAs = Integer.toUnsignedLong(s.getNumbers(0));
                    }
                }
            }
            boolean local = p.getNeighborIp().isEmpty() || p.getNeighborIp().equals("<nil>");
            String routerId = originator != null ? originator : p.getSourceId();
            return new Fields(local, localPref, asLen, origin, med, firstAs, p.getIsFromExternal(), routerId, p.getNeighborIp());
        }
    }

    /** The first step at which {@code a} and {@code b} differ, and whether {@code a} wins there. */
    record Outcome(Step step, boolean firstWins) {}

    static Outcome compare(Fields a, Fields b) {
        if (a.local != b.local) return new Outcome(Step.LOCAL_ORIGIN, a.local);
        if (a.localPref != b.localPref) return new Outcome(Step.LOCAL_PREF, a.localPref > b.localPref);
        if (a.asPathLength != b.asPathLength) return new Outcome(Step.AS_PATH_LENGTH, a.asPathLength < b.asPathLength);
        if (a.origin != b.origin) return new Outcome(Step.ORIGIN, a.origin < b.origin);
        if (a.neighbourAs == b.neighbourAs && a.med != b.med) return new Outcome(Step.MED, a.med < b.med);
        if (a.external != b.external) return new Outcome(Step.EBGP_OVER_IBGP, a.external);
        int id = compareAddresses(a.routerId, b.routerId);
        if (id != 0) return new Outcome(Step.ROUTER_ID, id < 0);
        int peer = compareAddresses(a.peer, b.peer);
        if (peer != 0) return new Outcome(Step.PEER_ADDRESS, peer < 0);
        return new Outcome(Step.EQUAL, true);
    }

    /** Numeric order of dotted or colon addresses (shorter first, then byte order); text order otherwise. */
    static int compareAddresses(String x, String y) {
        byte[] bx = bytes(x), by = bytes(y);
        if (bx == null || by == null) return x.compareTo(y);
        if (bx.length != by.length) return Integer.compare(bx.length, by.length);
        return java.util.Arrays.compareUnsigned(bx, by);
    }

    private static byte[] bytes(String s) {
        if (s == null || !s.matches("[0-9a-fA-F:.]+")) return null;
        try {
            return java.net.InetAddress.getByName(s).getAddress();
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
