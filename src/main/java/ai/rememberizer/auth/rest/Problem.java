package ai.rememberizer.auth.rest;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import ai.rememberizer.auth.problem.ProblemCode;

/** An RFC 9457 problem detail with our stable {@code code}: the body of every error answer. */
@Schema(name = "Problem", description = "RFC 9457 problem detail")
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record Problem(
        @Schema(description = "URI of the problem type") String type,
        @Schema(description = "Short summary of the problem type") String title,
        @Schema(description = "HTTP status") int status,
        @Schema(description = "What went wrong, for a person") String detail,
        @Schema(description = "Stable machine-readable code", examples = "validation_failed") String code,
        @Schema(description = "For validation failures: field name to message") Map<String, String> errors,
        @Schema(description = "For invalid_code: wrong codes still allowed") @JsonProperty("attempts_remaining") Integer attemptsRemaining,
        @Schema(description = "For mfa_required: the second step's single-use token (also set as the mfa_token cookie)")
        @JsonProperty("mfa_token") String mfaToken,
        @Schema(description = "For mfa_required: the second-step methods the account has", examples = "[\"totp\", \"recovery_code\"]")
        List<String> methods) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Problem of(ProblemCode code, String detail) {
        return of(code, detail, null, null);
    }

    static Problem of(ProblemCode code, String detail, Map<String, String> errors, Integer attemptsRemaining) {
        return new Problem("urn:rememberizer:problem:" + code.code(), code.title(), code.status(), detail, code.code(),
                errors == null || errors.isEmpty() ? null : errors, attemptsRemaining, null, null);
    }

    /** 401 {@code mfa_required}, with the second step's token and methods. */
    static Problem mfaRequired(String detail, String mfaToken, List<String> methods) {
        ProblemCode code = ProblemCode.MFA_REQUIRED;
        return new Problem("urn:rememberizer:problem:" + code.code(), code.title(), code.status(), detail, code.code(), null, null,
                mfaToken, methods);
    }
}
