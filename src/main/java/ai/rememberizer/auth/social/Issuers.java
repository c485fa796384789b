package ai.rememberizer.auth.social;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * Which issuers (and provider endpoints) the service talks to: {@code https} only, except on a
 * loopback address (tests and local providers), and nothing a URL could hide: no user info, no
 * query, no fragment.
 */
public final class Issuers {

    private Issuers() {
    }

    /**
     * The issuer as a URI, if it is one we may trust.
     *
     * @throws IllegalArgumentException with the reason, for the start-up check to name
     */
    public static URI require(String issuer) {
        URI uri;
        try {
            uri = new URI(issuer == null ? "" : issuer.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("must be an https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("must have no user info, query or fragment");
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("must be https (plain http only on a loopback address)");
        }
        return uri;
    }

    /** A literal loopback address, or {@code localhost}; no name is resolved. */
    static boolean isLoopback(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(bare).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
