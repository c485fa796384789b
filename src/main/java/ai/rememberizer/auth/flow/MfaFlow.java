package ai.rememberizer.auth.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.mail.Outbox;
import ai.rememberizer.auth.mail.SecondFactor;
import ai.rememberizer.auth.mfa.Authenticators;
import ai.rememberizer.auth.mfa.MfaChallenges;
import ai.rememberizer.auth.mfa.RecoveryCodes;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.password.SignInAttempts;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidCodeException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;
import ai.rememberizer.auth.problem.ValidationException;
import ai.rememberizer.auth.session.Assurance;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;

/**
 * The second factor: an authenticator app (enrol, confirm, remove), its recovery codes, and the
 * second step of a sign-in. Every change to it is a sensitive action ({@link SensitiveActions}).
 * Second-step codes of both kinds share one budget, counted before checking: so many per
 * {@code mfa_token} (then it is dead) and so many per account and window.
 */
@ApplicationScoped
public class MfaFlow {

    private final RequestValidator validator;
    private final Passwords passwords;
    private final SignInAttempts attempts;
    private final SensitiveActions sensitive;
    private final SecondSteps secondSteps;
    private final Authenticators authenticators;
    private final RecoveryCodes recoveryCodes;
    private final MfaChallenges challenges;
    private final RateLimiter limiter;
    private final SessionService sessions;
    private final Outbox outbox;
    private final AuditLog audit;

    MfaFlow(RequestValidator validator, Passwords passwords, SignInAttempts attempts, SensitiveActions sensitive,
            SecondSteps secondSteps, Authenticators authenticators, RecoveryCodes recoveryCodes, MfaChallenges challenges,
            RateLimiter limiter, SessionService sessions, Outbox outbox, AuditLog audit) {
        this.validator = validator;
        this.passwords = passwords;
        this.attempts = attempts;
        this.sensitive = sensitive;
        this.secondSteps = secondSteps;
        this.authenticators = authenticators;
        this.recoveryCodes = recoveryCodes;
        this.challenges = challenges;
        this.limiter = limiter;
        this.sessions = sessions;
        this.outbox = outbox;
        this.audit = audit;
    }

    /** What the account has: its authenticator (since when), its recovery codes left, its passkeys. */
    public record Status(Optional<Instant> totpSince, int recoveryCodesRemaining, int passkeys) {
    }

    public Status status(Caller caller) {
        return Transactions.call(() -> {
            sessions.requireLive(caller.userId(), caller.sessionId());
            return new Status(authenticators.enabledSince(caller.userId()), recoveryCodes.remaining(caller.userId()), 0);
        });
    }

    /** Starts (or restarts) an enrolment, after the password (a wrong one is a failed sign-in). */
    public Authenticators.Enrolment beginTotp(Caller caller, PasswordRequest request) {
        AuditLog.Event event = AuditLog.event("totp_enrolment_started").by(caller);
        return audit.around(event, () -> {
            validator.validate(request);
            User user = sensitive.account(caller);
            requireVerified(user);
            if (Transactions.call(() -> secondSteps.hasSecondFactor(user.id))) {
                throw new AuthException(ProblemCode.TOTP_ALREADY_ENABLED);
            }
            Passwords.Checked checked = Accounts.checkCurrentPassword(passwords, attempts, user, request.password(), caller.client());
            return Transactions.call(() -> {
                User current = Accounts.lockUnchanged(checked, ProblemCode.UNAUTHENTICATED, ProblemCode.INVALID_CURRENT_PASSWORD);
                attempts.clear(current.emailKey, caller.client());
                return authenticators.begin(current.id, current.email);
            });
        });
    }

    /** The first code confirms the enrolment: the recovery codes (shown this once) and the raised session's tokens. */
    public record Confirmed(List<String> recoveryCodes, IssuedTokens tokens) {
        @Override
        public String toString() {
            return "Confirmed[***]";
        }
    }

