package ai.rememberizer.auth.rest;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Every failure becomes an RFC 9457 problem+json answer with a stable {@code code}. Nothing
 * of the exception itself (class, message, stack, SQL) reaches the client; unexpected ones
 * are logged here and answered with a bare 500.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    private final AuthCookies cookies;

    ProblemMappers(AuthCookies cookies) {
        this.cookies = cookies;
    }

    static Response.ResponseBuilder problem(ProblemCode code, String detail, Map<String, String> errors) {
        return Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, detail, errors));
    }

    @ServerExceptionMapper
    public Response auth(AuthException e) {
        Response.ResponseBuilder response = Response.status(e.code().status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(e.code(), e.getMessage(), e.errors(), e.attemptsRemaining().orElse(null)));
        e.retryAfter().ifPresent(delay -> response.header("Retry-After", Math.max(1, delay.toSeconds())));
        switch (e.code()) {
            case UNAUTHENTICATED -> response.header("WWW-Authenticate", "Bearer");
            case INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED -> cookies.clear(response);
            default -> {
            }
        }
        return response.build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return problem(ProblemCode.UNAUTHENTICATED, "A valid access token is required.", null)
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(ProblemCode.FORBIDDEN, "This account may not do that.", null).build();
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e) {
        String field = fieldOf(e);
        return problem(ProblemCode.VALIDATION_FAILED, "Some fields are not valid.",
                Map.of(field, "has the wrong type")).build();
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return problem(ProblemCode.VALIDATION_FAILED, "Some fields are not valid.",
                    Map.of(fieldOf(mapping), "is not valid")).build();
        }
        return problem(ProblemCode.VALIDATION_FAILED, "The body is not valid JSON.", Map.of("body", "is not valid JSON"))
                .build();
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        ProblemCode code = ProblemCode.forStatus(status);
        Response.ResponseBuilder response = Response.status(code.status())
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(code, code.title() + ".", status == 400 ? Map.of("body", "is not valid") : null));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            response.header("Allow", allow);
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return problem(ProblemCode.INTERNAL_ERROR, "Something went wrong on our side.", null).build();
    }

    /** The JSON path of the bad value, e.g. {@code email} or {@code body} at the top. */
    private static String fieldOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? "body" : path.toString();
    }
}
