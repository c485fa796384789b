package ai.rememberizer.auth.flow;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.limits.ClientAddress;
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
    public List<LiveSession> list(UUID userId, UUID sessionId) {
        return Transactions.call(() -> {
            sessions.requireLive(userId, sessionId);
            return sessions.liveSessions(userId);
        });
    }

    /** Revokes one of the account's live sessions ({@code not_found} if it is not one). */
    public void revoke(UUID userId, UUID sessionId, UUID revoked, ClientAddress client) {
        AuditLog.Event event = AuditLog.event("session_revoked").user(userId).session(revoked).client(client.describe());
        audit.around(event, () -> Transactions.run(() -> {
            sessions.requireLive(userId, sessionId);
            sessions.revoke(userId, revoked);
        }));
    }

    /** Revokes every live session of the account but the caller's. */
    public void revokeOthers(UUID userId, UUID sessionId, ClientAddress client) {
        AuditLog.Event event = AuditLog.event("sessions_revoked").user(userId).session(sessionId).client(client.describe());
        audit.around(event, () -> Transactions.run(() -> {
            sessions.requireLive(userId, sessionId);
            sessions.revokeAllBut(userId, sessionId, "revoked");
        }));
    }
}
