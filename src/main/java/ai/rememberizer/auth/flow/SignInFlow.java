package ai.rememberizer.auth.flow;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.captcha.CaptchaVerifier;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.password.SignInAttempts;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionClient;
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
    private final Passwords passwords;
    private final SignInAttempts attempts;
    private final SessionService sessions;
    private final AuditLog audit;

    SignInFlow(CaptchaVerifier captcha, RequestValidator validator, RateLimiter limiter, Passwords passwords,
            SignInAttempts attempts, SessionService sessions, AuditLog audit) {
        this.attempts = attempts;
        this.captcha = captcha;
        this.validator = validator;
        this.limiter = limiter;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * Checks the password and starts a session. The attempt is counted against the login and
     * the client address before the password is checked, in one atomic step per counter, so
     * however many attempts arrive at once, no more than the limit are ever checked; a success
     * takes its count back (and clears the login's). An unknown login costs what a wrong
     * password costs and gets the same answer.
     */
    public IssuedTokens signIn(SignInRequest request, ClientAddress client, SessionClient sessionClient) {
        AuditLog.Event event = AuditLog.event("signin").login(request.login()).client(client.describe());
        return audit.around(event, () -> {
            Transactions.run(() -> limiter.hit(RateLimit.CAPTCHA_CHECKS_PER_ADDRESS, client));
            captcha.verify(request.captcha(), client.address());
            validator.validate(request);
            String login = User.keyOf(request.login());
            attempts.count(login, client);
            Passwords.Checked checked = passwords.check(request.login(), request.password());
            if (checked.user().isEmpty()) {
                throw new AuthException(ProblemCode.INVALID_CREDENTIALS);
            }
            UUID userId = checked.user().get().id;
            IssuedTokens tokens = Transactions.call(() -> {
                User current = Accounts.lockUnchanged(checked, ProblemCode.INVALID_CREDENTIALS, ProblemCode.INVALID_CREDENTIALS);
                checked.upgradedHash().ifPresent(hash -> current.passwordHash = hash);
                attempts.clear(login, client);
                return sessions.start(current, sessionClient);
            });
            event.user(userId).session(tokens.sessionId());
            return tokens;
        });
    }
}
