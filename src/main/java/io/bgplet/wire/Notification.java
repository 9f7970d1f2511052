package io.bgplet.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * NOTIFICATION (RFC 4271 section 4.5). {@link #describe()} names code and subcode for logs.
 */
public record Notification(int code, int subcode, byte[] data) implements Message {

    public static final int MESSAGE_HEADER_ERROR = 1;
    public static final int OPEN_MESSAGE_ERROR = 2;
    public static final int UPDATE_MESSAGE_ERROR = 3;
    public static final int HOLD_TIMER_EXPIRED = 4;
    public static final int FSM_ERROR = 5;
    public static final int CEASE = 6;
    public static final int ROUTE_REFRESH_ERROR = 7;
    public static final int SEND_HOLD_TIMER_EXPIRED = 8;

    // Message header error subcodes.
    public static final int CONNECTION_NOT_SYNCHRONIZED = 1;
    public static final int BAD_MESSAGE_LENGTH = 2;
    public static final int BAD_MESSAGE_TYPE = 3;
    // OPEN error subcodes.
    public static final int UNSUPPORTED_VERSION = 1;
    public static final int BAD_PEER_AS = 2;
    public static final int BAD_BGP_IDENTIFIER = 3;
    public static final int UNSUPPORTED_OPTIONAL_PARAMETER = 4;
    public static final int UNACCEPTABLE_HOLD_TIME = 6;
    public static final int UNSUPPORTED_CAPABILITY = 7;
    // UPDATE error subcodes.
    public static final int MALFORMED_ATTRIBUTE_LIST = 1;
    public static final int UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE = 2;
    public static final int MISSING_WELL_KNOWN_ATTRIBUTE = 3;
    public static final int ATTRIBUTE_FLAGS_ERROR = 4;
    public static final int ATTRIBUTE_LENGTH_ERROR = 5;
    public static final int INVALID_ORIGIN = 6;
    public static final int INVALID_NEXT_HOP = 8;
    public static final int OPTIONAL_ATTRIBUTE_ERROR = 9;
    public static final int INVALID_NETWORK_FIELD = 10;
    public static final int MALFORMED_AS_PATH = 11;
    // FSM error subcodes (RFC 6608).
    public static final int UNEXPECTED_IN_OPEN_SENT = 1;
    public static final int UNEXPECTED_IN_OPEN_CONFIRM = 2;
    public static final int UNEXPECTED_IN_ESTABLISHED = 3;
    // Cease subcodes (RFC 4486, RFC 8538).
    public static final int MAX_PREFIXES = 1;
    public static final int ADMIN_SHUTDOWN = 2;
    public static final int PEER_DECONFIGURED = 3;
    public static final int ADMIN_RESET = 4;
    public static final int CONNECTION_REJECTED = 5;
    public static final int OTHER_CONFIG_CHANGE = 6;
    public static final int CONNECTION_COLLISION = 7;
    public static final int OUT_OF_RESOURCES = 8;
    public static final int HARD_RESET = 9;

    public Notification {
        data = data == null ? new byte[0] : data.clone();
    }

    public Notification(int code, int subcode) {
        this(code, subcode, new byte[0]);
    }

    @Override
    public int type() {
        return TYPE_NOTIFICATION;
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public static String codeName(int code) {
        return switch (code) {
            case MESSAGE_HEADER_ERROR -> "Message Header Error";
            case OPEN_MESSAGE_ERROR -> "OPEN Message Error";
            case UPDATE_MESSAGE_ERROR -> "UPDATE Message Error";
            case HOLD_TIMER_EXPIRED -> "Hold Timer Expired";
            case FSM_ERROR -> "Finite State Machine Error";
            case CEASE -> "Cease";
            case ROUTE_REFRESH_ERROR -> "ROUTE-REFRESH Message Error";
            case SEND_HOLD_TIMER_EXPIRED -> "Send Hold Timer Expired";
            default -> "code " + code;
        };
    }

    public static String subcodeName(int code, int subcode) {
        String n = switch (code) {
            case MESSAGE_HEADER_ERROR -> switch (subcode) {
                case 1 -> "Connection Not Synchronized";
                case 2 -> "Bad Message Length";
                case 3 -> "Bad Message Type";
                default -> null;
            };
            case OPEN_MESSAGE_ERROR -> switch (subcode) {
                case 0 -> "Unspecific";
                case 1 -> "Unsupported Version Number";
                case 2 -> "Bad Peer AS";
                case 3 -> "Bad BGP Identifier";
                case 4 -> "Unsupported Optional Parameter";
                case 6 -> "Unacceptable Hold Time";
                case 7 -> "Unsupported Capability";
                case 11 -> "Role Mismatch";
                default -> null;
            };
            case UPDATE_MESSAGE_ERROR -> switch (subcode) {
                case 1 -> "Malformed Attribute List";
                case 2 -> "Unrecognized Well-known Attribute";
                case 3 -> "Missing Well-known Attribute";
                case 4 -> "Attribute Flags Error";
                case 5 -> "Attribute Length Error";
                case 6 -> "Invalid ORIGIN Attribute";
                case 8 -> "Invalid NEXT_HOP Attribute";
                case 9 -> "Optional Attribute Error";
                case 10 -> "Invalid Network Field";
                case 11 -> "Malformed AS_PATH";
                default -> null;
            };
            case FSM_ERROR -> switch (subcode) {
                case 0 -> "Unspecified";
                case 1 -> "Unexpected Message in OpenSent";
                case 2 -> "Unexpected Message in OpenConfirm";
                case 3 -> "Unexpected Message in Established";
                default -> null;
            };
            case CEASE -> switch (subcode) {
                case 1 -> "Maximum Number of Prefixes Reached";
                case 2 -> "Administrative Shutdown";
                case 3 -> "Peer De-configured";
                case 4 -> "Administrative Reset";
                case 5 -> "Connection Rejected";
                case 6 -> "Other Configuration Change";
                case 7 -> "Connection Collision Resolution";
                case 8 -> "Out of Resources";
                case 9 -> "Hard Reset";
                case 10 -> "BFD Down";
                default -> null;
            };
            case ROUTE_REFRESH_ERROR -> subcode == 1 ? "Invalid Message Length" : null;
            default -> null;
        };
        return n != null ? n : "subcode " + subcode;
    }

    /** "Cease/Administrative Shutdown (6/2)", plus a shutdown communication if there is one. */
    public String describe() {
        StringBuilder sb = new StringBuilder()
                .append(codeName(code)).append('/').append(subcodeName(code, subcode))
                .append(" (").append(code).append('/').append(subcode).append(')');
        String comm = shutdownCommunication();
        if (comm != null) sb.append(" \"").append(comm).append('"');
        else if (data.length > 0) sb.append(" data ").append(HexFormat.of().formatHex(data));
        return sb.toString();
    }

    /**
     * The RFC 8203/9003 shutdown communication of Cease/2 and Cease/4, or null. The length
     * octet is checked against the data actually present (BIRD CVE-2019-16159).
     */
    public String shutdownCommunication() {
        if (code != CEASE || (subcode != ADMIN_SHUTDOWN && subcode != ADMIN_RESET) || data.length == 0) return null;
        int len = data[0] & 0xFF;
        if (len == 0 || len > data.length - 1) return null;
        return new String(data, 1, len, StandardCharsets.UTF_8);
    }

    public static Notification shutdown(int subcode, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int n = Math.min(text.length, 255);
        byte[] d = new byte[n + 1];
        d[0] = (byte) n;
        System.arraycopy(text, 0, d, 1, n);
        return new Notification(CEASE, subcode, d);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Notification n && n.code == code && n.subcode == subcode && Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode() {
        return (code * 31 + subcode) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Notification[" + describe() + "]";
    }
}
