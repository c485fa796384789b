package ai.rememberizer.auth.rest.guard;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import ai.rememberizer.auth.problem.ProblemCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The contract's {@code Origin} rule, before anything reads the request: an {@code Origin}
 * that is neither the service's own nor one of {@code quarkus.http.cors.origins} is refused.
 * It is refused on every method (the contract requires it for state-changing ones; refusing
 * reads and preflights too keeps Quarkus's bare CORS 403 from ever answering). A wildcard
 * origin is refused at start ({@code StartupChecks}): with credentials on, it would switch
 * this rule off.
 */
@ApplicationScoped
class OriginGuard {

    private final Set<String> allowedOrigins;
    private final List<Pattern> allowedOriginPatterns;
    private final Refusal refusal;

    OriginGuard(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins, Refusal refusal) {
        List<String> origins = corsOrigins.orElse(List.of());
        // As in Quarkus's CORS settings, an entry between slashes is a regular expression.
        this.allowedOrigins = origins.stream().filter(o -> !isPattern(o)).map(OriginGuard::normalize)
                .collect(Collectors.toUnmodifiableSet());
        this.allowedOriginPatterns = origins.stream().filter(OriginGuard::isPattern)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
        this.refusal = refusal;
    }

    void register(@Observes Router router) {
        router.route().order(Refusal.ORIGIN_ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !isAllowed(origin, request)) {
            refusal.send(context, ProblemCode.ORIGIN_NOT_ALLOWED, "Requests from " + sanitize(origin) + " are not accepted.");
        } else {
            context.next();
        }
    }

    /**
     * An origin as browsers serialise it (RFC 6454: lower-case scheme and host, no default
     * port, no trailing slash), compared exactly: any other spelling is refused here, with a
     * problem, rather than let through to Quarkus's CORS check, which would refuse it with a
     * bare 403. The configured origins are written in that form at start.
     */
    private boolean isAllowed(String origin, HttpServerRequest request) {
        String own = normalize(request.scheme() + "://" + request.authority());
        return origin.equals(own) || allowedOrigins.contains(origin)
                || allowedOriginPatterns.stream().anyMatch(p -> p.matcher(origin).matches());
    }

    private static boolean isPattern(String origin) {
        return origin.length() > 2 && origin.startsWith("/") && origin.endsWith("/");
    }

    /** Scheme and host in lower case, default port dropped, no trailing slash. */
    static String normalize(String origin) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.startsWith("http://") && value.endsWith(":80")) {
            value = value.substring(0, value.length() - 3);
        } else if (value.startsWith("https://") && value.endsWith(":443")) {
            value = value.substring(0, value.length() - 4);
        }
        return value;
    }

    private static String sanitize(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }
}
