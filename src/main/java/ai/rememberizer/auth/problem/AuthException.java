package ai.rememberizer.auth.problem;

/**
 * A refusal the client should understand: its {@link ProblemCode} and a detail safe to
 * show. The HTTP edge turns it into problem+json. The subclasses exist only where the body
 * carries more: {@link ValidationException} (field errors), {@link RetryLaterException}
 * ({@code Retry-After}), {@link InvalidCodeException} (attempts remaining). No secret ever
 * goes into a detail.
 */
public class AuthException extends RuntimeException {

    private final ProblemCode code;

    public AuthException(ProblemCode code) {
        this(code, code.detail());
    }

    public AuthException(ProblemCode code, String detail) {
        // No stack trace: these are answers, not faults, and they are thrown on hot paths.
        super(detail, null, false, false);
        this.code = code;
    }

    public ProblemCode code() {
        return code;
    }
}
