package ai.rememberizer.auth.session;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.crypto.SecretTokens;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.user.User;

/**
 * Sessions and their tokens: start, rotate (with the reuse grace window and reuse detection),
 * revoke, and the access tokens of live sessions. This class alone decides whether a session
 * is live, and it issues every access token. Every method joins the caller's transaction.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = AuthException.class)
public class SessionService {

    /** Longer inputs cannot be one of our tokens; refused before hashing. */
    private static final int MAX_TOKEN_LENGTH = 128;

    private final AuthConfig config;
    private final SecretTokens secrets;
    private final DataKeys keys;
    private final AccessTokenIssuer accessTokens;

    SessionService(AuthConfig config, SecretTokens secrets, DataKeys keys, AccessTokenIssuer accessTokens) {
        this.config = config;
        this.secrets = secrets;
        this.keys = keys;
        this.accessTokens = accessTokens;
    }

    /** Starts a session for a user who just proved who they are with a password. */
    public IssuedTokens start(User user, SessionClient client) {
        return start(user, client, Assurance.password(Instant.now()));
    }

    /** Starts a session for a user who just proved who they are, as {@code assurance} says. */
    public IssuedTokens start(User user, SessionClient client, Assurance assurance) {
        Instant now = Instant.now();
        Session session = new Session();
        session.id = UUID.randomUUID();
        session.userId = user.id;
        session.createdAt = now;
        session.expiresAt = now.plus(config.sessionLifetime());
        session.assure(assurance);
        session.persist();
        return issueRefresh(user, session.id, session.expiresAt, assurance, client, now, null);
    }

    /**
     * A new refresh token (and access token) for a live session of this user, the session's
     * previous refresh tokens dropped: after a password change, the session that made it goes
     * on with fresh cookies, and its old tokens are worth nothing.
     */
    public IssuedTokens renew(User user, UUID sessionId, SessionClient client) {
        Instant now = Instant.now();
        Session session = Session.findByIdForUpdate(sessionId).filter(s -> s.userId.equals(user.id) && s.isLiveAt(now))
                .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
        RefreshToken.delete("sessionId", sessionId);
        return issueRefresh(user, session.id, session.expiresAt, session.assurance(), client, now, null);
    }

    /** A new refresh token, and an access token that expires at the TTL or at {@code notAfter} (when given) if sooner. */
    private IssuedTokens issueRefresh(User user, UUID sessionId, Instant sessionExpiresAt, Assurance assurance,
            SessionClient client, Instant now, Instant notAfter) {
        String raw = secrets.newToken();
        RefreshToken token = successor(sessionId, sessionExpiresAt, raw, now);
        token.userAgent = client.userAgent();
        token.ip = client.ip();
        token.persist();
        AccessToken access = notAfter == null ? accessTokens.issue(user.id, user.email, user.emailVerified, sessionId, assurance, now)
                : accessTokens.issue(user.id, user.email, user.emailVerified, sessionId, assurance, now, notAfter);
        return new IssuedTokens(sessionId, access, raw, Duration.between(now, token.expiresAt));
    }

    /** The account's live sessions, most recently used first. */
    public List<LiveSession> liveSessions(UUID userId) {
        return RefreshToken.liveSessionsOf(userId);
    }

    /**
     * Revokes one of the account's live sessions; its refresh token stops working at once.
     *
     * @throws AuthException {@code not_found} when it is not one of them
     */
    public void revoke(UUID userId, UUID sessionId) {
        Instant now = Instant.now();
        Session session = Session.findByIdForUpdate(sessionId).filter(s -> s.userId.equals(userId) && s.isLiveAt(now))
                .orElseThrow(() -> new AuthException(ProblemCode.NOT_FOUND, "No such session."));
        session.revoke(now, "revoked");
    }

    /** Revokes every live session of the account but {@code keep} (every one when it is null); returns how many. */
    public int revokeAllBut(UUID userId, UUID keep, String reason) {
        return Session.revokeAllOf(userId, keep, Instant.now(), reason);
    }

    /**
     * Exchanges a refresh token for a new pair. The token's row and its session's are
     * locked, so refreshes of one session run one after the other. A token already rotated
     * comes back within the grace window: it gets the session's current refresh token (the
     * one its rotation issued, or a later one), never a second live token. After the window,
     * it revokes the session. A session never has more than one live refresh token.
     */
    public Rotation rotate(String presented, SessionClient client) {
        if (!couldBeToken(presented)) {
            return Rotation.invalid(null, null);
        }
        Optional<RefreshToken.Presented> found = RefreshToken.lockWithSession(secrets.hash(presented));
        if (found.isEmpty()) {
            return Rotation.invalid(null, null);
        }
        RefreshToken.Presented token = found.get();
        Instant now = Instant.now();
        boolean sessionLive = token.sessionRevokedAt() == null && now.isBefore(token.sessionExpiresAt());
        if (!sessionLive || !now.isBefore(token.expiresAt())) {
            return Rotation.invalid(token.sessionId(), token.userId());
        }
        if (token.rotatedAt() != null && now.isAfter(token.rotatedAt().plus(config.refresh().reuseGrace()))) {
            Session.findByIdForUpdate(token.sessionId()).ifPresent(session -> session.revoke(now, "reuse"));
            return Rotation.reused(token.sessionId(), token.userId());
        }
        if (token.rotatedAt() != null) {
            return replayWithinGrace(token, now);
        }
        String raw = secrets.newToken();
        RefreshToken successor = successor(token.sessionId(), token.sessionExpiresAt(), raw, now);
        successor.tokenSealed = keys.seal(raw.getBytes(StandardCharsets.US_ASCII));
        successor.userAgent = client.userAgent();
        successor.ip = client.ip();
        RefreshToken.rotate(token.tokenId(), now, successor);
        AccessToken access = accessTokens.issue(token.userId(), token.email(), token.emailVerified(), token.sessionId(),
                token.assurance(), now);
        return Rotation.rotated(token.sessionId(), token.userId(),
                new IssuedTokens(token.sessionId(), access, raw, Duration.between(now, successor.expiresAt)));
    }

    /** A rotated token presented again within the grace window: the session's current token, unsealed. */
    private Rotation replayWithinGrace(RefreshToken.Presented token, Instant now) {
        Optional<RefreshToken> current = RefreshToken.currentOf(token.sessionId())
                .filter(t -> t.tokenSealed != null && now.isBefore(t.expiresAt)
                        && now.isBefore(t.createdAt.plus(config.refresh().reuseGrace())));
        if (current.isEmpty()) {
            return Rotation.invalid(token.sessionId(), token.userId());
        }
        String raw;
        try {
            raw = new String(keys.open(current.get().tokenSealed), StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            // Sealed with a data key this instance does not have: as if it had expired.
            return Rotation.invalid(token.sessionId(), token.userId());
        }
        AccessToken access = accessTokens.issue(token.userId(), token.email(), token.emailVerified(), token.sessionId(),
                token.assurance(), now);
        return Rotation.rotated(token.sessionId(), token.userId(),
                new IssuedTokens(token.sessionId(), access, raw, Duration.between(now, current.get().expiresAt)));
    }

    /**
     * Logout: revokes the session of the refresh token, if it is known, and the session of
     * the access token, if one was verified. Revoking twice changes nothing. Returns the
     * sessions it found.
     */
    public List<Session> revokeForLogout(String refreshToken, Optional<UUID> accessSession) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (couldBeToken(refreshToken)) {
            RefreshToken.findByHash(secrets.hash(refreshToken)).ifPresent(token -> ids.add(token.sessionId));
        }
        accessSession.ifPresent(ids::add);
        Instant now = Instant.now();
        List<Session> revoked = new ArrayList<>();
        for (UUID id : ids) {
            Session.findByIdForUpdate(id).ifPresent(session -> {
                session.revoke(now, "logout");
                revoked.add(session);
            });
        }
        return revoked;
    }

    /**
     * Refuses unless the session is live and the user's.
     *
     * @throws AuthException {@code unauthenticated}
     */
    public Session requireLive(UUID userId, UUID sessionId) {
        Instant now = Instant.now();
        return Session.<Session> findByIdOptional(sessionId)
                .filter(s -> s.userId.equals(userId) && s.isLiveAt(now))
                .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
    }

    /**
     * A new access token for the live session of a presented token, with the user's current
     * claims (after verification, {@code email_verified: true}) and the presented token's
     * assurance, expiring when the presented one does: the token it replaces never gains life
     * or assurance this way, only a refresh renews a session's access.
     *
     * @throws AuthException {@code unauthenticated} when the session is not live or not the user's
     */
    public AccessToken reissueAccess(User user, Caller presented) {
        Session session = requireLive(user.id, presented.sessionId());
        // What the presented token says, not what its session says now: a session raised since
        // (an authenticator enrolled from another of its tokens) does not raise this token.
        Assurance assurance = presented.assurance().orElseGet(session::assurance);
        return accessTokens.issue(user.id, user.email, user.emailVerified, presented.sessionId(), assurance, Instant.now(),
                presented.expiresAt());
    }

    /**
     * Raises a live session of this user to what a second step just proved (enrolling an
     * authenticator proves it too): a new refresh token (the session's earlier ones die, so no
     * copy taken before can refresh into the raised session) and an access token expiring no
     * later than {@code notAfter}; the session's later refreshes carry the new assurance.
     *
     * @throws AuthException {@code unauthenticated} when the session is not live or not the user's
     */
    public IssuedTokens raise(User user, UUID sessionId, String method, Instant notAfter, SessionClient client) {
        Instant now = Instant.now();
        Session session = Session.findByIdForUpdate(sessionId).filter(s -> s.userId.equals(user.id) && s.isLiveAt(now))
                .orElseThrow(() -> new AuthException(ProblemCode.UNAUTHENTICATED));
        session.assure(session.assurance().withSecondFactor(method, now));
        RefreshToken.delete("sessionId", sessionId);
        return issueRefresh(user, sessionId, session.expiresAt, session.assurance(), client, now, notAfter);
    }

    private static boolean couldBeToken(String value) {
        return value != null && !value.isBlank() && value.length() <= MAX_TOKEN_LENGTH;
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
