package ai.rememberizer.auth.flow;

import java.time.Instant;
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
import ai.rememberizer.auth.problem.ValidationException;
import ai.rememberizer.auth.session.Assurance;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.user.User;

/**
 * Sign-in. Transactions are opened here ({@link Transactions}); none is open while the password
 * or the captcha is checked.
 */
@ApplicationScoped
public class SignInFlow {

    private final CaptchaVerifier captcha;
    private final RequestValidator validator;
    private final RateLimiter limiter;
    private final Passwords passwords;
    private final SignInAttempts attempts;
    private final SecondSteps secondSteps;
    private final AuditLog audit;

    SignInFlow(CaptchaVerifier captcha, RequestValidator validator, RateLimiter limiter, Passwords passwords,
            SignInAttempts attempts, SecondSteps secondSteps, AuditLog audit) {
        this.attempts = attempts;
        this.secondSteps = secondSteps;
        this.captcha = captcha;
        this.validator = validator;
        this.limiter = limiter;
        this.passwords = passwords;
        this.audit = audit;
    }

    /**
     * Checks the password and starts a session, or, on an account with a second factor, opens
     * the second step instead ({@code mfa_required}, no token). In two transactions: the first,
     * before the captcha call, counts the attempt against the captcha budget of the client
     * address and the sign-in limits of the login and the address (one atomic step per counter,
     * so however many attempts arrive at once, no more than the limit are ever checked), and
     * reads the account; the second acts on a right password. A captcha that fails takes the
     * sign-in counts back (a second transaction on that path only). An unknown login costs
     * what a wrong password costs and gets the same answer.
     */
    public IssuedTokens signIn(SignInRequest request, Caller caller) {
        ClientAddress client = caller.client();
        AuditLog.Event event = AuditLog.event("signin").login(request.login()).client(client.describe());
        SecondSteps.Outcome outcome = audit.around(event, () -> {
            // The captcha answers first, then the fields; but the fields are known now, so a
            // well-formed attempt is counted in the same transaction as the captcha budget.
            Optional<ValidationException> invalid = validator.problems(request);
            String login = invalid.isEmpty() ? User.keyOf(request.login()) : null;
            Optional<User> account = Transactions.call(() -> {
                limiter.hit(RateLimit.CAPTCHA_CHECKS_PER_ADDRESS, client);
                if (login == null) {
                    return Optional.<User> empty();
                }
                attempts.countHere(login, client);
                return User.findByEmail(request.login());
            });
            try {
                captcha.verify(request.captcha(), client.address());
            } catch (RuntimeException e) {
                // Whatever stopped the captcha check, the attempt never reached its password.
                if (login != null) {
                    Transactions.run(() -> attempts.takeBack(login, client));
                }
                throw e;
            }
            if (invalid.isPresent()) {
                throw invalid.get();
            }
            Passwords.Checked checked = passwords.check(account, request.password());
            if (checked.user().isEmpty()) {
                throw new AuthException(ProblemCode.INVALID_CREDENTIALS);
            }
            UUID userId = checked.user().get().id;
            SecondSteps.Outcome done = Transactions.call(() -> {
                User current = Accounts.lockUnchanged(checked, ProblemCode.INVALID_CREDENTIALS, ProblemCode.INVALID_CREDENTIALS);
                checked.upgradedHash().ifPresent(hash -> current.passwordHash = hash);
                attempts.clear(login, client);
                return secondSteps.afterFirstStep(current, Assurance.password(Instant.now()), caller.device());
            });
            done.describe(event.user(userId));
            return done;
        });
        return outcome.tokensOrSecondStep();
    }
}
