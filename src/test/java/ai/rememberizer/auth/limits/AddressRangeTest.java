package ai.rememberizer.auth.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Networks in CIDR form, as the proxies' ranges are given. */
class AddressRangeTest {

    @Test
    void ipv4RangesHoldTheirAddressesOnly() {
        AddressRange range = AddressRange.parse("172.16.0.0/12");
        assertThat(range.contains("172.16.0.1")).isTrue();
        assertThat(range.contains("172.31.255.255")).isTrue();
        assertThat(range.contains("172.32.0.0")).isFalse();
        assertThat(range.contains("203.0.113.7")).isFalse();
        // An IPv4-mapped IPv6 address is its IPv4 address.
        assertThat(range.contains("::ffff:172.20.1.2")).isTrue();
        assertThat(AddressRange.parse("0.0.0.0/0").contains("198.51.100.1")).isTrue();
    }

    @Test
    void ipv6RangesAndSingleAddresses() {
        AddressRange ula = AddressRange.parse("fc00::/7");
        assertThat(ula.contains("fd12:3456::1")).isTrue();
        assertThat(ula.contains("fe80::1")).isFalse();
        assertThat(ula.contains("172.16.0.1")).isFalse();
        AddressRange one = AddressRange.parse("2001:db8::5");
        assertThat(one.contains("2001:db8:0::5")).isTrue();
        assertThat(one.contains("2001:db8::6")).isFalse();
        assertThat(AddressRange.parse("10.1.2.3/8")).isEqualTo(AddressRange.parse("10.0.0.0/8"));
    }

    @Test
    void whatIsNoAddressIsInNoRange() {
        AddressRange range = AddressRange.parse("0.0.0.0/0");
        assertThat(range.contains("unknown")).isFalse();
        assertThat(range.contains("")).isFalse();
        assertThat(range.contains(null)).isFalse();
        assertThat(range.contains("host.example.com")).isFalse();
        // Other scripts' digits are no IP literal, though the parser would read them.
        assertThat(range.contains("１０.0.0.1")).isFalse();
        assertThat(ClientAddress.of("１０.0.0.1")).isEqualTo(ClientAddress.UNKNOWN);
    }

    @Test
    void whatIsNoRangeIsRefused() {
        for (String bad : new String[] {"10.0.0.0/33", "::/129", "10.0.0.0/-1", "10.0.0.0/", "proxy.internal", "", "1.2.3"}) {
            assertThatThrownBy(() -> AddressRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
