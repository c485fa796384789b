package ai.rememberizer.auth.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.limits.AddressRange;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.session.SessionClient;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The client of a request, as the contract defines it: the connection's address; or, with
 * Quarkus's proxy forwarding on and the connection coming from a trusted proxy, the entry of
 * {@code X-Forwarded-For} (or {@code Forwarded: for=}) that the nearest trusted proxy
 * appended: the {@code AUTH_PROXY_HOPS}-th from the right (default 1, the rightmost), never
 * one a client could write.
 *
 * <p>Quarkus decides whether the connection's peer is a trusted proxy
 * ({@code quarkus.http.proxy.trusted-proxies}); it then rewrites the request's address from
 * the leftmost entry, which a client controls. The address is taken again here from the
 * right; when Quarkus did not trust the peer, the peer's own address is used. Entries inside
 * {@code AUTH_PROXY_TRUSTED_RANGES} (the platform's own proxies, where their number varies)
 * are skipped from the right before the hops are counted.
 *
 * <p>With forwarding off, a production instance whose peers are loopback or link-local
 * addresses sits behind a proxy on its own host (Knative's queue-proxy) or the platform's
 * front end (Cloud Run): every client is then one address for the limits. It says so once.
 */
@ApplicationScoped
@Startup
class ClientAddresses {

    private static final Pattern FORWARDED_FOR = Pattern.compile("(?i)(?:^|[;,\\s])for=\"?([^;,\"]+)\"?");

    private static final Logger LOG = Logger.getLogger(ClientAddresses.class);
    /** Loopback and link-local: where a proxy on this host or a platform's front end connects from. */
    private static final List<AddressRange> LOCAL = List.of(AddressRange.parse("127.0.0.0/8"), AddressRange.parse("::1"),
            AddressRange.parse("169.254.0.0/16"), AddressRange.parse("fe80::/10"));

    private final boolean forwarding;
    private final boolean xForwarded;
    private final boolean forwarded;
    private final int hops;
    private final List<AddressRange> proxyRanges;
    private final boolean production;
    private final AtomicBoolean warnedOfLocalPeer = new AtomicBoolean();

    ClientAddresses(@ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded", defaultValue = "false") boolean xForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.allow-forwarded", defaultValue = "false") boolean forwarded,
            AuthConfig config) {
        this.forwarding = forwarding;
        this.xForwarded = xForwarded;
        this.forwarded = forwarded;
        this.hops = Math.max(1, config.proxyHops());
        this.proxyRanges = proxyRanges(config.proxyTrustedRanges().orElse(List.of()));
        this.production = LaunchMode.current() == LaunchMode.NORMAL;
    }

    /** The proxies' ranges as configured; a range that is none stops the start with its name. */
    static List<AddressRange> proxyRanges(List<String> configured) {
        try {
            return configured.stream().filter(range -> !range.isBlank()).map(AddressRange::parse).toList();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Refusing to start: AUTH_PROXY_TRUSTED_RANGES: " + e.getMessage()
                    + "; give networks as 10.0.0.0/8 or fc00::/7.");
        }
    }

    ClientAddress of(HttpServerRequest request) {
        SocketAddress peer = request.connection() != null ? request.connection().remoteAddress() : request.remoteAddress();
        if (peer == null) {
            return ClientAddress.UNKNOWN;
        }
        if (!forwarding) {
            warnOfLocalPeer(peer.hostAddress());
            return ClientAddress.of(peer.hostAddress());
        }
        if (sameHost(request.remoteAddress(), peer)) {
            // Quarkus did not trust the peer (it left the address alone).
            return ClientAddress.of(peer.hostAddress());
        }
        List<String> entries = entries(request);
        if (entries.isEmpty()) {
            return ClientAddress.of(peer.hostAddress());
        }
        return ClientAddress.of(pick(entries, hops, proxyRanges));
    }

    /**
     * The entry the nearest trusted proxy appended: entries inside the proxies' ranges skipped
     * from the right, then the {@code hops}-th from the right, or the leftmost if there are
     * fewer. Entries lose their port first.
     */
    static String pick(List<String> entries, int hops, List<AddressRange> proxyRanges) {
        List<String> addresses = entries.stream().map(ClientAddresses::withoutPort).toList();
        int end = addresses.size();
        while (end > 1 && isProxy(addresses.get(end - 1), proxyRanges)) {
            end--;
        }
        return end >= hops ? addresses.get(end - hops) : addresses.get(0);
    }

    private static boolean isProxy(String address, List<AddressRange> proxyRanges) {
        for (AddressRange range : proxyRanges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private void warnOfLocalPeer(String peer) {
        if (production && !warnedOfLocalPeer.get() && isLocal(peer) && warnedOfLocalPeer.compareAndSet(false, true)) {
            LOG.warnf("Requests come from %s, a loopback or link-local peer (a proxy on this host, or the platform's "
                    + "front end), and proxy forwarding is off: every client is one address for the limits. Turn on "
                    + "QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING with the platform's trusted proxies (see docs/DEPLOYMENT.md).",
                    peer);
        }
    }

    private static boolean isLocal(String peer) {
        for (AddressRange range : LOCAL) {
            if (range.contains(peer)) {
                return true;
            }
        }
        return false;
    }

    /** The client as the session list shows it: its user agent (cut to its limit) and its address. */
    SessionClient sessionClient(HttpServerRequest request, ClientAddress client) {
        return SessionClient.of(request.getHeader("User-Agent"), client.describe());
    }

    /** Every forwarded address, leftmost first, across repeated headers. */
    private List<String> entries(HttpServerRequest request) {
        List<String> entries = new ArrayList<>();
        if (xForwarded) {
            for (String header : request.headers().getAll("X-Forwarded-For")) {
                for (String entry : header.split(",")) {
                    if (!entry.isBlank()) {
                        entries.add(entry.trim());
                    }
                }
            }
        }
        if (entries.isEmpty() && forwarded) {
            for (String header : request.headers().getAll("Forwarded")) {
                Matcher matcher = FORWARDED_FOR.matcher(header);
                while (matcher.find()) {
                    entries.add(matcher.group(1).trim());
                }
            }
        }
        return entries;
    }

    private static boolean sameHost(SocketAddress a, SocketAddress b) {
        return a != null && b != null && String.valueOf(a.hostAddress()).equalsIgnoreCase(String.valueOf(b.hostAddress()));
    }

    /** {@code 1.2.3.4:5678} and {@code [2001:db8::1]:443} lose their port; a bare IPv6 address keeps its colons. */
    static String withoutPort(String entry) {
        String value = entry.trim();
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            return end > 0 ? value.substring(1, end) : value;
        }
        int colon = value.indexOf(':');
        if (colon > 0 && colon == value.lastIndexOf(':')) {
            return value.substring(0, colon);
        }
        return value.toLowerCase(Locale.ROOT);
    }
}
