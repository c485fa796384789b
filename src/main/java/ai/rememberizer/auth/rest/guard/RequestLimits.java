package ai.rememberizer.auth.rest.guard;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import ai.rememberizer.auth.problem.ProblemCode;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The URI and header limits, checked here so the refusal is problem+json. They sit well
 * above any real client's; {@code quarkus.http.limits.max-header-size} and
 * {@code max-initial-line-length} sit higher still, and past them Vert.x answers with a bare
 * status before any route runs.
 */
@ApplicationScoped
class RequestLimits {

    static final int MAX_HEADER_BYTES = 8 * 1024;
    static final int MAX_URI_LENGTH = 2048;

    private final Refusal refusal;

    RequestLimits(Refusal refusal) {
        this.refusal = refusal;
    }

    void register(@Observes Router router) {
        router.route().order(Refusal.LIMITS_ORDER).handler(this::check);
    }

    void check(RoutingContext context) {
        HttpServerRequest request = context.request();
        if (request.uri().length() > MAX_URI_LENGTH) {
            refusal.send(context, ProblemCode.URI_TOO_LONG, "The request URI must be at most " + MAX_URI_LENGTH + " characters.");
        } else if (headerBytes(request) > MAX_HEADER_BYTES) {
            refusal.send(context, ProblemCode.HEADERS_TOO_LARGE, "The request headers must be at most 8 KiB in all.");
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
}
