package ai.rememberizer.auth.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;

import io.smallrye.common.net.Inet;

/**
 * A network in CIDR form ({@code 10.0.0.0/8}, {@code fc00::/7}, or one address), to tell the
 * addresses of a platform's own proxies from a client's. Literals only: nothing here resolves
 * a name. An IPv4-mapped IPv6 address is the IPv4 address it maps.
 */
public record AddressRange(byte[] network, int prefix) {

    /** Parses {@code ADDRESS[/PREFIX]}; an address alone is a range of one. */
    public static AddressRange parse(String cidr) {
        String value = cidr == null ? "" : cidr.trim();
        int slash = value.indexOf('/');
        byte[] address = bytes(slash < 0 ? value : value.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("not an IP address range: '" + value + "'");
        }
        int bits = address.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(value.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("not an IP address range: '" + value + "'");
        }
        return new AddressRange(mask(address, prefix), prefix);
    }

    /** Whether this literal (a forwarded entry, its port already dropped) is inside the range. */
    public boolean contains(String literal) {
        byte[] address = literal == null ? null : bytes(literal.trim());
        return address != null && address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    private static byte[] bytes(String literal) {
        if (literal.isEmpty() || literal.length() > 64 || !ClientAddress.isAscii(literal)) {
            return null;
        }
        InetAddress parsed = Inet.parseInetAddress(literal);
        if (parsed instanceof Inet6Address v6 && ClientAddress.isIpv4Mapped(v6.getAddress())) {
            return Arrays.copyOfRange(v6.getAddress(), 12, 16);
        }
        return parsed instanceof Inet4Address || parsed instanceof Inet6Address ? parsed.getAddress() : null;
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = Arrays.copyOf(address, address.length);
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange range && range.prefix == prefix && Arrays.equals(range.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        return Inet.toOptimalString(network) + "/" + prefix;
    }
}
