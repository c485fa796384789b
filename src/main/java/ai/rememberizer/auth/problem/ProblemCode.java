package ai.rememberizer.auth.problem;

/**
 * The stable, machine-readable {@code code} of every problem+json answer, with the HTTP
 * status and title it goes with.
 */
public enum ProblemCode {
    VALIDATION_FAILED(400, "The request is not valid"),
    CAPTCHA_INVALID(400, "The captcha was not accepted"),
    INVALID_CODE(400, "The verification code is wrong"),
    CODE_EXPIRED(400, "The verification code has expired"),
    UNAUTHENTICATED(401, "Authentication is required"),
    INVALID_CREDENTIALS(401, "The login or the password is wrong"),
    INVALID_REFRESH_TOKEN(401, "The refresh token is not valid"),
    REFRESH_TOKEN_REUSED(401, "The refresh token was already used"),
    ORIGIN_NOT_ALLOWED(403, "The request's origin is not allowed"),
    FORBIDDEN(403, "Not allowed"),
    NOT_FOUND(404, "Not found"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    EMAIL_TAKEN(409, "The e-mail address is already registered"),
    ALREADY_VERIFIED(409, "The e-mail address is already verified"),
    PAYLOAD_TOO_LARGE(413, "The request body is too large"),
    URI_TOO_LONG(414, "The request URI is too long"),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body must be JSON"),
    RATE_LIMITED(429, "Too many requests"),
    TOO_MANY_ATTEMPTS(429, "Too many attempts"),
    HEADERS_TOO_LARGE(431, "The request headers are too large"),
    INTERNAL_ERROR(500, "Internal error"),
    CAPTCHA_UNAVAILABLE(503, "The captcha provider could not be reached");

    private final int status;
    private final String title;

    ProblemCode(int status, String title) {
        this.status = status;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The value of the {@code code} member: the constant's name in lower case. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ProblemCode forStatus(int status) {
        return switch (status) {
            case 400 -> VALIDATION_FAILED;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 414 -> URI_TOO_LONG;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            default -> status >= 500 ? INTERNAL_ERROR : VALIDATION_FAILED;
        };
    }
}
