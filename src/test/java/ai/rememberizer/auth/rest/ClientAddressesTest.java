package ai.rememberizer.auth.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which forwarded entry is the client, and how an entry loses its port. */
class ClientAddressesTest {

    @Test
    void theEntryIsTheHopsThFromTheRight() {
        List<String> chain = List.of("client-written", "203.0.113.7", "198.51.100.2");
        assertThat(ClientAddresses.pick(chain, 1)).isEqualTo("198.51.100.2");
        assertThat(ClientAddresses.pick(chain, 2)).isEqualTo("203.0.113.7");
        // Fewer entries than proxies: the leftmost is all there is.
        assertThat(ClientAddresses.pick(List.of("203.0.113.7"), 2)).isEqualTo("203.0.113.7");
    }

    @Test
    void portsAreDroppedButIpv6ColonsStay() {
        assertThat(ClientAddresses.withoutPort("203.0.113.7:4711")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.withoutPort("[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(ClientAddresses.withoutPort("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(ClientAddresses.withoutPort(" 203.0.113.7 ")).isEqualTo("203.0.113.7");
    }
}
