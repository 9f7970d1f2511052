package io.bgplet.wire;

/**
 * ROUTE-REFRESH (RFC 2918), with the message subtype of enhanced route refresh (RFC 7313):
 * 0 normal request, 1 BoRR (beginning of refresh), 2 EoRR (end of refresh).
 */
public record RouteRefresh(Family family, int subtype) implements Message {
    public static final int REQUEST = 0;
    public static final int BORR = 1;
    public static final int EORR = 2;

    public static RouteRefresh request(Family family) {
        return new RouteRefresh(family, REQUEST);
    }

    @Override
    public int type() {
        return TYPE_ROUTE_REFRESH;
    }
}