    /**
     * Confirms the pending authenticator with its first code (a wrong one is counted and
     * committed). The session that did it is raised to {@code aal2} (with a new refresh token),
     * every other session ends, and a notice is mailed. The account's row is locked first, so a
     * sign-in that races it either ends before (and its session is revoked here) or sees the
     * factor.
     */
    public Confirmed confirmTotp(Caller caller, CodeRequest request) {
        AuditLog.Event event = AuditLog.event("totp_enabled").by(caller);
        return audit.around(event, () -> {
            validator.validate(request);
            return Transactions.callKeepingRefusals(() -> {
                User user = User.lockById(caller.userId()).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
                sessions.requireLive(user.id, caller.sessionId());
                sensitive.require(caller, user);
                requireVerified(user);
                authenticators.confirm(user.id, request.code());
                List<String> codes = recoveryCodes.replace(user.id);
                sessions.revokeAllBut(user.id, caller.sessionId(), "second_factor_added");
                challenges.forget(user.id);
                outbox.enqueueSecondFactorAdded(user.email, SecondFactor.AUTHENTICATOR_APP);
                return new Confirmed(codes,
                        sessions.raise(user, caller.sessionId(), Assurance.ONE_TIME_CODE, caller.expiresAt(), caller.device()));
            });
        });
    }

    /**
     * Removes the authenticator and its recovery codes, after the password (a failed sign-in
     * when wrong) or a current code (counted in the second-step budget). Every other session ends.
     */
    public void removeTotp(Caller caller, TotpRemovalRequest request) {
        AuditLog.Event event = AuditLog.event("totp_removed").by(caller);
        audit.around(event, () -> {
            validator.validate(request);
            User user = sensitive.account(caller);
            if (!Transactions.call(() -> secondSteps.hasSecondFactor(user.id))) {
                throw new AuthException(ProblemCode.MFA_NOT_ENABLED, "No authenticator app is set up.");
            }
            Optional<Passwords.Checked> checked = Optional.empty();
            if (request.code() == null) {
                checked = Optional.of(Accounts.checkCurrentPassword(passwords, attempts, user, request.password(), caller.client()));
            } else {
                Transactions.callKeepingRefusals(() -> {
                    int left = spendSecondStepTry(user.id);
                    if (!authenticators.accept(user.id, request.code())) {
                        throw new InvalidCodeException(left);
                    }
                    forgiveSecondStepTry(user.id);
                    return null;
                });
            }
            Optional<Passwords.Checked> matched = checked;
            Transactions.run(() -> {
                User current = matched.isPresent()
                        ? Accounts.lockUnchanged(matched.get(), ProblemCode.UNAUTHENTICATED, ProblemCode.INVALID_CURRENT_PASSWORD)
                        : User.lockById(user.id).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
                attempts.clear(current.emailKey, caller.client());
                if (!authenticators.remove(current.id)) {
                    throw new AuthException(ProblemCode.MFA_NOT_ENABLED, "No authenticator app is set up.");
                }
                recoveryCodes.forget(current.id);
                challenges.forget(current.id);
                sessions.revokeAllBut(current.id, caller.sessionId(), "second_factor_removed");
                outbox.enqueueSecondFactorRemoved(current.email, SecondFactor.AUTHENTICATOR_APP);
            });
        });
    }

    /**
     * Ten new recovery codes; the old ones die, and a notice is mailed. No password is asked (the
     * contract's request has no body), so the token must be {@code aal2} and recent: a stolen
     * token is worth ten lasting second factors only within minutes of its sign-in.
     */
    public List<String> newRecoveryCodes(Caller caller) {
        AuditLog.Event event = AuditLog.event("recovery_codes_replaced").by(caller);
        return audit.around(event, () -> Transactions.call(() -> {
            User user = User.lockById(caller.userId()).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
            sessions.requireLive(user.id, caller.sessionId());
            if (!secondSteps.hasSecondFactor(user.id)) {
                throw new AuthException(ProblemCode.MFA_NOT_ENABLED);
            }
            sensitive.require(caller, user);
            sensitive.requireRecent(caller);
            List<String> codes = recoveryCodes.replace(user.id);
            outbox.enqueueRecoveryCodesReplaced(user.email);
            return codes;
        }));
    }

