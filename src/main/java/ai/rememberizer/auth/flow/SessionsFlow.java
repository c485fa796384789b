package ai.rememberizer.auth.flow;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.session.Caller;
import ai.rememberizer.auth.session.LiveSession;
import ai.rememberizer.auth.session.SessionService;

/**
 * A signed-in user's view of their sessions: the list, and revoking one or every other. A
 * revoked session's refresh token stops working at once; its access tokens live out their
 * (at most 15) minutes. Transactions are opened here ({@link Transactions}).
 */
@ApplicationScoped
public class SessionsFlow {

    private final SessionService sessions;
    private final AuditLog audit;

    SessionsFlow(SessionService sessions, AuditLog audit) {
        this.sessions = sessions;
        this.audit = audit;
    }

    /** The account's live sessions, most recently used first. */
    public List<LiveSession> list(Caller caller) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        return Transactions.call(() -> {
            sessions.requireLive(userId, sessionId);
            return sessions.liveSessions(userId);
        });
    }

    /** Revokes one of the account's live sessions ({@code not_found} if it is not one). */
    public void revoke(Caller caller, UUID revoked) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        AuditLog.Event event = AuditLog.event("session_revoked").by(caller).session(revoked);
        audit.around(event, () -> Transactions.run(() -> {
            sessions.requireLive(userId, sessionId);
            sessions.revoke(userId, revoked);
        }));
    }

    /** Revokes every live session of the account but the caller's. */
    public void revokeOthers(Caller caller) {
        UUID userId = caller.userId();
        UUID sessionId = caller.sessionId();
        AuditLog.Event event = AuditLog.event("sessions_revoked").by(caller);
        audit.around(event, () -> Transactions.run(() -> {
            sessions.requireLive(userId, sessionId);
            sessions.revokeAllBut(userId, sessionId, "revoked");
        }));
    }
}
