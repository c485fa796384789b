package ai.rememberizer.auth.problem;

/** 400 {@code invalid_code}: a wrong code, with how many wrong codes are still allowed. */
public class InvalidCodeException extends AuthException {

    private final int attemptsRemaining;

    public InvalidCodeException(int attemptsRemaining) {
        super(ProblemCode.INVALID_CODE, "The code is wrong; " + attemptsRemaining + " attempt"
                + (attemptsRemaining == 1 ? "" : "s") + " remain.");
        this.attemptsRemaining = attemptsRemaining;
    }

    public int attemptsRemaining() {
        return attemptsRemaining;
    }
}
