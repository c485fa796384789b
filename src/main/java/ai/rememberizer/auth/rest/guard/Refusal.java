package ai.rememberizer.auth.rest.guard;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.rest.Problem;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/** How a guard answers: problem+json, and the connection closed (the body was left unread). */
@ApplicationScoped
class Refusal {

    /** The guards run in this order, first of all routes (Quarkus's own body limit and CORS included). */
    static final int LIMITS_ORDER = Integer.MIN_VALUE + 10;
    static final int ORIGIN_ORDER = LIMITS_ORDER + 1;
    static final int BODY_ORDER = LIMITS_ORDER + 2;

    private final ObjectMapper mapper;

    Refusal(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void send(RoutingContext context, ProblemCode code, String detail) {
        String body;
        try {
            body = mapper.writeValueAsString(Problem.of(code, detail));
        } catch (JsonProcessingException e) {
            body = "{\"status\":" + code.status() + ",\"code\":\"" + code.code() + "\"}";
        }
        context.response().setStatusCode(code.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(body);
    }

    void send(RoutingContext context, ProblemCode code) {
        send(context, code, code.detail());
    }
}
