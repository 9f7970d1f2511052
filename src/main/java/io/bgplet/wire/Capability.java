package io.bgplet.wire;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** Capabilities advertised in OPEN (RFC 5492). Unknown codes are kept as {@link Unknown}. */
public sealed interface Capability {

    int MULTIPROTOCOL = 1;
    int ROUTE_REFRESH = 2;
    int EXTENDED_MESSAGE = 6;
    int GRACEFUL_RESTART = 64;
    int FOUR_OCTET_AS = 65;
    int ENHANCED_ROUTE_REFRESH = 70;

    int code();

    /** RFC 4760. */
    record Multiprotocol(Family family) implements Capability {
        public int code() { return MULTIPROTOCOL; }
    }

    /** RFC 2918. */
    record RouteRefresh() implements Capability {
        public int code() { return ROUTE_REFRESH; }
    }

    /** RFC 7313. */
    record EnhancedRouteRefresh() implements Capability {
        public int code() { return ENHANCED_ROUTE_REFRESH; }
    }

    /** RFC 8654. */
    record ExtendedMessage() implements Capability {
        public int code() { return EXTENDED_MESSAGE; }
    }

    /** RFC 6793. The AS is unsigned 32 bits, kept in a long. */
    record FourOctetAs(long asn) implements Capability {
        public FourOctetAs {
            if (asn < 0 || asn > 0xFFFFFFFFL) throw new IllegalArgumentException("ASN out of range: " + asn);
        }
        public int code() { return FOUR_OCTET_AS; }
    }

    /**
     * RFC 4724, with the N bit of RFC 8538. restartTime is 12 bits (seconds).
     */
    record GracefulRestart(boolean restarting, boolean notification, int restartTime, List<GrFamily> families) implements Capability {
        public GracefulRestart {
            if (restartTime < 0 || restartTime > 4095) throw new IllegalArgumentException("restart time out of range: " + restartTime);
            families = List.copyOf(families);
        }
        public int code() { return GRACEFUL_RESTART; }
    }

    /** One AFI/SAFI tuple of the GR capability; forwarding is the F bit. */
    record GrFamily(Family family, boolean forwardingPreserved) {}

    /** Any capability bgplet does not interpret: kept, visible, never re-sent. */
    record Unknown(int code, byte[] value) implements Capability {
        public Unknown {
            value = value.clone();
        }
        @Override
        public byte[] value() { return value.clone(); }
        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && u.code == code && Arrays.equals(u.value, value);
        }
        @Override
        public int hashCode() { return 31 * code + Arrays.hashCode(value); }
        @Override
        public String toString() { return "Unknown[code=" + code + ", value=" + HexFormat.of().formatHex(value) + "]"; }
    }
}
