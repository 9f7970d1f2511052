package io.bgplet.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * What every fuzz target checks: decoding never throws (errors are values), and whatever
 * decodes as Ok (or with only attributes discarded) encodes again and decodes to the same value.
 */
final class FuzzInvariants {
    static final List<CodecOptions> SESSIONS = List.of(
            new CodecOptions(true, false, false), new CodecOptions(false, false, false),
            new CodecOptions(true, true, true), new CodecOptions(false, true, true));

    private FuzzInvariants() {}

    static void check(byte[] message) {
        for (CodecOptions o : SESSIONS) check(message, o);
    }

    static void check(byte[] message, CodecOptions o) {
        DecodeResult r = MessageCodec.decode(message, o);
        Message m = switch (r) {
            case DecodeResult.Ok ok -> ok.message();
            case DecodeResult.Salvaged s when s.action() == ErrorAction.ATTRIBUTE_DISCARD -> s.update();
            default -> null;
        };
        if (m == null) return;
        byte[] again;
        try {
            again = MessageCodec.encode(m, o);
        } catch (IllegalArgumentException e) {
            // Toward a 2-octet peer, AS4_PATH is rebuilt from the merged path and may hold
            // more ASNs than the one received: the only way a received message can outgrow the limit.
            if (!o.fourOctetAs() && e.getMessage().contains("exceeds")) return;
            throw new AssertionError("decoded " + m + " but cannot encode it", e);
        }
        DecodeResult back = MessageCodec.decode(again, o);
        DecodeResult.Ok expected = new DecodeResult.Ok(normalized(m));
        if (!back.equals(expected)) throw new AssertionError("round trip of " + m + " gave " + back);
    }

    /** The message as bgplet passes it on: unrecognized optional transitive attributes get Partial (RFC 4271 5). */
    static Message normalized(Message m) {
        if (!(m instanceof Update u)) return m;
        List<Attribute> attrs = new ArrayList<>(u.attributes().size());
        for (Attribute a : u.attributes()) {
            if (a instanceof Attribute.Unknown x && AttributeTable.row(x.code()) == null && (x.flags() & 0xC0) == 0xC0) {
                attrs.add(new Attribute.Unknown(x.flags() | Attribute.FLAG_PARTIAL, x.code(), x.value()));
            } else {
                attrs.add(a);
            }
        }
        return new Update(u.withdrawn(), attrs, u.nlri());
    }

    /** An UPDATE with NLRI, the well-known attributes other than code, and the fuzzed attribute. */
    static byte[] updateWith(int flags, int code, byte[] value) {
        int len = Math.min(value.length, 60_000);
        StringBuilder base = new StringBuilder();
        if (code != Attribute.ORIGIN) base.append("40010100");
        if (code != Attribute.AS_PATH) base.append("400200"); // empty AS_PATH: valid with 2- and 4-octet ASNs
        if (code != Attribute.NEXT_HOP) base.append("400304c0000201");
        byte[] b = WireBytes.hex(base.toString());
        boolean ext = len > 255;
        int attrLen = b.length + (ext ? 4 : 3) + len;
        byte[] nlri = WireBytes.hex("18c63364");
        int total = 19 + 4 + attrLen + nlri.length;
        byte[] m = new byte[total];
        int p = 0;
        for (; p < 16; p++) m[p] = (byte) 0xFF;
        m[p++] = (byte) (total >>> 8);
        m[p++] = (byte) total;
        m[p++] = 2;
        m[p++] = 0;
        m[p++] = 0;
        m[p++] = (byte) (attrLen >>> 8);
        m[p++] = (byte) attrLen;
        System.arraycopy(b, 0, m, p, b.length);
        p += b.length;
        m[p++] = (byte) (ext ? flags | Attribute.FLAG_EXTENDED_LENGTH : flags & ~Attribute.FLAG_EXTENDED_LENGTH);
        m[p++] = (byte) code;
        if (ext) m[p++] = (byte) (len >>> 8);
        m[p++] = (byte) len;
        System.arraycopy(value, 0, m, p, len);
        p += len;
        System.arraycopy(nlri, 0, m, p, nlri.length);
        return m;
    }

    /** Fuzzes one attribute's value with the flags its row expects. */
    static void attribute(int code, byte[] value) {
        AttributeTable.Row row = AttributeTable.row(code);
        check(updateWith(row.flags(), code, value));
    }
}
