package ai.rememberizer.auth.rest;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import ai.rememberizer.auth.problem.ProblemCode;

/**
 * Checks made before a request reaches any resource, in the contract's order: the
 * {@code Origin} rule first, then the body size, then the content type.
 */
public class RequestGuards {

    /** The contract's body limit; {@code quarkus.http.limits.max-body-size} backs it for bodies without a length. */
    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final Set<String> STATE_CHANGING = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Set<String> allowedOrigins;

    RequestGuards(@ConfigProperty(name = "quarkus.http.cors.origins") Optional<List<String>> corsOrigins) {
        this.allowedOrigins = corsOrigins.orElse(List.of()).stream()
                .map(RequestGuards::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    @ServerRequestFilter(preMatching = true)
    public Optional<Response> guard(ContainerRequestContext request) {
        if (!STATE_CHANGING.contains(request.getMethod())) {
            return Optional.empty();
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !isAllowed(origin, request.getUriInfo().getBaseUri())) {
            return refuse(ProblemCode.ORIGIN_NOT_ALLOWED, "Requests from " + sanitize(origin) + " are not accepted.");
        }
        if (request.getLength() > MAX_BODY_BYTES) {
            return refuse(ProblemCode.PAYLOAD_TOO_LARGE, "The body must be at most 16 KiB.");
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !isJson(contentType)) {
            return refuse(ProblemCode.UNSUPPORTED_MEDIA_TYPE, "Send the body as application/json.");
        }
        return Optional.empty();
    }

    private boolean isAllowed(String origin, URI base) {
        String own = normalize(base.getScheme() + "://" + base.getRawAuthority());
        String candidate = normalize(origin);
        return candidate.equals(own) || allowedOrigins.contains(candidate) || allowedOrigins.contains("*");
    }

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            return "application".equalsIgnoreCase(type.getType())
                    && ("json".equalsIgnoreCase(type.getSubtype()) || type.getSubtype().toLowerCase(Locale.ROOT).endsWith("+json"));
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
        return printable.length() > 100 ? printable.substring(0, 100) + "…" : printable;
    }

    private static Optional<Response> refuse(ProblemCode code, String detail) {
        return Optional.of(ProblemMappers.problem(code, detail, null).build());
    }
}
