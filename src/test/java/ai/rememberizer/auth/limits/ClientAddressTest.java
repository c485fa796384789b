package ai.rememberizer.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the limits count a client as. */
class ClientAddressTest {

    @Test
    void anIpv4AddressIsItsOwnKey() {
        ClientAddress a = ClientAddress.of("203.0.113.7");
        assertThat(a.address()).isEqualTo("203.0.113.7");
        assertThat(a.buckets()).containsExactly(new ClientAddress.Bucket("203.0.113.7", 1));
        assertThat(ClientAddress.of(" 203.0.113.7 ").limitKey()).isEqualTo("203.0.113.7");
    }

    @Test
    void anIpv4MappedIpv6AddressIsTheIpv4One() {
        assertThat(ClientAddress.of("::ffff:203.0.113.7")).isEqualTo(ClientAddress.of("203.0.113.7"));
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
    void anIpv6AddressIsAlsoCountedByItsSlash56AndSlash48WithHigherLimits() {
        // Round 3: a /48 is free to have, and its 65,536 /64s would otherwise be as many buckets.
        ClientAddress a = ClientAddress.of("2001:db8:1:2ff:aaaa:bbbb:cccc:dddd");
        assertThat(a.buckets()).containsExactly(new ClientAddress.Bucket("2001:db8:1:2ff::/64", 1),
                new ClientAddress.Bucket("2001:db8:1:200::/56", ClientAddress.SLASH_56_FACTOR),
                new ClientAddress.Bucket("2001:db8:1::/48", ClientAddress.SLASH_48_FACTOR));
        assertThat(ClientAddress.SLASH_56_FACTOR).isGreaterThan(1).isLessThan(ClientAddress.SLASH_48_FACTOR);
        assertThat(ClientAddress.of("2001:db8:1:3ff::1").buckets().get(2)).isEqualTo(a.buckets().get(2));
        assertThat(ClientAddress.of("2001:db8:1:3ff::1").buckets().get(1)).isNotEqualTo(a.buckets().get(1));
    }

    @Test
    void oneClientOfAMailboxIsAnIpv4AddressOrAnIpv6Slash48() {
        // Round 3: a mailbox's limits give each client a share; a /48 is free to have, so it is one client.
        assertThat(ClientAddress.of("203.0.113.7").widestKey()).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("2001:db8:1:2ff::1").widestKey()).isEqualTo("2001:db8:1::/48")
                .isEqualTo(ClientAddress.of("2001:db8:1:ffff:1:2:3:4").widestKey());
        assertThat(ClientAddress.of("2001:db8:2::1").widestKey()).isEqualTo("2001:db8:2::/48");
        assertThat(ClientAddress.UNKNOWN.widestKey()).isEqualTo("unknown");
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
