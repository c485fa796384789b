package ai.rememberizer.auth.problem;

/** A rotated refresh token came back after the grace window: its session is now revoked. */
public class RefreshTokenReusedException extends AuthException {
    public RefreshTokenReusedException() {
        super(ProblemCode.REFRESH_TOKEN_REUSED, "This refresh token was already used; the session is revoked. Sign in again.");
    }
}
