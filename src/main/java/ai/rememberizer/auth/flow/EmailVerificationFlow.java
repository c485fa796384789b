package ai.rememberizer.auth.flow;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.limits.RateLimiter;
import ai.rememberizer.auth.mail.Outbox;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.AccessToken;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.VerificationCodes;

/**
 * E-mail verification: the code mail (at sign-up and on request) and the check. Transactions
 * are opened here ({@link Transactions}), except in {@link #sendFirstCode}, which joins its caller's.
 */
@ApplicationScoped
public class EmailVerificationFlow {

    private final RequestValidator validator;
    private final VerificationCodes codes;
    private final RateLimiter limiter;
    private final Outbox outbox;
    private final SessionService sessions;
    private final AuditLog audit;

    EmailVerificationFlow(RequestValidator validator, VerificationCodes codes, RateLimiter limiter, Outbox outbox,
            SessionService sessions, AuditLog audit) {
        this.validator = validator;
        this.codes = codes;
        this.limiter = limiter;
        this.outbox = outbox;
        this.sessions = sessions;
        this.audit = audit;
    }

    /**
     * The sign-up's code and mail, in the caller's transaction, within the code-mail limits of
     * the account and of the signing-up client's share of the mailbox, as every code mail (round
     * 3: counted but never refused, sign-up and delete cycles mailed an inbox past its limits).
     * Over them, the account is still created and signed in, with no code yet and no mail: the
     * resend gets one once the limits allow. Others' requests for that mailbox (a reset, an
     * address change) spend their own shares, so they never hold back its owner's sign-up mail,
     * unless they spent the mailbox's totals.
     */
    void sendFirstCode(User user, ClientAddress client) {
        try {
            limiter.hitCodeMail(user.emailKey, user.id, client);
        } catch (RetryLaterException limited) {
            return;
        }
        mailCode(user);
    }

    /** A new code and its mail, in the caller's transaction, within the code-mail limits. */
    private void sendCode(User user, ClientAddress client) {
        limiter.hitCodeMail(user.emailKey, user.id, client);
        mailCode(user);
    }

    private void mailCode(User user) {
        VerificationCodes.Issued code = codes.issue(user.id);
        outbox.enqueueVerificationCode(user.email, code.code(), code.expiresAt());
    }

    /** Sends a new code to an account that is not verified yet. */
    public void resendCode(Caller caller) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        ClientAddress client = caller.client();
        AuditLog.Event event = AuditLog.event("resend_verification").by(caller);
        audit.around(event, () -> Transactions.run(() -> {
            User user = User.<User> findByIdOptional(userId).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
            sessions.requireLive(userId, sessionId);
            if (user.emailVerified) {
                throw new AuthException(ProblemCode.ALREADY_VERIFIED);
            }
            sendCode(user, client);
        }));
    }

    /**
     * Checks the code and marks the address verified; returns an access token that says so,
     * expiring when the presented one does: verification never
     * extends a session's access. A wrong code is counted (and committed) before the refusal.
     * Verifying a verified account succeeds again.
     */
    public AccessToken verifyEmail(Caller caller, VerifyEmailRequest request) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        AuditLog.Event event = AuditLog.event("verify_email").by(caller);
        return audit.around(event, () -> {
            validator.validate(request);
            return Transactions.callKeepingRefusals(() -> {
                User user = User.<User> findByIdOptional(userId)
                        .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
                sessions.requireLive(user.id, sessionId);
                if (!user.emailVerified) {
                    codes.consume(user.id, request.verificationCode());
                    user.emailVerified = true;
                }
                return sessions.reissueAccess(user, caller);
            });
        });
    }
}
