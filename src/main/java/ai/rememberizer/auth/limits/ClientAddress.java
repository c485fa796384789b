package ai.rememberizer.auth.limits;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

import io.smallrye.common.net.Inet;

/**
 * A client as the limits count it: its address (for the audit log and the captcha
 * provider), and the key its counters use. An IPv6 client is counted by its /64 (one
 * subscriber's network: rotating within it changes nothing); an address that cannot be
 * parsed is counted in one shared {@code unknown} bucket, so a limit never fails open.
 */
public record ClientAddress(String address, String limitKey) {

    public static final ClientAddress UNKNOWN = new ClientAddress(null, "unknown");

    /** From an IP literal (no host names: nothing here ever resolves a name). */
    public static ClientAddress of(String literal) {
        if (literal == null || literal.isBlank() || literal.length() > 64) {
            return UNKNOWN;
        }
        InetAddress parsed = Inet.parseInetAddress(literal.trim());
        if (parsed instanceof Inet6Address v6 && isIpv4Mapped(v6.getAddress())) {
            parsed = v4(Arrays.copyOfRange(v6.getAddress(), 12, 16));
        }
        if (parsed instanceof Inet4Address v4) {
            String address = v4.getHostAddress();
            return new ClientAddress(address, address);
        }
        if (parsed instanceof Inet6Address v6) {
            byte[] prefix = Arrays.copyOf(v6.getAddress(), 16);
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return new ClientAddress(Inet.toOptimalString(v6), Inet.toOptimalString(prefix) + "/64");
        }
        return UNKNOWN;
    }

    /** The address for logs and the captcha provider; {@code unknown} when it could not be parsed. */
    public String describe() {
        return address == null ? "unknown" : address;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
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
