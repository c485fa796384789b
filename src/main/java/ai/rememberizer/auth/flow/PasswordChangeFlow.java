package ai.rememberizer.auth.flow;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.mail.Outbox;
import ai.rememberizer.auth.mfa.MfaChallenges;
import ai.rememberizer.auth.password.Passwords;
import ai.rememberizer.auth.password.SignInAttempts;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionClient;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.Purpose;
import ai.rememberizer.auth.verification.VerificationCodes;

/**
 * A password change by a signed-in user: the current password is required (a wrong one counts
 * as a failed sign-in), every other session is revoked, the current one goes on with fresh
 * cookies, and a notice is mailed. Transactions are opened here, step by step
 * ({@link Transactions}); none while hashing.
 */
@ApplicationScoped
public class PasswordChangeFlow {

    private final RequestValidator validator;
    private final Passwords passwords;
    private final SignInAttempts attempts;
    private final SessionService sessions;
    private final Outbox outbox;
    private final VerificationCodes codes;
    private final SensitiveActions sensitive;
    private final MfaChallenges challenges;
    private final AuditLog audit;

    PasswordChangeFlow(RequestValidator validator, Passwords passwords, SignInAttempts attempts, SessionService sessions,
            Outbox outbox, VerificationCodes codes, SensitiveActions sensitive, MfaChallenges challenges, AuditLog audit) {
        this.sensitive = sensitive;
        this.challenges = challenges;
        this.validator = validator;
        this.passwords = passwords;
        this.attempts = attempts;
        this.sessions = sessions;
        this.outbox = outbox;
        this.codes = codes;
        this.audit = audit;
    }

    public IssuedTokens change(Caller caller, PasswordChangeRequest body) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        ClientAddress client = caller.client();
        PasswordChangeRequest request = body.normalised();
        AuditLog.Event event = AuditLog.event("password_changed").by(caller);
        return audit.around(event, () -> {
            validator.validate(request);
            User user = sensitive.account(caller);
            validator.validate(new NewPasswordFor(user.email, request.newPassword()));
            Passwords.Checked checked = Accounts.checkCurrentPassword(passwords, attempts, user, request.currentPassword(), client);
            String hash = passwords.hash(request.newPassword());
            return Transactions.call(() -> {
                User current = Accounts.lockUnchanged(checked, ProblemCode.UNAUTHENTICATED, ProblemCode.INVALID_CURRENT_PASSWORD);
                current.passwordHash = hash;
                attempts.clear(current.emailKey, client);
                sessions.revokeAllBut(userId, sessionId, "password_changed");
                // A second step waiting on the old password has nothing left to finish.
                challenges.forget(userId);
                // Codes asked before the change (a reset, an address change) die with the old password.
                codes.forgetAll(Purpose.RESET_PASSWORD, userId);
                codes.forget(Purpose.CHANGE_EMAIL, userId.toString());
                outbox.enqueuePasswordChanged(current.email);
                return sessions.renew(current, sessionId, caller.device());
            });
        });
    }
}
