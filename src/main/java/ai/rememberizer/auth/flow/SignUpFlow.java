package ai.rememberizer.auth.flow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;


import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.captcha.CaptchaVerifier;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionClient;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;

/**
 * Sign-up. Transactions are opened here, one per step ({@link Transactions}); none is open
 * while the password is hashed.
 */
@ApplicationScoped
public class SignUpFlow {

    private final CaptchaVerifier captcha;
    private final RequestValidator validator;
    private final RateLimiter limiter;
    private final Passwords passwords;
    private final SessionService sessions;
    private final EmailVerificationFlow verification;
    private final AuditLog audit;

    SignUpFlow(CaptchaVerifier captcha, RequestValidator validator, RateLimiter limiter, Passwords passwords,
            SessionService sessions, EmailVerificationFlow verification, AuditLog audit) {
        this.captcha = captcha;
        this.validator = validator;
        this.limiter = limiter;
        this.passwords = passwords;
        this.sessions = sessions;
        this.verification = verification;
        this.audit = audit;
    }

    /** The new account, signed in. */
    public record SignedUp(User user, IssuedTokens tokens) {
    }

    /**
     * A cheap per-address limit before the captcha provider is asked; the captcha; then the
     * field rules (after the captcha, so that a client without a solved captcha learns
     * nothing, not even which rules its input breaks); then the per-address sign-up limit
     * (which counts taken addresses too: it bounds enumeration by sign-up); then the account,
     * its first session and its code mail (within the code-mail limits) in one transaction.
     */
    public SignedUp signUp(SignUpRequest body, Caller caller) {
        ClientAddress client = caller.client();
        SessionClient sessionClient = caller.device();
        SignUpRequest request = body.normalised();
        AuditLog.Event event = AuditLog.event("signup").login(request.email()).client(client.describe());
        return audit.around(event, () -> {
            Transactions.run(() -> limiter.hit(RateLimit.CAPTCHA_CHECKS_PER_ADDRESS, client));
            captcha.verify(request.captcha(), client.address());
            validator.validate(request);
            Transactions.run(() -> limiter.hit(RateLimit.SIGNUPS_PER_ADDRESS, client));
            if (Transactions.call(() -> User.findByEmail(request.email()).isPresent())) {
                throw new AuthException(ProblemCode.EMAIL_TAKEN);
            }
            String passwordHash = passwords.hash(request.password());
            SignedUp created = Transactions.call(() -> create(request, passwordHash, client, sessionClient));
            event.user(created.user().id).session(created.tokens().sessionId());
            return created;
        });
    }

    private SignedUp create(SignUpRequest request, String passwordHash, ClientAddress client, SessionClient sessionClient) {
        User user = new User();
        user.id = UUID.randomUUID();
        user.email = request.email();
        user.emailKey = User.keyOf(request.email());
        user.name = request.name();
        user.passwordHash = passwordHash;
        user.emailVerified = false;
        user.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            user.persistAndFlush();
        } catch (PersistenceException e) {
            if (Accounts.violates(e, User.EMAIL_KEY_UNIQUE)) {
                // A concurrent sign-up took the address between our check and our insert.
                throw new AuthException(ProblemCode.EMAIL_TAKEN);
            }
            throw e;
        }
        verification.sendFirstCode(user, client);
        return new SignedUp(user, sessions.start(user, sessionClient));
    }
}
