package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs prefixes that share one attribute list into as few UPDATEs as fit the session's
 * message size (RFC 4271 4.3, RFC 8654): the export hot path. The attributes are encoded
 * once; each message then gets a copy of those octets and as much NLRI as fits. IPv4
 * prefixes go in the UPDATE body; IPv6 ones in an MP_REACH_NLRI built from the
 * {@link Attribute.MpReach} among the attributes (its own NLRI is ignored), put first as
 * RFC 7606 5.1 recommends.
 */
public final class UpdatePacker {
    private static final int FIXED = Header.LENGTH + 4;
    private static final int MP_HEADER = 4;

    private UpdatePacker() {}

    /** The UPDATEs {@link #write} would send, as records. */
    public static List<Update> pack(List<Attribute> attributes, List<? extends Prefix> prefixes, CodecOptions options) {
        Plan plan = plan(attributes, prefixes, options);
        List<Update> out = new ArrayList<>(plan.ends.length);
        int from = 0;
        for (int end : plan.ends) {
            List<Prefix> chunk = List.copyOf(prefixes.subList(from, end));
            if (plan.reach == null) {
                out.add(new Update(List.of(), attributes, chunk));
            } else {
                List<Attribute> attrs = new ArrayList<>(attributes.size());
                for (Attribute a : attributes) {
                    attrs.add(a instanceof Attribute.MpReach r ? new Attribute.MpReach(r.family(), r.nextHop(), r.linkLocal(), chunk) : a);
                }
                out.add(new Update(List.of(), attrs, List.of()));
            }
            from = end;
        }
        return out;
    }

    /** Writes the UPDATEs announcing prefixes to out; returns how many messages were written. */
    public static int write(List<Attribute> attributes, List<? extends Prefix> prefixes, CodecOptions options, ByteBuf out) {
        Plan plan = plan(attributes, prefixes, options);
        int from = 0;
        for (int end : plan.ends) {
            int at = Header.start(out, Message.TYPE_UPDATE);
            out.writeShort(0);
            int attrLenAt = out.writerIndex();
            out.writeShort(0);
            if (plan.reach != null) {
                Attribute.MpReach r = plan.reach;
                AttributeTable.encode(new Attribute.MpReach(r.family(), r.nextHop(), r.linkLocal(), List.copyOf(prefixes.subList(from, end))), options, out);
            }
            out.writeBytes(plan.encoded);
            out.setShort(attrLenAt, out.writerIndex() - attrLenAt - 2);
            if (plan.reach == null) for (int i = from; i < end; i++) NlriCodec.encode(prefixes.get(i), out);
            Header.finish(out, at, options.maxMessageLength());
            from = end;
        }
        return plan.ends.length;
    }

    /**
     * Writes UPDATEs announcing IPv4 prefixes given as {@link Ipv4Prefix#key()}s in
     * keys[from, to): no object per prefix. Returns how many messages were written.
     */
    public static int writeIpv4(List<Attribute> attributes, long[] keys, int from, int to, CodecOptions options, ByteBuf out) {
        List<Attribute> outgoing = UpdateEncoder.outgoing(attributes, options);
        UpdateEncoder.checkMandatory(outgoing, true, options);
        byte[] encoded = encodeOnce(outgoing, null, options);
        int budget = options.maxMessageLength() - FIXED - encoded.length;
        int messages = 0;
        int i = from;
        while (i < to) {
            int at = Header.start(out, Message.TYPE_UPDATE);
            out.writeShort(0).writeShort(encoded.length).writeBytes(encoded);
            int used = 0;
            while (i < to && used + NlriCodec.ipv4KeyLength(keys[i]) <= budget) {
                used += NlriCodec.ipv4KeyLength(keys[i]);
                NlriCodec.encodeIpv4Key(keys[i++], out);
            }
            if (used == 0) {
                out.writerIndex(at);
                throw new IllegalArgumentException("attributes of " + encoded.length + " octets leave no room for NLRI");
            }
            Header.finish(out, at, options.maxMessageLength());
            messages++;
        }
        return messages;
    }

