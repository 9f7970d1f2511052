package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes an UPDATE body with the error handling of RFC 7606: every problem is classified
 * (attribute discard, treat-as-withdraw, session reset) and the strongest one decides the
 * result. NLRI fields are parsed first: if they cannot be, nothing can be withdrawn and the
 * session is reset (RFC 7606 3 (j), 5.3).
 */
final class UpdateDecoder {
    private static final byte[] NO_DATA = new byte[0];

    private UpdateDecoder() {}

    static DecodeResult decode(ByteBuf in, int start, int end, CodecOptions options) {
        int body = start + Header.LENGTH;
        int withdrawnLen = in.getUnsignedShort(body);
        int wEnd = body + 2 + withdrawnLen;
        // RFC 4271 6.3 / RFC 7606 4: Withdrawn Len + Total Attr Len + 23 must fit the message.
        if (wEnd + 2 > end) return fatal(Notification.MALFORMED_ATTRIBUTE_LIST, NO_DATA, "withdrawn routes length " + withdrawnLen + " overruns the message");
        int attrLen = in.getUnsignedShort(wEnd);
        int aStart = wEnd + 2, aEnd = aStart + attrLen;
        if (aEnd > end) {
            return fatal(Notification.MALFORMED_ATTRIBUTE_LIST, NO_DATA,
                    "withdrawn length " + withdrawnLen + " + attribute length " + attrLen + " + 23 > message length " + (end - start));
        }
        List<Prefix> withdrawn = withdrawnLen == 0 ? List.of() : new ArrayList<>(withdrawnLen / 3 + 1);
        String why = NlriCodec.decodeIpv4(in, body + 2, wEnd, withdrawn);
        if (why != null) return fatal(Notification.INVALID_NETWORK_FIELD, NO_DATA, "withdrawn routes: " + why);
        List<Prefix> nlri = aEnd == end ? List.of() : new ArrayList<>((end - aEnd) / 3 + 1);
        why = NlriCodec.decodeIpv4(in, aEnd, end, nlri);
        if (why != null) return fatal(Notification.INVALID_NETWORK_FIELD, NO_DATA, "NLRI: " + why);

        UpdateErrors errors = new UpdateErrors();
        AttributeContext ctx = new AttributeContext(options);
        List<Attribute> attributes = new ArrayList<>(8);
        long[] seen = new long[4];
        boolean mpReach = false, as4 = false;
        for (int p = aStart; p < aEnd; ) {
            int left = aEnd - p;
            int flags = in.getUnsignedByte(p);
            boolean ext = (flags & Attribute.FLAG_EXTENDED_LENGTH) != 0;
            if (left < 3 || (ext && left < 4)) {
                // RFC 7606 4: too few octets for an attribute header.
                errors.add(ErrorAction.TREAT_AS_WITHDRAW, notification(Notification.MALFORMED_ATTRIBUTE_LIST, NO_DATA),
                        "attribute list ends with " + left + " stray octets");
                break;
            }
            int code = in.getUnsignedByte(p + 1);
            int len = ext ? in.getUnsignedShort(p + 2) : in.getUnsignedByte(p + 2);
            int v = p + (ext ? 4 : 3);
            int next = v + len;
            if (next > aEnd) {
                // RFC 7606 4: the NLRI is found from Total Path Attribute Length, unless the
                // overrunning attribute is the one that carries NLRI.
                if (code == Attribute.MP_REACH_NLRI || code == Attribute.MP_UNREACH_NLRI) {
                    return fatal(Notification.MALFORMED_ATTRIBUTE_LIST, NO_DATA, "attribute " + code + " overruns the attribute list");
                }
                errors.add(ErrorAction.TREAT_AS_WITHDRAW, notification(Notification.MALFORMED_ATTRIBUTE_LIST, NO_DATA),
                        "attribute " + code + " of length " + len + " overruns the attribute list");
                break;
            }
            int at = p;
            p = next;
            if ((seen[code >>> 6] & (1L << code)) != 0) {
                // RFC 7606 3 (g): a repeated MP attribute resets; any other repeat is dropped.
                if (code == Attribute.MP_REACH_NLRI || code == Attribute.MP_UNREACH_NLRI) {
                    return fatal(Notification.MALFORMED_ATTRIBUTE_LIST, NO_DATA, "attribute " + code + " appears twice");
                }
                errors.add(ErrorAction.ATTRIBUTE_DISCARD, null, "repeated attribute " + code + " dropped");
                continue;
            }
            seen[code >>> 6] |= 1L << code;
            AttributeTable.Row row = AttributeTable.row(code);
            if (row == null) {
                // RFC 4271 6.3: an unrecognized attribute that claims to be well-known.
                if ((flags & Attribute.FLAG_OPTIONAL) == 0) {
                    return fatal(Notification.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, bytes(in, at, next), "unrecognized well-known attribute " + code);
                }
                byte[] value = new byte[len];
                in.getBytes(v, value);
                // Partial means something only on optional transitive attributes (RFC 4271 4.3).
                int kept = (flags & AttributeTable.OPTIONAL_TRANSITIVE) == AttributeTable.OPTIONAL_TRANSITIVE
                        ? flags & (AttributeTable.OPTIONAL_TRANSITIVE | AttributeTable.PARTIAL) : flags & AttributeTable.OPTIONAL_TRANSITIVE;
                attributes.add(new Attribute.Unknown(kept, code, value));
                continue;
            }
            if (row.internalOnly() && !options.internalPeer()) {
                // RFC 7606 7.5, 7.9, 7.10: from an external peer these are discarded unread.
                errors.add(ErrorAction.ATTRIBUTE_DISCARD, null, row.name() + " from an external peer discarded");
                continue;
            }
            if ((code == Attribute.AS4_PATH || code == Attribute.AS4_AGGREGATOR) && options.fourOctetAs()) {
                // RFC 6793 4.1: NEW speakers do not exchange AS4 attributes; discard them.
                errors.add(ErrorAction.ATTRIBUTE_DISCARD, null, row.name() + " on a 4-octet AS session discarded");
                continue;
            }
            if (code == Attribute.MP_REACH_NLRI) mpReach = true;
            Attribute a;
            if (AttributeTable.flagsConflict(row, flags)) {
                a = ctx.malformed(Notification.ATTRIBUTE_FLAGS_ERROR, row.name() + " with flags 0x" + Integer.toHexString(flags));
            } else {
                ctx.flags = flags;
                a = row.decoder().decode(in, v, len, ctx);
            }
            if (a == null) {
                Notification n = notification(ctx.subcode, bytes(in, at, next));
                if (row.whenMalformed() == ErrorAction.SESSION_RESET) return new DecodeResult.Fatal(n, ctx.why);
                errors.add(row.whenMalformed(), n, ctx.why);
                continue;
            }
            if (code == Attribute.AS4_PATH || code == Attribute.AS4_AGGREGATOR) as4 = true;
            attributes.add(a);
        }

        boolean reachable = !nlri.isEmpty() || mpReach;
        if (reachable) {
            // RFC 7606 3 (d): a missing well-known mandatory attribute means treat-as-withdraw.
            missing(seen, Attribute.ORIGIN, "ORIGIN", errors);
            missing(seen, Attribute.AS_PATH, "AS_PATH", errors);
            // RFC 4760 3: NEXT_HOP is needed only for NLRI in the UPDATE body.
            if (!nlri.isEmpty()) missing(seen, Attribute.NEXT_HOP, "NEXT_HOP", errors);
            // RFC 4271 5.1.5: LOCAL_PREF is mandatory between internal peers.
            if (options.internalPeer()) missing(seen, Attribute.LOCAL_PREF, "LOCAL_PREF", errors);
        }
        if (errors.action == ErrorAction.TREAT_AS_WITHDRAW && !reachable) {
            // RFC 7606 5.2: with no NLRI there is nothing to withdraw; reset instead.
            return new DecodeResult.Fatal(errors.escalation, "no NLRI to treat as withdrawn: " + String.join("; ", errors.problems()));
        }
        if (as4 && !options.fourOctetAs()) attributes = As4Conversion.merge(attributes);
        Update update = new Update(withdrawn, attributes, nlri);
        if (errors.action == ErrorAction.NONE) return new DecodeResult.Ok(update);
        return new DecodeResult.Salvaged(update, errors.action, errors.problems());
    }

    private static void missing(long[] seen, int code, String name, UpdateErrors errors) {
        if ((seen[code >>> 6] & (1L << code)) == 0) {
            errors.add(ErrorAction.TREAT_AS_WITHDRAW, notification(Notification.MISSING_WELL_KNOWN_ATTRIBUTE, new byte[] {(byte) code}),
                    "missing well-known attribute " + name);
        }
    }

    private static Notification notification(int subcode, byte[] data) {
        return new Notification(Notification.UPDATE_MESSAGE_ERROR, subcode, data);
    }

    private static DecodeResult fatal(int subcode, byte[] data, String why) {
        return new DecodeResult.Fatal(notification(subcode, data), why);
    }

    /** The attribute as received (flags, type, length, value): the data RFC 4271 6.3 asks for. */
    private static byte[] bytes(ByteBuf in, int from, int to) {
        byte[] b = new byte[to - from];
        in.getBytes(from, b);
        return b;
    }
}
