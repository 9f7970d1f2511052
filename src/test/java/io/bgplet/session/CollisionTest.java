package io.bgplet.session;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 4271 section 6.8: the higher BGP identifier keeps the connection it initiated. */
class CollisionTest {
    @ParameterizedTest(name = "local {0} remote {1} -> keep {2}")
    @CsvSource({
        "192.0.2.1, 192.0.2.2, INBOUND",
        "192.0.2.2, 192.0.2.1, OUTBOUND",
        // Unsigned comparison: 203.0.113.1 is above 127.x although negative as a Java int.
        "203.0.113.1, 198.18.0.1, OUTBOUND",
        "198.18.0.1, 203.0.113.1, INBOUND",
        "1.1.1.1, 255.255.255.255, INBOUND"})
    void survivor(String local, String remote, Collision.Survivor expected) {
        assertThat(Collision.resolve(ip(local), ip(remote))).isEqualTo(expected);
    }

    private static int ip(String s) {
        String[] p = s.split("\\.");
        return Fixtures.ip(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]));
    }
}
