package io.bgplet.config.schema;

/**
 * Patterns shared by several fields, as compile-time constants so annotations can use them.
 * Written from the grammars (RFC 4291 2.2 for IPv6 text, RFC 1997 and RFC 8092 for
 * communities), anchored because the API server searches rather than matches.
 */
public final class Patterns {
    private Patterns() {}

    private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
    private static final String V4 = "(" + OCTET + "\\.){3}" + OCTET;
    private static final String H = "[0-9a-fA-F]{1,4}";
    private static final String V6 = "((" + H + ":){7}" + H
            + "|(" + H + ":){1,7}:"
            + "|(" + H + ":){1,6}:" + H
            + "|(" + H + ":){1,5}(:" + H + "){1,2}"
            + "|(" + H + ":){1,4}(:" + H + "){1,3}"
            + "|(" + H + ":){1,3}(:" + H + "){1,4}"
            + "|(" + H + ":){1,2}(:" + H + "){1,5}"
            + "|" + H + ":(:" + H + "){1,6}"
            + "|:((:" + H + "){1,7}|:)"
            + "|(" + H + ":){6}" + V4
            + "|(" + H + ":){1,5}:" + V4
            + "|::(" + H + ":){0,5}" + V4 + ")";

    /** An IPv4 address in dotted-quad form. */
    public static final String IPV4 = "^" + V4 + "$";

    /** An IPv4 or IPv6 address; IPv6 may carry a {@code %zone}. */
    public static final String IP = "^(" + V4 + "|" + V6 + "(%[0-9A-Za-z._-]+)?)$";

    private static final String U16 = "(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[1-9][0-9]{0,3}|0)";
    private static final String U32 = "(429496729[0-5]|42949672[0-8][0-9]|4294967[01][0-9]{2}|429496[0-6][0-9]{3}"
            + "|42949[0-5][0-9]{4}|4294[0-8][0-9]{5}|429[0-3][0-9]{6}|42[0-8][0-9]{7}|4[01][0-9]{8}|[1-3][0-9]{9}|[1-9][0-9]{0,8}|0)";

    /** A standard community: a 32-bit decimal or {@code asn16:value16} (RFC 1997). */
    public static final String STANDARD_COMMUNITY = "^(" + U32 + "|" + U16 + ":" + U16 + ")$";

    /** A large community: three 32-bit decimals (RFC 8092). */
    public static final String LARGE_COMMUNITY = "^" + U32 + ":" + U32 + ":" + U32 + "$";

    /** A label value: at most 63 characters, alphanumeric at both ends. */
    public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
}
