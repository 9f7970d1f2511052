package io.bgplet.wire;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * OPEN (RFC 4271 4.2) with optional parameters of type 2, capabilities (RFC 5492), and the
 * extended optional parameters length of RFC 9072.
 */
final class OpenCodec {
    static final int PARAM_CAPABILITIES = 2;
    /** RFC 9072 2: a non-extended length of 255 followed by a type of 255 marks the extended form. */
    static final int EXTENDED_PARAMS = 255;

    private OpenCodec() {}

    static DecodeResult decode(ByteBuf in, int body, int end) {
        int version = in.getUnsignedByte(body);
        if (version != 4) {
            // RFC 4271 6.2: data is the largest version we support, 2 octets.
            return fatal(Notification.UNSUPPORTED_VERSION, new byte[] {0, 4}, "BGP version " + version);
        }
        int myAs = in.getUnsignedShort(body + 1);
        int holdTime = in.getUnsignedShort(body + 3);
        int bgpId = in.getInt(body + 5);
        int optLen = in.getUnsignedByte(body + 9);
        int p = body + 10;
        if (holdTime == 1 || holdTime == 2) return fatal(Notification.UNACCEPTABLE_HOLD_TIME, new byte[0], "hold time " + holdTime);
        // RFC 6286 2.2: the identifier is a non-zero 32-bit number.
        if (bgpId == 0) return fatal(Notification.BAD_BGP_IDENTIFIER, new byte[0], "BGP identifier 0");

        boolean extended = optLen == EXTENDED_PARAMS && p < end && in.getUnsignedByte(p) == EXTENDED_PARAMS;
        if (extended) {
            // FRR CVE-2022-40302/40318: check the 3 octets of the extended length are there.
            if (end - p < 3) return malformed("extended optional parameters length truncated");
            optLen = in.getUnsignedShort(p + 1);
            p += 3;
        }
        // FRR CVE-2022-43681: the parameters must be exactly what the message holds.
        if (p + optLen != end) return malformed("optional parameters length " + optLen + " but " + (end - p) + " octets follow");

        List<Capability> caps = new ArrayList<>();
        int headerLen = extended ? 3 : 2;
        while (p < end) {
            if (end - p < headerLen) return malformed("optional parameter header truncated");
            int type = in.getUnsignedByte(p);
            int len = extended ? in.getUnsignedShort(p + 1) : in.getUnsignedByte(p + 1);
            int value = p + headerLen;
            if (value + len > end) return malformed("optional parameter overruns the message");
            if (type != PARAM_CAPABILITIES) {
                return fatal(Notification.UNSUPPORTED_OPTIONAL_PARAMETER, new byte[0], "optional parameter type " + type);
            }
            String why = CapabilityCodec.decodeAll(in, value, value + len, caps);
            if (why != null) return malformed(why);
            p = value + len;
        }
        return new DecodeResult.Ok(new Open(version, myAs, holdTime, bgpId, caps));
    }

    private static DecodeResult fatal(int subcode, byte[] data, String why) {
        return new DecodeResult.Fatal(new Notification(Notification.OPEN_MESSAGE_ERROR, subcode, data), why);
    }

    /** RFC 4271 6.2 names no subcode for a malformed parameter list: 0, Unspecific. */
    private static DecodeResult malformed(String why) {
        return fatal(0, new byte[0], why);
    }

    static void encode(Open open, ByteBuf out) {
        if (open.version() < 0 || open.version() > 255) throw new IllegalArgumentException("version " + open.version());
        if (open.myAs() < 0 || open.myAs() > 0xFFFF) throw new IllegalArgumentException("My AS " + open.myAs());
        if (open.holdTime() < 0 || open.holdTime() > 0xFFFF) throw new IllegalArgumentException("hold time " + open.holdTime());
        out.writeByte(open.version()).writeShort(open.myAs()).writeShort(open.holdTime()).writeInt(open.bgpIdentifier());
        int capsLen = 0;
        for (Capability c : open.capabilities()) capsLen += 2 + CapabilityCodec.valueLength(c);
        if (open.capabilities().isEmpty()) {
            out.writeByte(0);
        } else if (capsLen + 2 <= 255) {
            out.writeByte(capsLen + 2).writeByte(PARAM_CAPABILITIES).writeByte(capsLen);
            CapabilityCodec.encodeAll(open.capabilities(), out);
        } else {
            // RFC 9072 2: more than 255 octets of parameters need the extended form.
            out.writeByte(EXTENDED_PARAMS).writeByte(EXTENDED_PARAMS).writeShort(capsLen + 3)
                    .writeByte(PARAM_CAPABILITIES).writeShort(capsLen);
            CapabilityCodec.encodeAll(open.capabilities(), out);
        }
    }
}
