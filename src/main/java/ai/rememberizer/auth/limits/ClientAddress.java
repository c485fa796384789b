package ai.rememberizer.auth.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import io.smallrye.common.net.Inet;

/**
 * A client as the limits count it: its address (for the audit log and the captcha
 * provider), and the keys its counters use. An IPv6 client is counted by its /64 (one
 * subscriber's network: rotating within it changes nothing), and also by its /56 and its /48
 * with limits {@value #SLASH_56_FACTOR} and {@value #SLASH_48_FACTOR} times higher: anyone can
 * get a /48 for free, and its 65,536 /64s would otherwise be as many buckets. An address that
 * cannot be parsed is counted in one shared {@code unknown} bucket, so a limit never fails
 * open.
 */
public record ClientAddress(String address, List<Bucket> buckets) {

    /** How many times the per-address limit a /56 may spend (4 of its 256 /64s at full rate). */
    public static final int SLASH_56_FACTOR = 4;
    /** How many times the per-address limit a /48 may spend (16 of its 65,536 /64s at full rate). */
    public static final int SLASH_48_FACTOR = 16;

    public static final ClientAddress UNKNOWN = single(null, "unknown");

    /** One counter of a client: its key, and how many times the limit's maximum it may reach. */
    public record Bucket(String key, int factor) {
    }

    private static ClientAddress single(String address, String key) {
        return new ClientAddress(address, List.of(new Bucket(key, 1)));
    }

    /** From an IP literal (no host names: nothing here ever resolves a name). */
    public static ClientAddress of(String literal) {
        if (literal == null || literal.isBlank() || literal.length() > 64 || !isAscii(literal)) {
            return UNKNOWN;
        }
        InetAddress parsed = Inet.parseInetAddress(literal.trim());
        if (parsed instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
            parsed = v4(Arrays.copyOfRange(v6.getAddress(), 12, 16));
        }
        if (parsed instanceof Inet4Address v4) {
            String address = v4.getHostAddress();
            return single(address, address);
        }
        if (parsed instanceof Inet6Address v6) {
            return new ClientAddress(Inet.toOptimalString(v6),
                    List.of(new Bucket(prefix(v6, 64), 1), new Bucket(prefix(v6, 56), SLASH_56_FACTOR), new Bucket(prefix(v6, 48), SLASH_48_FACTOR)));
        }
        return UNKNOWN;
    }

    /** The network of an address as {@code 2001:db8::/48}, for a prefix length that is a whole number of bytes. */
    private static String prefix(Inet6Address v6, int bits) {
        byte[] network = Arrays.copyOf(v6.getAddress(), 16);
        Arrays.fill(network, bits / 8, 16, (byte) 0);
        return Inet.toOptimalString(network) + "/" + bits;
    }

    /** The key of its narrowest bucket: the address itself, or an IPv6 client's /64. */
    public String limitKey() {
        return buckets.get(0).key();
    }

    /**
     * The key of its widest bucket: the address itself, or an IPv6 client's /48. This is one
     * client where a mailbox's limits give each client a share (code mails, reset guesses):
     * anyone can get a /48 for free, so a narrower key would give one attacker 65,536 shares;
     * and a subscriber's /48 (or /56) is one site, which an attacker elsewhere does not share.
     */
    public String widestKey() {
        return buckets.get(buckets.size() - 1).key();
    }

    /** The address for logs and the captcha provider; {@code unknown} when it could not be parsed. */
    public String describe() {
        return address == null ? "unknown" : address;
    }

    /** IP literals are ASCII: the parser would also read other scripts' digits ({@code １０.0.0.1} as 10.0.0.1). */
    static boolean isAscii(String literal) {
        return literal.chars().allMatch(c -> c < 0x80);
    }

    /** An IPv6 address of the form {@code ::ffff:a.b.c.d}. */
    static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static InetAddress v4(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
