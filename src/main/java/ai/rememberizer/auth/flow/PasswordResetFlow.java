package ai.rememberizer.auth.flow;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.captcha.CaptchaVerifier;
import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.Sha256;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.mail.Outbox;
import ai.rememberizer.auth.mail.PasswordResetRequests;
import ai.rememberizer.auth.mfa.MfaChallenges;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;
import ai.rememberizer.auth.session.Assurance;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionClient;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.Purpose;
import ai.rememberizer.auth.verification.ResetTries;
import ai.rememberizer.auth.verification.VerificationCodes;

/**
 * The forgotten password. It reveals no account, by status, body, timing or counts:
 * <ul>
 * <li>a request answers 202 at once whatever the address, having only queued it; the lookup,
 * the code-mail limits and the code happen in the background ({@link #process});</li>
 * <li>reset entries are keyed by the address and the requesting client, not the account, and an
 * address with no account gets one with no code, so a confirmation answers {@code invalid_code}
 * with the same counts and {@code code_expired} at the same time, account or not.</li>
 * </ul>
 * Someone who knows only an address cannot keep its owner out (round 3). Each client (an IPv4
 * address, an IPv6 /48: {@link ClientAddress#widestKey()}) has its own share of the mailbox's
 * code-mail limits and its own entry: its requests replace its own code only, its wrong guesses
 * burn its own entry and its own daily tries only, and what it is told ({@code attempts_remaining})
 * is made of its own counts, so it never learns that another client asked for a code. The
 * mailbox's totals (code mails, tries a day) are higher than one client's share: the owner, from
 * another client, still gets a code mailed and can use it. The daily total of tries per address
 * ({@code auth.limits.reset-guesses-per-mailbox}, each checked against one code) bounds the odds
 * of guessing a code.
 * <p>
 * A success signs the user in on a new session, revokes every other session, marks the
 * address verified (the code proves the mailbox), forgets the account's other reset codes and
 * mails a notice. Transactions are opened here, step by step ({@link Transactions}); none while
 * hashing.
 */
@ApplicationScoped
public class PasswordResetFlow implements PasswordResetRequests {

    private final CaptchaVerifier captcha;
    private final RequestValidator validator;
    private final RateLimiter limiter;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final Passwords passwords;
    private final SessionService sessions;
    private final SecondSteps secondSteps;
    private final MfaChallenges challenges;
    private final AuditLog audit;
    private final AuthConfig.Verification verification;

    PasswordResetFlow(CaptchaVerifier captcha, RequestValidator validator, RateLimiter limiter, VerificationCodes codes,
            Outbox outbox, Passwords passwords, SessionService sessions, SecondSteps secondSteps, MfaChallenges challenges,
            AuditLog audit, AuthConfig config) {
        this.secondSteps = secondSteps;
        this.challenges = challenges;
        this.captcha = captcha;
        this.validator = validator;
        this.limiter = limiter;
        this.codes = codes;
        this.outbox = outbox;
        this.passwords = passwords;
        this.sessions = sessions;
        this.audit = audit;
        this.verification = config.verification();
    }

    /** Queues the request; 202 whatever the address. Only the per-address request limit answers otherwise. */
    public void request(PasswordResetRequest body, Caller caller) {
        ClientAddress client = caller.client();
        PasswordResetRequest request = body.normalised();
        AuditLog.Event event = AuditLog.event("reset_requested").login(request.email()).client(client.describe());
        audit.around(event, () -> {
            Transactions.run(() -> limiter.hit(RateLimit.CAPTCHA_CHECKS_PER_ADDRESS, client));
            captcha.verify(request.captcha(), client.address());
            validator.validate(request);
            Transactions.run(() -> {
                limiter.hit(RateLimit.RESETS_PER_ADDRESS, client);
                outbox.enqueueResetRequest(request.email(), client, Instant.now().plus(verification.codeTtl()));
            });
        });
    }

    /**
     * In the outbox sender's transaction: a code for an address with an account, within the
     * requester's share of the mailbox's code-mail limits and the mailbox's totals (silently: the
     * request was answered long ago); for an address without one, an entry with no code, so that
     * it answers like any other. The limits are counted for both, and an address over them gets
     * an entry with no code if it has none, account or not: the entries (their attempts, their
     * expiry) never tell the two apart. Only the requester's own entry changes: a new code
     * replaces the old one this client asked for, never another client's.
     */
    @Override
    public void process(String address, ClientAddress requester) {
        String subject = subject(address, requester);
        try {
            limiter.hitCodeMail(User.keyOf(address), null, requester);
        } catch (RetryLaterException limited) {
            codes.issueNoneUnlessPresent(Purpose.RESET_PASSWORD, subject);
            return;
        }
        Optional<User> user = User.findByEmail(address);
        if (user.isEmpty()) {
            codes.issueNone(Purpose.RESET_PASSWORD, subject);
            return;
        }
        VerificationCodes.Issued code = codes.issue(Purpose.RESET_PASSWORD, subject, user.get().id, null);
        outbox.enqueueResetCode(user.get().email, code.code(), code.expiresAt());
    }