    /** UPDATEs withdrawing prefixes (all of one family): the IPv4 field, or MP_UNREACH_NLRI. */
    public static List<Update> packWithdrawals(List<? extends Prefix> prefixes, CodecOptions options) {
        List<Update> out = new ArrayList<>();
        if (prefixes.isEmpty()) return out;
        Family family = family(prefixes);
        // Header, both length fields, and for MP_UNREACH its extended header, AFI and SAFI.
        int budget = options.maxMessageLength() - FIXED - (family.equals(Family.IPV4_UNICAST) ? 0 : MP_HEADER + 3);
        int from = 0, used = 0;
        for (int i = 0; i <= prefixes.size(); i++) {
            int len = i < prefixes.size() ? NlriCodec.length(prefixes.get(i)) : 0;
            if (i == prefixes.size() || used + len > budget) {
                List<Prefix> chunk = List.copyOf(prefixes.subList(from, i));
                out.add(family.equals(Family.IPV4_UNICAST) ? new Update(chunk, List.of(), List.of())
                        : new Update(List.of(), List.of(new Attribute.MpUnreach(family, chunk)), List.of()));
                from = i;
                used = 0;
            }
            used += len;
        }
        return out;
    }

    /** The attributes encoded once, the MP_REACH template if any, and where each message's prefixes end. */
    private record Plan(byte[] encoded, Attribute.MpReach reach, int[] ends) {}

    private static Plan plan(List<Attribute> attributes, List<? extends Prefix> prefixes, CodecOptions options) {
        Attribute.MpReach reach = null;
        for (Attribute a : attributes) if (a instanceof Attribute.MpReach r) reach = r;
        if (prefixes.isEmpty()) return new Plan(new byte[0], reach, new int[0]);
        Family family = family(prefixes);
        if (family.equals(Family.IPV4_UNICAST) && reach != null) throw new IllegalArgumentException("IPv4 prefixes with an MP_REACH_NLRI template");
        if (!family.equals(Family.IPV4_UNICAST) && (reach == null || !reach.family().equals(family))) {
            throw new IllegalArgumentException(family + " prefixes need an MP_REACH_NLRI of that family among the attributes");
        }
        List<Attribute> outgoing = UpdateEncoder.outgoing(attributes, options);
        UpdateEncoder.checkMandatory(outgoing, reach == null, options);
        byte[] encoded = encodeOnce(outgoing, reach, options);
        int budget = options.maxMessageLength() - FIXED - encoded.length;
        if (reach != null) budget -= MP_HEADER + AttributeTable.encodedLength(new Attribute.MpReach(reach.family(), reach.nextHop(), reach.linkLocal(), List.of()), options) - 3;
        List<Integer> ends = new ArrayList<>();
        int used = 0;
        for (int i = 0; i < prefixes.size(); i++) {
            int len = NlriCodec.length(prefixes.get(i));
            if (len > budget) throw new IllegalArgumentException("attributes of " + encoded.length + " octets leave no room for NLRI");
            if (used + len > budget) {
                ends.add(i);
                used = 0;
            }
            used += len;
        }
        ends.add(prefixes.size());
        int[] e = new int[ends.size()];
        for (int i = 0; i < e.length; i++) e[i] = ends.get(i);
        return new Plan(encoded, reach, e);
    }

    /** The attributes other than the MP_REACH template, encoded once. */
    private static byte[] encodeOnce(List<Attribute> outgoing, Attribute.MpReach reach, CodecOptions options) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.heapBuffer(256);
        try {
            for (Attribute a : outgoing) if (a != reach) AttributeTable.encode(a, options, buf);
            byte[] b = new byte[buf.readableBytes()];
            buf.readBytes(b);
            return b;
        } finally {
            buf.release();
        }
    }

    private static Family family(List<? extends Prefix> prefixes) {
        Family f = prefixes.getFirst().family();
        for (Prefix p : prefixes) if (!p.family().equals(f)) throw new IllegalArgumentException("prefixes of several families");
        return f;
    }
}
