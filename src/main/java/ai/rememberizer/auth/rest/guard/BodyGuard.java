package ai.rememberizer.auth.rest.guard;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.MediaType;

import ai.rememberizer.auth.problem.ProblemCode;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The body of a state-changing request: at most 16 KiB (413), and JSON when there is one
 * (415). A body without a declared length is read here, up to the limit, and then handed to
 * the REST layer; one that runs past the limit fails with 413, answered as a problem.
 * {@code quarkus.http.limits.max-body-size} is the same 16 KiB, as a last line.
 */
@ApplicationScoped
class BodyGuard {

    static final long MAX_BODY_BYTES = 16 * 1024;
    private static final Set<HttpMethod> STATE_CHANGING = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH,
            HttpMethod.DELETE);

    private final BodyHandler boundedBody = BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES);
    private final Refusal refusal;

    BodyGuard(Refusal refusal) {
        this.refusal = refusal;
    }

    void register(@Observes Router router) {
        router.route().order(Refusal.BODY_ORDER).handler(this::check).failureHandler(this::bodyTooLarge);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (!STATE_CHANGING.contains(request.method())) {
            context.next();
            return;
        }
        long length = declaredLength(request);
        if (length > MAX_BODY_BYTES) {
            refusal.send(context, ProblemCode.PAYLOAD_TOO_LARGE);
            return;
        }
        boolean unknownLength = length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if ((length > 0 || unknownLength) && (contentType == null || !isJson(contentType))) {
            refusal.send(context, ProblemCode.UNSUPPORTED_MEDIA_TYPE);
        } else if (unknownLength) {
            boundedBody.handle(context);
        } else {
            context.next();
        }
    }

    private void bodyTooLarge(RoutingContext context) {
        if (context.statusCode() == ProblemCode.PAYLOAD_TOO_LARGE.status() && !context.response().ended()) {
            refusal.send(context, ProblemCode.PAYLOAD_TOO_LARGE);
        } else {
            context.next();
        }
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

    private static boolean isJson(String contentType) {
        try {
            MediaType type = MediaType.valueOf(contentType);
            String subtype = type.getSubtype().toLowerCase(Locale.ROOT);
            return "application".equalsIgnoreCase(type.getType()) && (subtype.equals("json") || subtype.endsWith("+json"));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