    /**
     * Checks the code (a wrong one is counted and committed), then sets the new password,
     * verifies the address, revokes every session and starts a new one, and mails a notice.
     */
    public IssuedTokens confirm(PasswordResetConfirmRequest body, Caller caller) {
        ClientAddress client = caller.client();
        SessionClient sessionClient = caller.device();
        PasswordResetConfirmRequest request = body.normalised();
        AuditLog.Event event = AuditLog.event("password_reset").login(request.email()).client(client.describe());
        SecondSteps.Outcome outcome = audit.around(event, () -> {
            validator.validate(request);
            // A guess counts against the client address as a failed sign-in does: nobody guesses
            // across many addresses' codes from one place.
            Transactions.run(() -> limiter.hit(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, client));
            String emailKey = User.keyOf(request.email());
            VerificationCodes.Consumed consumed = Transactions.callKeepingRefusals(() -> codes.consumeReset(
                    subject(request.email(), client), emailKey, request.code(), tries(emailKey, client)));
            UUID userId = consumed.userId().orElseThrow(() -> new AuthException(ProblemCode.CODE_EXPIRED));
            String hash = passwords.hash(request.newPassword());
            SecondSteps.Outcome done = Transactions.call(() -> {
                User user = User.lockById(userId).orElseThrow(() -> new AuthException(ProblemCode.CODE_EXPIRED));
                if (!user.emailKey.equals(User.keyOf(request.email()))) {
                    // The account moved to another address since the code was mailed: the old mailbox has no say.
                    throw new AuthException(ProblemCode.CODE_EXPIRED);
                }
                user.passwordHash = hash;
                user.emailVerified = true;
                sessions.revokeAllBut(user.id, null, "password_reset");
                codes.forget(Purpose.CHANGE_EMAIL, user.id.toString());
                // Codes other clients asked for (mailed to the same inbox) have nothing left to reset.
                codes.forgetAll(Purpose.RESET_PASSWORD, user.id);
                limiter.reset(RateLimit.SIGNIN_FAILURES_PER_ACCOUNT, user.emailKey);
                limiter.forgive(RateLimit.SIGNIN_FAILURES_PER_ADDRESS, client);
                outbox.enqueuePasswordChanged(user.email);
                // A forgotten password never removes the second factor: with one, the new
                // session waits for the second step, like a sign-in's.
                challenges.forget(user.id);
                return secondSteps.afterFirstStep(user, Assurance.password(Instant.now()), sessionClient);
            });
            done.describe(event.user(userId));
            return done;
        });
        return outcome.tokensOrSecondStep();
    }

    /**
     * The tries of a client at the reset codes of an address, beyond its entry's attempts: its
     * own per day, then the address's total per day (refused alike, {@code too_many_attempts},
     * whoever spent them; only the client's own count is ever told), and the tries each code
     * takes from clients other than the one that asked for it.
     */
    private ResetTries tries(String emailKey, ClientAddress client) {
        return new ResetTries() {
            @Override
            public int spend() {
                int left = limiter.spend(RateLimit.RESET_GUESSES_PER_CLIENT, RateLimiter.share(emailKey, client));
                if (left < 0 || limiter.spend(RateLimit.RESET_GUESSES_PER_MAILBOX, emailKey) < 0) {
                    throw new AuthException(ProblemCode.TOO_MANY_ATTEMPTS);
                }
                return left;
            }

            @Override
            public boolean spendForeign(String codeKey, Instant issuedAt) {
                return limiter.spend(RateLimit.RESET_FOREIGN_GUESSES, codeKey + "@" + issuedAt) >= 0;
            }
        };
    }

    /**
     * Reset entries are keyed by the address (its key, hashed), whether or not an account has it,
     * and by the requesting client ({@link ClientAddress#widestKey()}, hashed, 64 bits of it: a
     * bucket, not an identity).
     */
    static String subject(String address, ClientAddress client) {
        return Sha256.hex(User.keyOf(address)) + ":" + Sha256.hex(client.widestKey()).substring(0, 16);
    }
}
