package io.bgplet.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE (RFC 4271 section 4.3). withdrawn and nlri are the IPv4 unicast fields of the
 * message body; other families travel in {@link Attribute.MpReach} and
 * {@link Attribute.MpUnreach} among the attributes. Attributes keep wire order.
 */
public record Update(List<Prefix> withdrawn, List<Attribute> attributes, List<Prefix> nlri) implements Message {

    public Update {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
    }

    @Override
    public int type() {
        return TYPE_UPDATE;
    }

    public <A extends Attribute> Optional<A> attribute(Class<A> kind) {
        for (Attribute a : attributes) if (kind.isInstance(a)) return Optional.of(kind.cast(a));
        return Optional.empty();
    }

    /** End-of-RIB marker (RFC 4724 section 2): the family it ends, if this UPDATE is one. */
    public Optional<Family> endOfRib() {
        if (!withdrawn.isEmpty() || !nlri.isEmpty()) return Optional.empty();
        if (attributes.isEmpty()) return Optional.of(Family.IPV4_UNICAST);
        if (attributes.size() == 1 && attributes.getFirst() instanceof Attribute.MpUnreach u && u.withdrawn().isEmpty()) {
            return Optional.of(u.family());
        }
        return Optional.empty();
    }

    public static Update endOfRib(Family family) {
        if (family.equals(Family.IPV4_UNICAST)) return new Update(List.of(), List.of(), List.of());
        return new Update(List.of(), List.of(new Attribute.MpUnreach(family, List.of())), List.of());
    }

    /** Every prefix this UPDATE announces, of every family. */
    public List<Prefix> announced() {
        List<Prefix> out = new ArrayList<>(nlri);
        attribute(Attribute.MpReach.class).ifPresent(r -> out.addAll(r.nlri()));
        return out;
    }

    /** Every prefix this UPDATE withdraws, of every family. */
    public List<Prefix> withdrawnAll() {
        List<Prefix> out = new ArrayList<>(withdrawn);
        attribute(Attribute.MpUnreach.class).ifPresent(u -> out.addAll(u.withdrawn()));
        return out;
    }

    /** RFC 7606 treat-as-withdraw: the same UPDATE as a pure withdrawal of all it names. */
    public List<Prefix> treatAsWithdraw() {
        List<Prefix> out = withdrawnAll();
        out.addAll(announced());
        return out;
    }
}
