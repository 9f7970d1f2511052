package io.bgplet.wire;

/** KEEPALIVE: a header and nothing else (RFC 4271 section 4.4). */
public record Keepalive() implements Message {
    public static final Keepalive INSTANCE = new Keepalive();

    @Override
    public int type() {
        return TYPE_KEEPALIVE;
    }
}
