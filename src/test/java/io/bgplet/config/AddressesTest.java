package io.bgplet.config;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;

class AddressesTest {
    @Test
    void literalsParseAndZonesAreDropped() throws Exception {
        assertThat(Addresses.parse(" 198.51.100.7 ")).isEqualTo(InetAddress.getByName("198.51.100.7"));
        assertThat(Addresses.parse("2001:db8::1")).isEqualTo(InetAddress.getByName("2001:db8::1"));
        assertThat(Addresses.parse("2001:db8::1%eth0")).isEqualTo(InetAddress.getByName("2001:db8::1"));
    }

    @Test
    void namesAndMalformedTextAreNotAddresses() {
        assertThat(Addresses.parse("example.com")).isNull(); // never resolved
        assertThat(Addresses.parse("beef")).isNull(); // hex digits only, no colon: not a dotted quad
        assertThat(Addresses.parse("198.51.100")).isNull();
        assertThat(Addresses.parse("198.51.100.1.2")).isNull();
        assertThat(Addresses.parse("")).isNull();
        assertThat(Addresses.parse(null)).isNull();
    }
}
