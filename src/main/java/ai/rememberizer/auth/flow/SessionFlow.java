package ai.rememberizer.auth.flow;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.IssuedTokens;
import ai.rememberizer.auth.session.Rotation;
import ai.rememberizer.auth.session.SessionClient;
import ai.rememberizer.auth.session.SessionService;

/** Refresh and logout. Transactions are opened here, one per request ({@link Transactions}). */
@ApplicationScoped
public class SessionFlow {

    private final SessionService sessions;
    private final AuditLog audit;

    SessionFlow(SessionService sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    /** Exchanges a refresh token for a new pair; a reuse after the grace window revokes the session. */
    public IssuedTokens refresh(String presented, Caller caller) {
        ClientAddress client = caller.client();
        AuditLog.Event event = AuditLog.event("refresh").client(client.describe());
        return audit.around(event, () -> {
            Rotation rotation = Transactions.call(() -> sessions.rotate(presented, caller.device()));
            event.session(rotation.sessionId()).user(rotation.userId());
            return switch (rotation.outcome()) {
                case ROTATED -> rotation.tokens().orElseThrow();
                case INVALID -> throw new AuthException(ProblemCode.INVALID_REFRESH_TOKEN);
                case REUSED -> {
                    audit.failure(AuditLog.event("reuse_detected").session(rotation.sessionId()).user(rotation.userId())
                            .client(client.describe()), "session_revoked");
                    throw new AuthException(ProblemCode.REFRESH_TOKEN_REUSED);
                }
            };
        });
    }

    /**
     * Revokes the session of the refresh token, if it is known, and the session of the
     * access token, if one was verified. Always succeeds.
     */
    public void logout(String refreshToken, Optional<UUID> accessSession, Caller caller) {
        AuditLog.Event event = AuditLog.event("logout").client(caller.client().describe());
        audit.around(event, () -> Transactions.call(() -> sessions.revokeForLogout(refreshToken, accessSession))
                .forEach(session -> event.session(session.id).user(session.userId)));
    }
}
