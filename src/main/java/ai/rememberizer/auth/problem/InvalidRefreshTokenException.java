package ai.rememberizer.auth.problem;

/** Missing, unknown, expired or revoked refresh token. */
public class InvalidRefreshTokenException extends AuthException {
    public InvalidRefreshTokenException() {
        super(ProblemCode.INVALID_REFRESH_TOKEN, "Sign in again.");
    }
}
