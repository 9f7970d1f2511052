package io.bgplet.wire;

import java.util.List;
import java.util.Optional;

/**
 * OPEN (RFC 4271 section 4.2). {@code myAs} is the 2-octet field as sent (AS_TRANS 23456
 * when the real AS needs four octets); {@link #effectiveAs()} reads the 4-octet AS
 * capability (RFC 6793) when present. Capabilities keep their order; unknown ones survive.
 */
public record Open(int version, int myAs, int holdTime, int bgpIdentifier, List<Capability> capabilities) implements Message {
    public static final int AS_TRANS = 23456;

    public Open {
        capabilities = List.copyOf(capabilities);
    }

    @Override
    public int type() {
        return TYPE_OPEN;
    }

    public long effectiveAs() {
        return capability(Capability.FourOctetAs.class).map(Capability.FourOctetAs::asn).orElse((long) myAs);
    }

    public <C extends Capability> Optional<C> capability(Class<C> kind) {
        for (Capability c : capabilities) if (kind.isInstance(c)) return Optional.of(kind.cast(c));
        return Optional.empty();
    }

    public <C extends Capability> List<C> all(Class<C> kind) {
        return capabilities.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    /** Families announced with the multiprotocol capability; IPv4 unicast if none (RFC 4760 section 8). */
    public List<Family> families() {
        List<Family> f = all(Capability.Multiprotocol.class).stream().map(Capability.Multiprotocol::family).toList();
        return f.isEmpty() ? List.of(Family.IPV4_UNICAST) : f;
    }
}
