package ai.rememberizer.auth.flow;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.SessionService;
import ai.rememberizer.auth.user.User;

/**
 * The rule of the sensitive actions (a password change, an address change, the account's
 * deletion, every change to a second factor): on an account with a second factor, only a
 * token that says {@code aal2}; on an account without a password, only a recent
 * authentication ({@code auth_time} within {@code AUTH_REAUTH_MAX_AGE}), since no password can
 * be asked. Checked before any password, so a refused caller costs no hash.
 */
@ApplicationScoped
class SensitiveActions {

    private final SessionService sessions;
    private final SecondSteps secondSteps;
    private final AuthConfig config;

    SensitiveActions(SessionService sessions, SecondSteps secondSteps, AuthConfig config) {
        this.sessions = sessions;
        this.secondSteps = secondSteps;
        this.config = config;
    }

    /**
     * The caller's account, if its session is live and the caller may act on it.
     *
     * @throws AuthException {@code unauthenticated}, {@code aal2_required}, {@code reauthentication_required}
     */
    User account(Caller caller) {
        return Transactions.call(() -> {
            User user = User.<User> findByIdOptional(caller.userId()).orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
            sessions.requireLive(caller.userId(), caller.sessionId());
            require(caller, user);
            return user;
        });
    }

    /**
     * Where no password is asked at all: an authentication within {@code AUTH_REAUTH_MAX_AGE}.
     *
     * @throws AuthException {@code reauthentication_required}
     */
    void requireRecent(Caller caller) {
        if (!caller.authenticatedWithin(config.reauthMaxAge(), Instant.now())) {
            throw new AuthException(ProblemCode.REAUTHENTICATION_REQUIRED);
        }
    }

    /** The rule, for a caller whose account is already in hand (in the caller's transaction). */
    void require(Caller caller, User user) {
        if (!caller.hasTwoFactors() && secondSteps.hasSecondFactor(user.id)) {
            throw new AuthException(ProblemCode.AAL2_REQUIRED);
        }
        if (user.passwordHash == null) {
            requireRecent(caller);
        }
    }
}
