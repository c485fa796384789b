package ai.rememberizer.auth.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.limits.AddressRange;
import ai.rememberizer.auth.limits.ClientAddress;

/** Which forwarded entry is the client, and how an entry loses its port. */
class ClientAddressesTest {

    @Test
    void theEntryIsTheHopsThFromTheRight() {
        List<String> chain = List.of("client-written", "203.0.113.7", "198.51.100.2");
        assertThat(ClientAddresses.pick(chain, 1, List.of())).isEqualTo("198.51.100.2");
        assertThat(ClientAddresses.pick(chain, 2, List.of())).isEqualTo("203.0.113.7");
        // Fewer entries than proxies: the leftmost is all there is.
        assertThat(ClientAddresses.pick(List.of("203.0.113.7"), 2, List.of())).isEqualTo("203.0.113.7");
    }

    @Test
    void entriesOfThePlatformsOwnProxiesAreSkippedFromTheRight() {
        List<AddressRange> cluster = List.of(AddressRange.parse("10.0.0.0/8"), AddressRange.parse("fd00::/8"));
        // Knative: the ingress appends the client, the activator (when in the path) the ingress,
        // the queue-proxy its own peer; a client may have written anything on the left.
        assertThat(ClientAddresses.pick(List.of("198.51.100.9", "203.0.113.7", "10.4.0.12", "10.4.1.3:8012"), 1, cluster))
                .isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.pick(List.of("203.0.113.7", "10.4.0.12"), 1, cluster)).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.pick(List.of("2001:db8::7", "[fd00::12]:8012"), 1, cluster)).isEqualTo("2001:db8::7");
        // A client inside the cluster: all entries are the cluster's; the leftmost is the client.
        assertThat(ClientAddresses.pick(List.of("10.9.9.9", "10.4.0.12"), 1, cluster)).isEqualTo("10.9.9.9");
        // Hops count what is left: a CDN in front of the ingress.
        assertThat(ClientAddresses.pick(List.of("client-written", "203.0.113.7", "198.51.100.2", "10.4.0.12"), 2, cluster))
                .isEqualTo("203.0.113.7");
    }

    @Test
    void hostileEntriesNeverSkipPastTheClientNorFailOpen() {
        List<AddressRange> cluster = List.of(AddressRange.parse("10.0.0.0/8"));
        // Junk is not a proxy: it stops the skipping and is counted in the shared unknown bucket.
        for (String junk : List.of("unknown", "", "10.0.0.1.evil", "10.0.0.0/8", "１０.0.0.1", "x".repeat(5000))) {
            String picked = ClientAddresses.pick(List.of("203.0.113.7", junk, "10.4.0.12"), 1, cluster);
            assertThat(picked).as(junk).isEqualTo(ClientAddresses.withoutPort(junk));
            assertThat(ClientAddress.of(picked).limitKey()).as(junk).isEqualTo("unknown");
        }
        // A zone id is no way out of the /64.
        String zoned = ClientAddresses.pick(List.of("203.0.113.7", "[fe80::1%eth0]:80", "10.4.0.12"), 1, cluster);
        assertThat(ClientAddress.of(zoned).limitKey()).isEqualTo("fe80::/64");
        // Thousands of entries, all the cluster's: the leftmost, at once.
        List<String> many = java.util.Collections.nCopies(10_000, "10.1.1.1");
        assertThat(ClientAddresses.pick(many, 1, cluster)).isEqualTo("10.1.1.1");
    }

    @Test
    void aProxyRangeThatIsNoRangeStopsTheStart() {
        assertThat(ClientAddresses.proxyRanges(List.of("10.0.0.0/8", " ", "fc00::/7"))).hasSize(2);
        for (String range : List.of("10.0.0.0/33", "proxy.internal", "fc00::/129", "10.0.0.0/x")) {
            assertThatThrownBy(() -> ClientAddresses.proxyRanges(List.of("10.0.0.0/8", range))).as(range)
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("AUTH_PROXY_TRUSTED_RANGES");
        }
    }

    @Test
    void portsAreDroppedButIpv6ColonsStay() {
        assertThat(ClientAddresses.withoutPort("203.0.113.7:4711")).isEqualTo("203.0.113.7");
        assertThat(ClientAddresses.withoutPort("[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(ClientAddresses.withoutPort("2001:db8::1")).isEqualTo("2001:db8::1");
        assertThat(ClientAddresses.withoutPort(" 203.0.113.7 ")).isEqualTo("203.0.113.7");
    }
}
