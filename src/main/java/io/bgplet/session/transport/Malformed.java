package io.bgplet.session.transport;

import io.bgplet.wire.DecodeResult;

/** A decode result that was not Ok, with the bytes of the message it came from. */
record Malformed(DecodeResult result, byte[] raw) {}
