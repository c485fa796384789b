package ai.rememberizer.auth.problem;

import java.util.Locale;

/**
 * The stable, machine-readable {@code code} of every problem+json answer, with the HTTP
 * status, the title and the detail it goes with. Throw {@code new AuthException(code)};
 * give a detail of your own only when it says more than the default.
 */
public enum ProblemCode {
    VALIDATION_FAILED(400, "The request is not valid", "Some fields are not valid."),
    CAPTCHA_INVALID(400, "The captcha was not accepted", "The captcha is missing or was not accepted; solve it again."),
    INVALID_CODE(400, "The verification code is wrong", "The code is wrong."),
    CODE_EXPIRED(400, "The verification code has expired", "The code has expired; request a new one."),
    INVALID_CURRENT_PASSWORD(400, "The password is wrong", "The password is wrong."),
    UNAUTHENTICATED(401, "Authentication is required", "Sign in again."),
    INVALID_CREDENTIALS(401, "The login or the password is wrong", "The login or the password is wrong."),
    INVALID_REFRESH_TOKEN(401, "The refresh token is not valid", "Sign in again."),
    REFRESH_TOKEN_REUSED(401, "The refresh token was already used",
            "This refresh token was already used; the session is revoked. Sign in again."),
    MFA_REQUIRED(401, "A second step is required", "Give a code from your authenticator app or a recovery code."),
    MFA_TOKEN_INVALID(401, "The second step's token is not valid", "The mfa_token is unknown, used, expired or dead; sign in again."),
    AAL2_REQUIRED(403, "A second factor is required",
            "This account has a second factor: sign in with it (aal2) to do this."),
    EMAIL_NOT_VERIFIED(403, "The e-mail address is not verified", "Verify the account's e-mail address first."),
    REAUTHENTICATION_REQUIRED(403, "A recent sign-in is required", "Sign in again to do this."),
    ORIGIN_NOT_ALLOWED(403, "The request's origin is not allowed", "Requests from this origin are not accepted."),
    FORBIDDEN(403, "Not allowed", "This account may not do that."),
    NOT_FOUND(404, "Not found", "Not found."),
    METHOD_NOT_ALLOWED(405, "Method not allowed", "Method not allowed."),
    NOT_ACCEPTABLE(406, "Not acceptable", "Not acceptable."),
    EMAIL_TAKEN(409, "The e-mail address is already registered", "An account already uses this e-mail address."),
    TOTP_ALREADY_ENABLED(409, "An authenticator app is already set up", "Remove the current authenticator app first."),
    MFA_NOT_ENABLED(409, "No second factor is set up", "Set up an authenticator app first."),
    ALREADY_VERIFIED(409, "The e-mail address is already verified", "This e-mail address is already verified."),
    PAYLOAD_TOO_LARGE(413, "The request body is too large", "The body must be at most 16 KiB."),
    URI_TOO_LONG(414, "The request URI is too long", "The request URI is too long."),
    UNSUPPORTED_MEDIA_TYPE(415, "The request body must be JSON", "Send the body as application/json."),
    RATE_LIMITED(429, "Too many requests", "Too many requests; try again later."),
    TOO_MANY_ATTEMPTS(429, "Too many attempts", "Too many wrong codes; request a new one."),
    HEADERS_TOO_LARGE(431, "The request headers are too large", "The request headers are too large."),
    INTERNAL_ERROR(500, "Internal error", "Something went wrong on our side."),
    CAPTCHA_UNAVAILABLE(503, "The captcha provider could not be reached", "The captcha could not be checked; try again shortly."),
    OVERLOADED(503, "The service is busy", "Too many requests are waiting; try again later.");

    private final int status;
    private final String title;
    private final String detail;

    ProblemCode(int status, String title, String detail) {
        this.status = status;
        this.title = title;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The detail when the thrower gives none. */
    public String detail() {
        return detail;
    }

    /** The value of the {@code code} member: the constant's name in lower case. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The code of an answer the framework made (404, 405, a body it could not read, ...). */
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
