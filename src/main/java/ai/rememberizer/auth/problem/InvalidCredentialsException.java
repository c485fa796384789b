package ai.rememberizer.auth.problem;

/** Unknown login or wrong password: one answer for both, so nothing is enumerated. */
public class InvalidCredentialsException extends AuthException {
    public InvalidCredentialsException() {
        super(ProblemCode.INVALID_CREDENTIALS, "The login or the password is wrong.");
    }
}
