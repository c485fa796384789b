package ai.rememberizer.auth.problem;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * A refusal the client should understand: it carries its {@link ProblemCode}, a detail
 * safe to show, and optionally field errors or a retry delay. The HTTP edge turns it into
 * problem+json; no secret ever goes into the detail.
 */
public class AuthException extends RuntimeException {

    private final ProblemCode code;
    private final transient Map<String, String> errors;
    private final Duration retryAfter;
    private final Integer attemptsRemaining;

    public AuthException(ProblemCode code, String detail) {
        this(code, detail, Map.of(), null);
    }

    public AuthException(ProblemCode code, String detail, Map<String, String> errors, Duration retryAfter) {
        this(code, detail, errors, retryAfter, null);
    }

    public AuthException(ProblemCode code, String detail, Map<String, String> errors, Duration retryAfter,
            Integer attemptsRemaining) {
        super(detail, null, false, false);
        this.code = code;
        this.errors = Map.copyOf(errors);
        this.retryAfter = retryAfter;
        this.attemptsRemaining = attemptsRemaining;
    }

    public ProblemCode code() {
        return code;
    }

    public Map<String, String> errors() {
        return errors;
    }

    public Optional<Integer> attemptsRemaining() {
        return Optional.ofNullable(attemptsRemaining);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public static AuthException validation(Map<String, String> errors) {
        return new AuthException(ProblemCode.VALIDATION_FAILED, "Some fields are not valid.", errors, null);
    }
}
