package io.bgplet.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Whole messages, any bytes. Regression inputs (every published malformed-input CVE that
 * applies to IPv4/IPv6 unicast, see {@link CveCorpusTest}) live in
 * src/test/resources/io/bgplet/wire/MessageFuzzTestInputs/message/.
 */
class MessageFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void message(byte[] data) {
        FuzzInvariants.check(data);
    }

    /** The same bytes behind a valid header, so the fuzzer spends its time on bodies. */
    @FuzzTest(maxDuration = "5m")
    void body(byte[] data) {
        if (data.length < 1) return;
        int type = 1 + (data[0] & 0xFF) % 5;
        int len = Math.min(data.length - 1, 65535 - 19);
        byte[] m = new byte[19 + len];
        for (int i = 0; i < 16; i++) m[i] = (byte) 0xFF;
        m[16] = (byte) (m.length >>> 8);
        m[17] = (byte) m.length;
        m[18] = (byte) type;
        System.arraycopy(data, 1, m, 19, len);
        FuzzInvariants.check(m);
    }
}
