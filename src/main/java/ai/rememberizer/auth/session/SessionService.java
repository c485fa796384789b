package ai.rememberizer.auth.session;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.account.User;
import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.SecretTokens;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.InvalidRefreshTokenException;
import ai.rememberizer.auth.problem.RefreshTokenReusedException;

/**
 * Sessions and their refresh tokens: start, rotate (with the reuse grace window and reuse
 * detection) and revoke. Every state change is a row in PostgreSQL, so any instance can
 * serve any request.
 */
@ApplicationScoped
public class SessionService {

    /** Longer inputs cannot be one of our tokens; refused before hashing. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final AuthConfig config;
    private final SecretTokens secrets;
    private final AccessTokenIssuer accessTokens;
    private final AuditLog audit;

    SessionService(AuthConfig config, SecretTokens secrets, AccessTokenIssuer accessTokens, AuditLog audit) {
        this.config = config;
        this.secrets = secrets;
        this.accessTokens = accessTokens;
        this.audit = audit;
    }

    /** Starts a session for a user who just proved who they are; joins the caller's transaction. */
    @Transactional
    public IssuedTokens startSession(User user) {
        Instant now = Instant.now();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.createdAt = now;
        session.expiresAt = now.plus(config.sessionLifetime());
        session.persist();
        return issue(user, session, now);
    }

    /**
     * Exchanges a refresh token for a new pair. The token's row is locked, so two refreshes
     * of one token run one after the other: the second finds it rotated, within the grace
     * window, and gets a pair in the same session. After the window, it revokes the session;
     * that revocation commits although the call fails.
     */
    @Transactional(dontRollbackOn = RefreshTokenReusedException.class)
    public IssuedTokens rotateRefreshToken(String presented, String clientAddress) {
        AuditLog.Event event = AuditLog.event("refresh").client(clientAddress);
        try {
            IssuedTokens tokens = rotate(presented, event);
            audit.success(event);
            return tokens;
        } catch (AuthException e) {
            audit.failure(event, e.code().code());
            throw e;
        }
    }

    private IssuedTokens rotate(String presented, AuditLog.Event event) {
        if (presented == null || presented.isBlank() || presented.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidRefreshTokenException();
        }
        RefreshToken.Presented token = RefreshToken.lockWithSession(secrets.hash(presented))
                .orElseThrow(InvalidRefreshTokenException::new);
        event.session(token.sessionId()).user(token.userId());
        Instant now = Instant.now();
        boolean sessionActive = token.sessionRevokedAt() == null && now.isBefore(token.sessionExpiresAt());
        if (!sessionActive || !now.isBefore(token.expiresAt())) {
            throw new InvalidRefreshTokenException();
        }
        if (token.rotatedAt() != null && now.isAfter(token.rotatedAt().plus(config.refresh().reuseGrace()))) {
            Session.findByIdForUpdate(token.sessionId()).ifPresent(session -> session.revoke(now, "reuse"));
            audit.failure(AuditLog.event("reuse_detected").session(token.sessionId()).user(token.userId())
                    .client(event.client()), "session_revoked");
            throw new RefreshTokenReusedException();
        }
        // First use: rotate. Within the grace window: a sibling in the same session.
        String raw = secrets.newToken();
        RefreshToken successor = successor(token.sessionId(), token.sessionExpiresAt(), raw, now);
        RefreshToken.rotate(token.tokenId(), now, successor);
        String access = accessTokens.issue(token.userId(), token.email(), token.emailVerified(), token.sessionId(), now);
        return new IssuedTokens(token.sessionId(), access, config.accessTokenTtl(), raw, Duration.between(now, successor.expiresAt));
    }

    /**
     * Logout: revokes the session of the refresh token, if it is known, and the session of
     * the access token, if one was verified. Revoking twice changes nothing.
     */
    @Transactional
    public void logout(String refreshToken, Optional<UUID> accessSession, String clientAddress) {
        AuditLog.Event event = AuditLog.event("logout").client(clientAddress);
        Optional<UUID> fromRefresh = refreshToken == null || refreshToken.isBlank() || refreshToken.length() > MAX_TOKEN_LENGTH
                ? Optional.empty()
                : RefreshToken.findByHash(secrets.hash(refreshToken)).map(token -> token.sessionId);
        Instant now = Instant.now();
        for (Optional<UUID> id : List.of(fromRefresh, accessSession)) {
            id.flatMap(Session::findByIdForUpdate).ifPresent(session -> {
                session.revoke(now, "logout");
                event.session(session.id).user(session.userId);
            });
        }
        audit.success(event);
    }

    private IssuedTokens issue(User user, Session session, Instant now) {
        String raw = secrets.newToken();
        RefreshToken token = successor(session.id, session.expiresAt, raw, now);
        token.persist();
        String access = accessTokens.issue(user.id, user.email, user.emailVerified, session.id, now);
        return new IssuedTokens(session.id, access, config.accessTokenTtl(), raw, Duration.between(now, token.expiresAt));
    }

    /** A new refresh token for a session: valid the refresh TTL, never past the session's end. */
    private RefreshToken successor(UUID sessionId, Instant sessionExpiresAt, String raw, Instant now) {
        RefreshToken token = new RefreshToken();
        token.id = UUID.randomUUID();
        token.sessionId = sessionId;
        token.tokenHash = secrets.hash(raw);
        token.createdAt = now;
        Instant wanted = now.plus(config.refreshTokenTtl());
        token.expiresAt = wanted.isBefore(sessionExpiresAt) ? wanted : sessionExpiresAt;
        return token;
    }
}
