package ai.rememberizer.auth.password;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The sign-in limits, shared by every flow that checks a password (sign-in, and the
 * lifecycle endpoints that ask for the current one: a wrong one there counts as a failed
 * sign-in). An attempt is counted before its password is checked, atomically, so however
 * many arrive at once no more than the limit are ever checked; a success takes it back.
 */
@ApplicationScoped
public class SignInAttempts {

    private final RateLimiter limiter;

    SignInAttempts(RateLimiter limiter) {
        this.limiter = limiter;
    }

    /** Counts an attempt for the login and the client address, in a transaction of its own; 429 when either is full. */
    public void count(String loginKey, ClientAddress client) {
        QuarkusTransaction.requiringNew().run(() -> {
            limiter.hit(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, loginKey);
            limiter.hit(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, client);
        });
    }

    /** Counts an attempt for the login and the client address, in the caller's transaction (roll back to take it back). */
    public void countHere(String loginKey, ClientAddress client) {
        limiter.hit(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, loginKey);
        limiter.hit(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, client);
    }

    /** Takes an attempt back that never reached its password (its captcha failed), in the caller's transaction. */
    public void takeBack(String loginKey, ClientAddress client) {
        limiter.forgive(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, loginKey);
        limiter.forgive(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, client);
    }

    /** After a success, in the caller's transaction: the login's failures are cleared, the address's count taken back. */
    public void clear(String loginKey, ClientAddress client) {
        limiter.reset(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, loginKey);
        limiter.forgive(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, client);
    }
}
