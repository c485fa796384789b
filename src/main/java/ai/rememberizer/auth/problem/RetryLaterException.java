package ai.rememberizer.auth.problem;

import java.time.Duration;

/** A refusal that ends by itself: answered with {@code Retry-After} (in whole seconds, at least 1). */
public class RetryLaterException extends AuthException {

    private final Duration retryAfter;

    public RetryLaterException(ProblemCode code, Duration retryAfter) {
        super(code, code.detail().replace("later", "in " + seconds(retryAfter) + " s"));
        this.retryAfter = retryAfter;
    }

    public long retryAfterSeconds() {
        return seconds(retryAfter);
    }

    private static long seconds(Duration delay) {
        return Math.max(1, (delay.toMillis() + 999) / 1000);
    }
}
