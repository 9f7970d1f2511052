package io.bgplet.wire;

import io.netty.buffer.ByteBuf;

/** ROUTE-REFRESH (RFC 2918 3) with the RFC 7313 message subtype in the reserved octet. */
final class RouteRefreshCodec {
    private RouteRefreshCodec() {}

    static DecodeResult decode(ByteBuf in, int start, int end) {
        int body = start + Header.LENGTH;
        if (end - body != 4) {
            // RFC 7313 5: Invalid Message Length, data is the whole message, header included.
            byte[] data = new byte[end - start];
            in.getBytes(start, data);
            return new DecodeResult.Fatal(new Notification(Notification.ROUTE_REFRESH_ERROR, 1, data),
                    "ROUTE-REFRESH body of " + (end - body) + " octets");
        }
        int afi = in.getUnsignedShort(body);
        int subtype = in.getUnsignedByte(body + 2);
        int safi = in.getUnsignedByte(body + 3);
        // Subtypes other than 0, 1, 2 are kept; RFC 7313 4 has the session ignore them.
        return new DecodeResult.Ok(new RouteRefresh(Family.of(afi, safi), subtype));
    }

    static void encode(RouteRefresh r, ByteBuf out) {
        if (r.subtype() < 0 || r.subtype() > 255) throw new IllegalArgumentException("ROUTE-REFRESH subtype " + r.subtype());
        out.writeShort(r.family().afi()).writeByte(r.subtype()).writeByte(r.family().safi());
    }
}
