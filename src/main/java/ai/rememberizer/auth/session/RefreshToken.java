package ai.rememberizer.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A refresh token, known only by its SHA-256. */
@Entity
@Table(name = "refresh_tokens")
public class RefreshToken extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "session_id")
    public UUID sessionId;

    @Column(name = "token_hash")
    public byte[] tokenHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When this token was exchanged for a new one; {@code null} while it is the current one. */
    @Column(name = "rotated_at")
    public Instant rotatedAt;

    /**
     * The token itself, sealed, on a session's current token only, during the reuse grace
     * window after the rotation that issued it: a replay of the token it replaced gets this
     * one back instead of a new branch. Erased at the next rotation, and by housekeeping.
     */
    @Column(name = "token_sealed")
    public byte[] tokenSealed;

    /** The client of the sign-in or refresh that issued this token (what the session list shows). */
    @Column(name = "user_agent")
    public String userAgent;

    public String ip;

    public static Optional<RefreshToken> findByHash(byte[] hash) {
        return find("tokenHash", hash).firstResultOptional();
    }

    /** A presented token with its session and account, as the refresh needs them. */
    public record Presented(UUID tokenId, Instant expiresAt, Instant rotatedAt, UUID sessionId, Instant sessionExpiresAt,
            Instant sessionRevokedAt, UUID userId, String email, boolean emailVerified, Assurance assurance) {
    }

    /**
     * The token, its session and its account in one round trip, the token's and the
     * session's rows locked until the transaction ends: concurrent refreshes of one token,
     * or of one session, run one after the other. (The refresh is the hot path: plain SQL
     * keeps it at three statements.)
     */
    public static Optional<Presented> lockWithSession(byte[] hash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT t.id, t.expires_at, t.rotated_at, s.id, s.expires_at, s.revoked_at, u.id, u.email, u.email_verified,
                       s.auth_time, s.aal, s.amr
                FROM refresh_tokens t
                JOIN sessions s ON s.id = t.session_id
                JOIN users u ON u.id = s.user_id
                WHERE t.token_hash = :hash
                FOR UPDATE OF t, s
                """).setParameter("hash", hash).getResultList();
        return rows.stream().findFirst().map(r -> new Presented((UUID) r[0], instant(r[1]), instant(r[2]), (UUID) r[3],
                instant(r[4]), instant(r[5]), (UUID) r[6], (String) r[7], (Boolean) r[8],
                new Assurance(instant(r[9]), ((Number) r[10]).intValue(), Assurance.methodsOf((String) r[11]))));
    }

    /** The session's current token (its row locked by the caller's lock on the session). */
    public static Optional<RefreshToken> currentOf(UUID sessionId) {
        return find("sessionId = ?1 and rotatedAt is null", sessionId).firstResultOptional();
    }

    /** Marks a token rotated (erasing its sealed copy) and stores its successor, in one statement. */
    public static void rotate(UUID rotatedId, Instant now, RefreshToken successor) {
        getEntityManager().createNativeQuery("""
                WITH rotated AS (UPDATE refresh_tokens SET rotated_at = :now, token_sealed = NULL
                                 WHERE id = :rotated AND rotated_at IS NULL)
                INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at, token_sealed, user_agent, ip)
                VALUES (:id, :session, :new_hash, :now, :expires, :sealed, :user_agent, :ip)
                """)
                .setParameter("now", now)
                .setParameter("rotated", rotatedId)
                .setParameter("id", successor.id)
                .setParameter("session", successor.sessionId)
                .setParameter("new_hash", successor.tokenHash)
                .setParameter("expires", successor.expiresAt)
                .setParameter("sealed", successor.tokenSealed)
                .setParameter("user_agent", successor.userAgent)
                .setParameter("ip", successor.ip)
                .executeUpdate();
    }

    /**
     * The live sessions of an account with their current token (the last sign-in or refresh),
     * most recently used first.
     */
    @SuppressWarnings("unchecked")
    public static List<LiveSession> liveSessionsOf(UUID userId) {
        List<Object[]> rows = getEntityManager().createNativeQuery("""
                SELECT s.id, s.created_at, t.created_at, s.expires_at, t.user_agent, t.ip
                FROM sessions s
                JOIN refresh_tokens t ON t.session_id = s.id AND t.rotated_at IS NULL
                WHERE s.user_id = :user AND s.revoked_at IS NULL AND s.expires_at > now() AND t.expires_at > now()
                ORDER BY t.created_at DESC
                """).setParameter("user", userId).getResultList();
        return rows.stream().map(r -> new LiveSession((UUID) r[0], instant(r[1]), instant(r[2]), instant(r[3]), (String) r[4],
                (String) r[5])).toList();
    }

    /** A timestamp column of a native query's row, as the JDBC driver gives it. */
    public static Instant instant(Object value) {
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