    /** A second factor only for an address that is the user's: else a squatter's factor would hold the owner's reset. */
    private static void requireVerified(User user) {
        if (!user.emailVerified) {
            throw new AuthException(ProblemCode.EMAIL_NOT_VERIFIED);
        }
    }

    /** The second step passed: the new session's tokens, and the recovery codes left when one was used. */
    public record Verified(IssuedTokens tokens, OptionalInt recoveryCodesRemaining) {
    }

    /**
     * The second step: one code (the authenticator's, once per time step; or a recovery code,
     * once) against the {@code mfa_token}. The try is counted before the check, against the
     * token and the account, in the one transaction that also starts the session, so of two
     * requests with the same code exactly one succeeds.
     */
    public Verified verify(MfaVerifyRequest request, String tokenCookie, Caller caller) {
        AuditLog.Event event = AuditLog.event("mfa_verified").client(caller.client().describe());
        return audit.around(event, () -> {
            validator.validate(request);
            if (request.passkey() != null && !request.passkey().isNull()) {
                throw ValidationException.of("passkey", "this account has no passkey");
            }
            String token = request.mfaToken() != null && !request.mfaToken().isEmpty() ? request.mfaToken() : tokenCookie;
            boolean recovery = request.recoveryCode() != null;
            event.note("method", recovery ? SecondSteps.RECOVERY_CODE : SecondSteps.TOTP);
            Verified verified = Transactions.callKeepingRefusals(() -> {
                // The account's row first, then the challenge's, as a password change, a reset
                // or an import that ends the challenge lock them: none of them can commit between
                // this check and the session it starts.
                UUID owner = challenges.ownerOf(token).orElseThrow(() -> new AuthException(ProblemCode.MFA_TOKEN_INVALID));
                User user = User.lockById(owner).orElseThrow(() -> new AuthException(ProblemCode.MFA_TOKEN_INVALID));
                MfaChallenges.Challenge challenge = challenges.lock(token).filter(c -> c.userId().equals(owner))
                        .orElseThrow(() -> new AuthException(ProblemCode.MFA_TOKEN_INVALID));
                UUID userId = challenge.userId();
                event.user(userId);
                spendSecondStepTry(userId);
                boolean right = recovery ? recoveryCodes.use(userId, request.recoveryCode()) : authenticators.accept(userId, request.code());
                if (!right) {
                    throw new InvalidCodeException(challenges.fail(challenge));
                }
                forgiveSecondStepTry(userId);
                challenges.close(challenge);
                IssuedTokens tokens = sessions.start(user, caller.device(),
                        challenge.first().withSecondFactor(Assurance.ONE_TIME_CODE, Instant.now()));
                OptionalInt left = OptionalInt.empty();
                if (recovery) {
                    left = OptionalInt.of(recoveryCodes.remaining(userId));
                    outbox.enqueueRecoveryCodeUsed(user.email, left.getAsInt());
                }
                return new Verified(tokens, left);
            });
            event.session(verified.tokens().sessionId());
            return verified;
        });
    }

    /**
     * Counts a second-step try against the account, before its check; returns how many more the
     * window allows. 429 {@code too_many_attempts} when the budget is spent.
     */
    private int spendSecondStepTry(UUID userId) {
        int left = Integer.MAX_VALUE;
        try {
            for (RateLimit limit : RateLimit.MFA_TRIES) {
                left = Math.min(left, limiter.hitCounting(limit, userId.toString()));
            }
        } catch (RetryLaterException e) {
            throw new RetryLaterException(ProblemCode.TOO_MANY_ATTEMPTS, Duration.ofSeconds(e.retryAfterSeconds()));
        }
        return left;
    }

    /** A right code takes its try back. */
    private void forgiveSecondStepTry(UUID userId) {
        for (RateLimit limit : RateLimit.MFA_TRIES) {
            limiter.forgive(limit, userId.toString());
        }
    }
}
