package io.bgplet.api;

import apipb.Capability;
import apipb.Gobgp;
import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import io.bgplet.wire.Capability.EnhancedRouteRefresh;
import io.bgplet.wire.Capability.ExtendedMessage;
import io.bgplet.wire.Capability.FourOctetAs;
import io.bgplet.wire.Capability.GracefulRestart;
import io.bgplet.wire.Capability.Multiprotocol;
import io.bgplet.wire.Capability.RouteRefresh;
import io.bgplet.wire.Capability.Unknown;
import io.bgplet.wire.Open;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The capabilities of one OPEN as GoBGP's {@code PeerState.local_cap} / {@code remote_cap}
 * (capability.proto). The CLI prints each capability with "advertised", "received" or both
 * by comparing the two lists, so each list must be what that side really sent, not the
 * negotiated intersection. Capabilities bgplet's wire model keeps as raw bytes but GoBGP's
 * CLI knows (extended next hop, add-path, FQDN, long-lived GR, Cisco route refresh) are
 * decoded here so they print as gobgpd prints them.
 */
final class ApiCapabilities {
    private static final int CARRYING_LABEL_INFO = 4;
    private static final int EXTENDED_NEXTHOP = 5;
    private static final int ADD_PATH = 69;
    private static final int LONG_LIVED_GR = 71;
    private static final int FQDN = 73;
    private static final int ROUTE_REFRESH_CISCO = 128;

    private ApiCapabilities() {}

    static List<Any> of(Open open) {
        List<Any> out = new ArrayList<>();
        for (io.bgplet.wire.Capability c : open.capabilities()) out.add(ApiAttributes.pack(message(c)));
        return out;
    }

    private static com.google.protobuf.Message message(io.bgplet.wire.Capability c) {
        return switch (c) {
            case Multiprotocol m -> Capability.MultiProtocolCapability.newBuilder().setFamily(family(m.family().afi(), m.family().safi())).build();
            case RouteRefresh r -> Capability.RouteRefreshCapability.getDefaultInstance();
            case EnhancedRouteRefresh r -> Capability.EnhancedRouteRefreshCapability.getDefaultInstance();
            // GoBGP's proto has no message for RFC 8654; the CLI shows it by code.
            case ExtendedMessage e -> unknown(e.code(), new byte[0]);
            case FourOctetAs f -> Capability.FourOctetASNCapability.newBuilder().setAsn((int) f.asn()).build();
            case GracefulRestart g -> {
                // RFC 4724 3: R bit 0x8 and (RFC 8538) N bit 0x4 of the flags nibble; F bit 0x80 per family.
                Capability.GracefulRestartCapability.Builder b = Capability.GracefulRestartCapability.newBuilder()
                        .setFlags((g.restarting() ? 0x08 : 0) | (g.notification() ? 0x04 : 0)).setTime(g.restartTime());
                for (io.bgplet.wire.Capability.GrFamily f : g.families()) {
                    b.addTuples(Capability.GracefulRestartCapabilityTuple.newBuilder()
                            .setFamily(family(f.family().afi(), f.family().safi())).setFlags(f.forwardingPreserved() ? 0x80 : 0));
                }
                yield b.build();
            }
            case Unknown u -> decodeKnownToGobgp(u);
        };
    }

    /** Capabilities the wire model leaves raw; a malformed value stays an UnknownCapability. */
    private static com.google.protobuf.Message decodeKnownToGobgp(Unknown u) {
        ByteBuffer v = ByteBuffer.wrap(u.value());
        try {
            return switch (u.code()) {
                case CARRYING_LABEL_INFO -> Capability.CarryingLabelInfoCapability.getDefaultInstance();
                case ROUTE_REFRESH_CISCO -> Capability.RouteRefreshCiscoCapability.getDefaultInstance();
                case EXTENDED_NEXTHOP -> {
                    // RFC 8950 3: NLRI AFI (2), NLRI SAFI (2), next hop AFI (2) per tuple.
                    Capability.ExtendedNexthopCapability.Builder b = Capability.ExtendedNexthopCapability.newBuilder();
                    while (v.remaining() >= 6) {
                        int afi = Short.toUnsignedInt(v.getShort());
                        int safi = Short.toUnsignedInt(v.getShort());
                        int nhAfi = Short.toUnsignedInt(v.getShort());
                        b.addTuples(Capability.ExtendedNexthopCapabilityTuple.newBuilder()
                                .setNlriFamily(family(afi, safi)).setNexthopFamily(family(nhAfi, 1)));
                    }
                    if (v.hasRemaining()) yield unknown(u.code(), u.value());
                    yield b.build();
                }
                case ADD_PATH -> {
                    // RFC 7911 4: AFI (2), SAFI (1), send/receive (1) per tuple.
                    Capability.AddPathCapability.Builder b = Capability.AddPathCapability.newBuilder();
                    while (v.remaining() >= 4) {
                        int afi = Short.toUnsignedInt(v.getShort());
                        int safi = Byte.toUnsignedInt(v.get());
                        b.addTuples(Capability.AddPathCapabilityTuple.newBuilder().setFamily(family(afi, safi))
                                .setModeValue(Byte.toUnsignedInt(v.get()) & 3));
                    }
                    if (v.hasRemaining()) yield unknown(u.code(), u.value());
                    yield b.build();
                }
                case LONG_LIVED_GR -> {
                    // RFC 9494 3: AFI (2), SAFI (1), flags (1), stale time (3) per tuple.
                    Capability.LongLivedGracefulRestartCapability.Builder b = Capability.LongLivedGracefulRestartCapability.newBuilder();
                    while (v.remaining() >= 7) {
                        int afi = Short.toUnsignedInt(v.getShort());
                        int safi = Byte.toUnsignedInt(v.get());
                        int flags = Byte.toUnsignedInt(v.get());
                        int time = (Byte.toUnsignedInt(v.get()) << 16) | Short.toUnsignedInt(v.getShort());
                        b.addTuples(Capability.LongLivedGracefulRestartCapabilityTuple.newBuilder()
                                .setFamily(family(afi, safi)).setFlags(flags).setTime(time));
                    }
                    if (v.hasRemaining()) yield unknown(u.code(), u.value());
                    yield b.build();
                }
                case FQDN -> {
                    // draft-walton-bgp-hostname-capability 3: length-prefixed host name, then domain name.
                    String host = text(v);
                    String domain = text(v);
                    if (v.hasRemaining()) yield unknown(u.code(), u.value());
                    yield Capability.FqdnCapability.newBuilder().setHostName(host).setDomainName(domain).build();
                }
                default -> unknown(u.code(), u.value());
            };
        } catch (java.nio.BufferUnderflowException e) {
            return unknown(u.code(), u.value());
        }
    }

    private static String text(ByteBuffer v) {
        byte[] b = new byte[Byte.toUnsignedInt(v.get())];
        v.get(b);
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Capability.UnknownCapability unknown(int code, byte[] value) {
        return Capability.UnknownCapability.newBuilder().setCode(code).setValue(ByteString.copyFrom(value)).build();
    }

    private static Gobgp.Family family(int afi, int safi) {
        return Gobgp.Family.newBuilder().setAfiValue(afi).setSafiValue(safi).build();
    }
}
