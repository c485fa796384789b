package ai.rememberizer.auth.flow;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.mfa.Authenticators;
import ai.rememberizer.auth.mfa.MfaChallenges;
import ai.rememberizer.auth.mfa.RecoveryCodes;
import ai.rememberizer.auth.problem.MfaRequiredException;
import ai.rememberizer.auth.session.Assurance;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.SessionClient;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;

/**
 * Where a first step (a password at sign-in, a reset code with a new password) ends: in a
 * session, or, on an account with a second factor, in a challenge and no token at all. Called
 * in the transaction that would start the session.
 */
@ApplicationScoped
class SecondSteps {

    static final String TOTP = "totp";
    static final String RECOVERY_CODE = "recovery_code";

    private final Authenticators authenticators;
    private final RecoveryCodes recoveryCodes;
    private final MfaChallenges challenges;
    private final SessionService sessions;

    SecondSteps(Authenticators authenticators, RecoveryCodes recoveryCodes, MfaChallenges challenges, SessionService sessions) {
        this.authenticators = authenticators;
        this.recoveryCodes = recoveryCodes;
        this.challenges = challenges;
        this.sessions = sessions;
    }

    /** A first step's end: the tokens of a new session, or the second step it must pass first. */
    record Outcome(IssuedTokens tokens, MfaRequiredException secondStep) {
        /** The tokens; or {@code mfa_required}, thrown (outside the transaction that opened it). */
        IssuedTokens tokensOrSecondStep() {
            if (secondStep != null) {
                throw secondStep;
            }
            return tokens;
        }

        /** Says in the audit event where the first step ended: the session it started, or the second step next. */
        void describe(AuditLog.Event event) {
            if (tokens != null) {
                event.session(tokens.sessionId());
            } else {
                event.note("next_step", "mfa");
            }
        }
    }

    Outcome afterFirstStep(User user, Assurance first, SessionClient client) {
        if (!hasSecondFactor(user.id)) {
            return new Outcome(sessions.start(user, client, first), null);
        }
        return new Outcome(null, new MfaRequiredException(challenges.open(user.id, first), methods(user.id)));
    }

    boolean hasSecondFactor(UUID userId) {
        return authenticators.enabledSince(userId).isPresent();
    }

    /** The second-step methods of an account whose authenticator is confirmed: it, and its recovery codes if any are left. */
    private List<String> methods(UUID userId) {
        return recoveryCodes.remaining(userId) > 0 ? List.of(TOTP, RECOVERY_CODE) : List.of(TOTP);
    }
}
