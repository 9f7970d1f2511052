package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/** Capability TLVs inside an OPEN's capabilities parameter (RFC 5492 4). */
final class CapabilityCodec {
    private static final int GR_RESTARTING = 0x8000;
    private static final int GR_NOTIFICATION = 0x4000;
    private static final int GR_FORWARDING = 0x80;

    private CapabilityCodec() {}

    /** Decodes the capabilities in [p, end) into out; returns why they are malformed, or null. */
    static String decodeAll(ByteBuf in, int p, int end, List<Capability> out) {
        while (p < end) {
            if (end - p < 2) return "capability header truncated";
            int code = in.getUnsignedByte(p);
            int len = in.getUnsignedByte(p + 1);
            int v = p + 2;
            if (v + len > end) return "capability " + code + " overruns its parameter";
            Capability c = decode(in, code, v, len);
            if (c == null) return "capability " + code + " has a bad length " + len;
            out.add(c);
            p = v + len;
        }
        return null;
    }

    private static Capability decode(ByteBuf in, int code, int v, int len) {
        return switch (code) {
            case Capability.MULTIPROTOCOL -> len != 4 ? null
                    : new Capability.Multiprotocol(Family.of(in.getUnsignedShort(v), in.getUnsignedByte(v + 3)));
            case Capability.ROUTE_REFRESH -> len != 0 ? null : new Capability.RouteRefresh();
            case Capability.ENHANCED_ROUTE_REFRESH -> len != 0 ? null : new Capability.EnhancedRouteRefresh();
            case Capability.EXTENDED_MESSAGE -> len != 0 ? null : new Capability.ExtendedMessage();
            case Capability.FOUR_OCTET_AS -> len != 4 ? null : new Capability.FourOctetAs(in.getUnsignedInt(v));
            case Capability.GRACEFUL_RESTART -> gracefulRestart(in, v, len);
            default -> {
                byte[] value = new byte[len];
                in.getBytes(v, value);
                yield new Capability.Unknown(code, value);
            }
        };
    }

    /** RFC 4724 3 and RFC 8538 2: flags and 12-bit time, then AFI, SAFI, flags per family. */
    private static Capability gracefulRestart(ByteBuf in, int v, int len) {
        if (len < 2 || (len - 2) % 4 != 0) return null;
        int head = in.getUnsignedShort(v);
        List<Capability.GrFamily> families = new ArrayList<>((len - 2) / 4);
        for (int p = v + 2; p < v + len; p += 4) {
            Family f = Family.of(in.getUnsignedShort(p), in.getUnsignedByte(p + 2));
            families.add(new Capability.GrFamily(f, (in.getUnsignedByte(p + 3) & GR_FORWARDING) != 0));
        }
        return new Capability.GracefulRestart((head & GR_RESTARTING) != 0, (head & GR_NOTIFICATION) != 0, head & 0x0FFF, families);
    }

    static int valueLength(Capability c) {
        int len = switch (c) {
            case Capability.Multiprotocol m -> 4;
            case Capability.RouteRefresh r -> 0;
            case Capability.EnhancedRouteRefresh r -> 0;
            case Capability.ExtendedMessage e -> 0;
            case Capability.FourOctetAs a -> 4;
            case Capability.GracefulRestart g -> 2 + 4 * g.families().size();
            case Capability.Unknown u -> u.value().length;
        };
        if (len > 255) throw new IllegalArgumentException("capability " + c.code() + " longer than 255 octets");
        return len;
    }

    static void encodeAll(List<Capability> caps, ByteBuf out) {
        for (Capability c : caps) {
            out.writeByte(c.code()).writeByte(valueLength(c));
            switch (c) {
                case Capability.Multiprotocol m -> out.writeShort(m.family().afi()).writeByte(0).writeByte(m.family().safi());
                case Capability.RouteRefresh r -> { }
                case Capability.EnhancedRouteRefresh r -> { }
                case Capability.ExtendedMessage e -> { }
                case Capability.FourOctetAs a -> out.writeInt((int) a.asn());
                case Capability.GracefulRestart g -> {
                    out.writeShort((g.restarting() ? GR_RESTARTING : 0) | (g.notification() ? GR_NOTIFICATION : 0) | g.restartTime());
                    for (Capability.GrFamily f : g.families()) {
                        out.writeShort(f.family().afi()).writeByte(f.family().safi()).writeByte(f.forwardingPreserved() ? GR_FORWARDING : 0);
                    }
                }
                case Capability.Unknown u -> {
                    if (u.code() < 0 || u.code() > 255) throw new IllegalArgumentException("capability code " + u.code());
                    out.writeBytes(u.value());
                }
            }
        }
    }
}
