package ai.rememberizer.auth.rest;

import java.util.Map;

import jakarta.ws.rs.WebApplicationException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidCodeException;
import ai.rememberizer.auth.problem.MfaRequiredException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;
import ai.rememberizer.auth.problem.ValidationException;
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
    private final long reauthMaxAge;

    ProblemMappers(AuthCookies cookies, AuthConfig config) {
        this.cookies = cookies;
        this.reauthMaxAge = config.reauthMaxAge().toSeconds();
    }

    static RestResponse.ResponseBuilder<Problem> problem(Problem body) {
        return RestResponse.ResponseBuilder.<Problem> create(body.status()).type(Problem.MEDIA_TYPE).entity(body);
    }

    static RestResponse<Problem> problem(ProblemCode code, String detail) {
        return problem(Problem.of(code, detail)).build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> auth(AuthException e) {
        var response = problem(e instanceof MfaRequiredException mfa ? Problem.mfaRequired(e.getMessage(), mfa.mfaToken(), mfa.methods())
                : Problem.of(e.code(), e.getMessage(),
                        e instanceof ValidationException validation ? validation.errors() : null,
                        e instanceof InvalidCodeException invalid ? invalid.attemptsRemaining() : null));
        if (e instanceof RetryLaterException retry) {
            response.header("Retry-After", retry.retryAfterSeconds());
        }
        switch (e.code()) {
            case UNAUTHENTICATED -> response.header("WWW-Authenticate", "Bearer");
            case INVALID_REFRESH_TOKEN, REFRESH_TOKEN_REUSED -> cookies.clear(response);
            case MFA_REQUIRED -> cookies.setMfaToken(response, ((MfaRequiredException) e).mfaToken());
            case MFA_TOKEN_INVALID -> cookies.clearMfaToken(response);
            case AAL2_REQUIRED -> response.header("WWW-Authenticate",
                    "Bearer error=\"insufficient_user_authentication\", error_description=\"A second factor is required\", acr_values=\"aal2\"");
            case REAUTHENTICATION_REQUIRED -> response.header("WWW-Authenticate",
                    "Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent authentication is required\", max_age="
                            + reauthMaxAge);
            default -> {
            }
        }
        return response.build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public RestResponse<Problem> unauthenticated(RuntimeException e) {
        return problem(Problem.of(ProblemCode.UNAUTHENTICATED, "A valid access token is required."))
                .header("WWW-Authenticate", "Bearer")
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> forbidden(ForbiddenException e) {
        return problem(ProblemCode.FORBIDDEN, ProblemCode.FORBIDDEN.detail());
    }

    @ServerExceptionMapper
    public RestResponse<Problem> mismatchedInput(MismatchedInputException e) {
        return auth(ValidationException.of(fieldOf(e), "has the wrong type"));
    }

    @ServerExceptionMapper
    public RestResponse<Problem> malformedJson(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return auth(ValidationException.of(fieldOf(mapping), "is not valid"));
        }
        return problem(Problem.of(ProblemCode.VALIDATION_FAILED, "The body is not valid JSON.", Map.of("body", "is not valid JSON"), null))
                .build();
    }

    @ServerExceptionMapper
    public RestResponse<Problem> webApplication(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        ProblemCode code = ProblemCode.forStatus(status);
        var response = problem(Problem.of(code, code.title() + ".", status == 400 ? Map.of("body", "is not valid") : null, null));
        String allow = e.getResponse().getHeaderString("Allow");
        if (allow != null) {
            response.header("Allow", allow);
        }
        return response.build();
    }

    @ServerExceptionMapper(priority = Integer.MAX_VALUE)
    public RestResponse<Problem> unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return problem(ProblemCode.INTERNAL_ERROR, ProblemCode.INTERNAL_ERROR.detail());
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
