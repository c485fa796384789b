package ai.rememberizer.auth.flow;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.captcha.CaptchaVerifier;
import ai.rememberizer.auth.crypto.PasswordHasher;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;

/**
 * Sign-in. Transactions are opened here, one per step ({@link Transactions}); none is open
 * while the password is checked.
 */
@ApplicationScoped
public class SignInFlow {

    private final CaptchaVerifier captcha;
    private final RequestValidator validator;
    private final RateLimiter limiter;
    private final PasswordHasher hasher;
    private final SessionService sessions;
    private final AuditLog audit;

    SignInFlow(CaptchaVerifier captcha, RequestValidator validator, RateLimiter limiter, PasswordHasher hasher,
            SessionService sessions, AuditLog audit) {
        this.captcha = captcha;
        this.validator = validator;
        this.limiter = limiter;
        this.hasher = hasher;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * Checks the password and starts a session. An unknown login costs one dummy hash, as
     * long as a wrong password, and gets the same answer. Failures count against the login
     * and the client address; a full window is refused before any hashing.
     */
    public IssuedTokens signIn(SignInRequest request, String clientAddress) {
        AuditLog.Event event = AuditLog.event("signin").login(request.login()).client(clientAddress);
        return audit.around(event, () -> {
            captcha.verify(request.captcha(), clientAddress);
            validator.validate(request);
            String login = User.keyOf(request.login());
            Transactions.run(() -> {
                limiter.check(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, login);
                if (clientAddress != null) {
                    limiter.check(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, clientAddress);
                }
            });
            Optional<User> user = checkPassword(request.login(), request.password());
            if (user.isEmpty()) {
                Transactions.run(() -> {
                    limiter.record(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, login);
                    if (clientAddress != null) {
                        limiter.record(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, clientAddress);
                    }
                });
                throw new AuthException(ProblemCode.INVALID_CREDENTIALS);
            }
            String upgraded = hasher.needsRehash(user.get().passwordHash) ? hasher.hash(request.password()) : null;
            UUID userId = user.get().id;
            IssuedTokens tokens = Transactions.call(() -> {
                User current = User.<User> findByIdOptional(userId)
                        .orElseThrow(() -> new AuthException(ProblemCode.INVALID_CREDENTIALS));
                if (upgraded != null) {
                    current.passwordHash = upgraded;
                }
                limiter.reset(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, login);
                return sessions.start(current);
            });
            event.user(userId).session(tokens.sessionId());
            return tokens;
        });
    }

    /** The account if the password is its own; a dummy verification when the login is unknown. */
    private Optional<User> checkPassword(String login, String password) {
        Optional<User> user = Transactions.call(() -> User.findByEmail(login));
        if (user.isEmpty()) {
            hasher.verifyDummy(password);
            return Optional.empty();
        }
        return hasher.verify(password, user.get().passwordHash) ? user : Optional.empty();
    }
}
