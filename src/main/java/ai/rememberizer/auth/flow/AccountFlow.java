package ai.rememberizer.auth.flow;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.mail.Outbox;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.password.SignInAttempts;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.ValidationException;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.AccessToken;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.Purpose;
import ai.rememberizer.auth.verification.VerificationCodes;

/**
 * The signed-in account: read it, rename it, change its address (a code to the new address,
 * a notice to the old one), delete it. Transactions are opened here, step by step
 * ({@link Transactions}); none while a password is checked.
 */
@ApplicationScoped
public class AccountFlow {

    private final RequestValidator validator;
    private final Passwords passwords;
    private final SignInAttempts attempts;
    private final RateLimiter limiter;
    private final VerificationCodes codes;
    private final Outbox outbox;
    private final SessionService sessions;
    private final SensitiveActions sensitive;
    private final AuditLog audit;

    AccountFlow(RequestValidator validator, Passwords passwords, SignInAttempts attempts, RateLimiter limiter,
            VerificationCodes codes, Outbox outbox, SessionService sessions, SensitiveActions sensitive, AuditLog audit) {
        this.sensitive = sensitive;
        this.validator = validator;
        this.passwords = passwords;
        this.attempts = attempts;
        this.limiter = limiter;
        this.codes = codes;
        this.outbox = outbox;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * The account of a verified access token. One read by primary key, outside any transaction:
     * the request's session reads it in autocommit, without the JTA transaction's begin and
     * commit, which halved this endpoint's throughput (the hottest read of the service).
     */
    public User account(UUID userId) {
        return User.<User> findByIdOptional(userId)
                .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED, "The account no longer exists."));
    }

    public User rename(Caller caller, RenameRequest body) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        RenameRequest request = body.normalised();
        AuditLog.Event event = AuditLog.event("account_renamed").by(caller);
        return audit.around(event, () -> {
            validator.validate(request);
            return Transactions.call(() -> {
                User user = User.<User> findByIdOptional(userId).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
                sessions.requireLive(userId, sessionId);
                user.name = request.name();
                return user;
            });
        });
    }

    /**
     * Mails a code to the new address, once the password is right (a wrong one counts as a
     * failed sign-in; a right one clears the count, whatever follows). Each request counts
     * against the code-mail limits of the account and of the new mailbox before the address is
     * looked up, so that nobody learns at will which addresses have an account.
     */
    public void requestEmailChange(Caller caller, EmailChangeRequest body) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        ClientAddress client = caller.client();
        EmailChangeRequest request = body.normalised();
        AuditLog.Event event = AuditLog.event("email_change_requested").by(caller);
        audit.around(event, () -> {
            validator.validate(request);
            User user = sensitive.account(caller);
            String newKey = User.keyOf(request.newEmail());
            if (newKey.equals(user.emailKey)) {
                throw ValidationException.of("new_email", "is already the account's address");
            }
            Accounts.checkCurrentPassword(passwords, attempts, user, request.password(), client);
            Transactions.run(() -> attempts.clear(user.emailKey, client));
            Transactions.run(() -> limiter.hitCodeMail(newKey, userId, client));
            Transactions.run(() -> {
                if (User.findByEmail(request.newEmail()).isPresent()) {
                    throw new AuthException(ProblemCode.EMAIL_TAKEN);
                }
                VerificationCodes.Issued code = codes.issue(Purpose.CHANGE_EMAIL, userId.toString(), userId, request.newEmail());
                outbox.enqueueEmailChangeCode(request.newEmail(), code.code(), code.expiresAt());
            });
        });
    }

    /** What a confirmed address change gives back: the account, and an access token that says so. */
    public record EmailChanged(User user, AccessToken access) {
    }

    /**
     * Checks the code (a wrong one is counted and committed) and moves the account to the new
     * address, verified; the old address gets a notice. The access token keeps the presented
     * one's expiry.
     */
    public EmailChanged confirmEmailChange(Caller caller, CodeRequest request) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        ClientAddress client = caller.client();
        AuditLog.Event event = AuditLog.event("email_changed").by(caller);
        return audit.around(event, () -> {
            validator.validate(request);
            try {
                return Transactions.callKeepingRefusals(() -> {
                User user = User.<User> findByIdOptional(userId).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
                sessions.requireLive(userId, sessionId);
                sensitive.require(caller, user);
                String newEmail = codes.consume(Purpose.CHANGE_EMAIL, userId.toString(), request.code()).newEmail()
                        .orElseThrow(() -> new AuthException(ProblemCode.CODE_EXPIRED));
                if (User.findByEmail(newEmail).isPresent()) {
                    throw new AuthException(ProblemCode.EMAIL_TAKEN);
                }
                String oldEmail = user.email;
                // A reset code mailed to the old address must not take the account back.
                codes.forgetAll(Purpose.RESET_PASSWORD, user.id);
                user.email = newEmail;
                user.emailKey = User.keyOf(newEmail);
                user.emailVerified = true;
                outbox.enqueueEmailChanged(oldEmail);
                return new EmailChanged(user, sessions.reissueAccess(user, caller));
                });
            } catch (RuntimeException e) {
                // Another account took the address between the check and the commit.
                if (Accounts.violates(e, User.EMAIL_KEY_UNIQUE)) {
                    throw new AuthException(ProblemCode.EMAIL_TAKEN);
                }
                throw e;
            }
        });
    }

    /**
     * Deletes the account, once the password is right (a wrong one counts as a failed
     * sign-in): the user and every row tied to it (sessions, tokens, codes, unsent mail, limit
     * counters keyed by the account) go in one transaction, and the address is free again. The
     * counters keyed by the mailbox (its code mails, its reset tries) stay until their windows
     * close (round 3): a sign-up and delete cycle must not mail an inbox past its limits. The
     * audit line keeps the account id only.
     */
    public void delete(Caller caller, DeleteAccountRequest request) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        ClientAddress client = caller.client();
        AuditLog.Event event = AuditLog.event("account_deleted").by(caller);
        audit.around(event, () -> {
            validator.validate(request);
            User user = sensitive.account(caller);
            Passwords.Checked checked = Accounts.checkCurrentPassword(passwords, attempts, user, request.password(), client);
            Transactions.run(() -> {
                User current = Accounts.lockUnchanged(checked, ProblemCode.UNAUTHENTICATED, ProblemCode.INVALID_CURRENT_PASSWORD);
                attempts.clear(current.emailKey, client);
                List<String> counters = new ArrayList<>();
                for (RateLimit limit : RateLimit.CODE_MAILS) {
                    counters.add(limit.key(userId.toString()));
                }
                for (RateLimit limit : RateLimit.MFA_TRIES) {
                    counters.add(limit.key(userId.toString()));
                }
                limiter.forget(counters);
                outbox.forget(current.email);
                codes.pendingNewEmail(userId).ifPresent(outbox::forget);
                codes.forget(userId);
                // Sessions and refresh tokens go with the user (ON DELETE CASCADE).
                current.delete();
            });
        });
    }
}
