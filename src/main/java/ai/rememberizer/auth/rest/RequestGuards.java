package ai.rememberizer.auth.rest;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.problem.ProblemCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Checks made before anything else reads the request, in the contract's order: the
 * {@code Origin} rule first, then the body size, then the content type. They run as the
 * first Vert.x route, ahead of Quarkus's own body-size and CORS checks, so even those
 * refusals are problem+json. A foreign {@code Origin} is refused on every method (the
 * contract requires it for state-changing ones; refusing reads and preflights too keeps
 * Quarkus's bare CORS 403 from ever answering).
 */
@ApplicationScoped
public class RequestGuards {

    /** The contract's body limit. {@code quarkus.http.limits.max-body-size} is the same, for bodies without a length. */
    static final long MAX_BODY_BYTES = 16 * 1024;
    /**
     * Limits well above any real client's, checked here so the refusal is problem+json;
     * {@code quarkus.http.limits.max-header-size} and {@code max-initial-line-length} sit higher
     * still, and past them Vert.x answers with a bare status before any route runs.
     */
    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_URI_LENGTH = 2048;
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final Set<String> allowedOrigins;
    private final List<Pattern> allowedOriginPatterns;
    private final ObjectMapper mapper;

    RequestGuards(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins, ObjectMapper mapper) {
        List<String> origins = corsOrigins.orElse(List.of());
        // As in Quarkus's CORS settings, an entry between slashes is a regular expression.
        this.allowedOrigins = origins.stream().filter(o -> !isPattern(o)).map(RequestGuards::normalize)
                .collect(Collectors.toUnmodifiableSet());
        this.allowedOriginPatterns = origins.stream().filter(RequestGuards::isPattern)
                .map(o -> Pattern.compile(o.substring(1, o.length() - 1))).toList();
        this.mapper = mapper;
    }

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(this::guard).failureHandler(this::bodyTooLarge);
    }

    /**
     * A body without a declared length is read here, up to the limit, and then handed to the
     * REST layer; one that runs past the limit fails with 413, answered as a problem below.
     */
    private final BodyHandler boundedBody = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);

    private void bodyTooLarge(RoutingContext context) {
        if (context.statusCode() == ProblemCode.PAYLOAD_TOO_LARGE.status() && !context.response().ended()) {
            refuse(context, ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 16 KiB.");
        } else {
            context.next();
        }
    }

    void guard(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            refuse(context, ProblemCode.URI_TOO_LONG, "The request URI must be at most " + MAX_URI_LENGTH + " characters.");
            return;
        }
        if (headerBytes(request) > MAX_HEADER_BYTES) {
            refuse(context, ProblemCode.HEADERS_TOO_LARGE, "The request headers must be at most 8 KiB in all.");
            return;
        }
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !isAllowed(origin, request)) {
            refuse(context, ProblemCode.ORIGIN_NOT_ALLOWED, "Requests from " + sanitize(origin) + " are not accepted.");
            return;
        }
        if (!STATE_CHANGING.contains(request.method())) {
            context.next();
            return;
        }
        long length = declaredLength(request);
        if (length > MAX_BODY_BYTES) {
            refuse(context, ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 16 KiB.");
            return;
        }
        boolean unknownLength = length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if ((length > 0 || unknownLength) && (contentType == null || !isJson(contentType))) {
            refuse(context, ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
            return;
        }
        if (unknownLength) {
            boundedBody.handle(context);
        } else {
            context.next();
        }
    }

    private static int headerBytes(HttpServerRequest request) {
        int total = 0;
        for (var header : request.headers()) {
            total += header.getKey().length() + header.getValue().length() + 4;
        }
        return total;
    }

    private static long declaredLength(HttpServerRequest request) {
        String value = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private boolean isAllowed(String origin, HttpServerRequest request) {
        String candidate = normalize(origin);
        String own = normalize(request.scheme() + "://" + request.authority());
        return candidate.equals(own) || allowedOrigins.contains(candidate) || allowedOrigins.contains("*")
                || allowedOriginPatterns.stream().anyMatch(p -> p.matcher(origin.trim()).matches());
    }

    private static boolean isPattern(String origin) {
        return origin.length() > 2 && origin.startsWith("/") && origin.endsWith("/");
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            return "application".equalsIgnoreCase(type.getType()) && (subtype.equals("json") || subtype.endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
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

    private void refuse(RoutingContext context, ProblemCode code, String detail) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(code, detail, null));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + code.status() + ",\"code\":\"" + code.code() + "\"}";
        }
        // The body is left unread, so the connection cannot carry another request.
        context.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }
}
