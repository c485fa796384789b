package ai.rememberizer.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the limits count a client as. */
class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        assertThat(ClientAddress.of("203.0.113.7")).isEqualTo(new ClientAddress("203.0.113.7", "203.0.113.7"));
        assertThat(ClientAddress.of(" 203.0.113.7 ").limitKey()).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4One() {
        assertThat(ClientAddress.of("::ffff:203.0.113.7")).isEqualTo(new ClientAddress("203.0.113.7", "203.0.113.7"));
    }

    @Test
    void anIpv6AddressIsCountedByItsSlash64() {
        ClientAddress a = ClientAddress.of("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        ClientAddress b = ClientAddress.of("2001:0db8:0001:0002::1");
        assertThat(a.limitKey()).isEqualTo("2001:db8:1:2::/64").isEqualTo(b.limitKey());
        assertThat(a.address()).isEqualTo("2001:db8:1:2:aaaa:bbbb:cccc:dddd");
        assertThat(ClientAddress.of("2001:db8:1:3::1").limitKey()).isNotEqualTo(a.limitKey());
    }

    @Test
    void anythingElseIsTheSharedUnknownBucket() {
        for (String junk : new String[] { null, "", " ", "unknown", "localhost", "example.com", "999.1.1.1", "1.2.3",
                "_hidden", "1.2.3.4:80", "x".repeat(100), "2001:db8::1::2" }) {
            assertThat(ClientAddress.of(junk)).as(String.valueOf(junk)).isEqualTo(ClientAddress.UNKNOWN);
        }
        assertThat(ClientAddress.UNKNOWN.limitKey()).isEqualTo("unknown");
        assertThat(ClientAddress.UNKNOWN.describe()).isEqualTo("unknown");
    }
}
