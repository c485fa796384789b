package ai.rememberizer.auth.session;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One sign-in: the refresh tokens rotated from it all belong to it. */
@Entity
@Table(name = "sessions")
public class Session extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The absolute end of the session, whatever the rotations. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    @Column(name = "revoke_reason")
    public String revokeReason;

    /** When the user last proved who they are on this session ({@link Assurance}). */
    @Column(name = "auth_time")
    public Instant authTime;

    /** 1 or 2: how many factors ({@link Assurance#level()}). */
    public short aal;

    /** The methods, space-separated ({@link Assurance#storedMethods()}). */
    public String amr;

    public Assurance assurance() {
        return new Assurance(authTime, aal, Assurance.methodsOf(amr));
    }

    public void assure(Assurance assurance) {
        authTime = assurance.authTime();
        aal = (short) assurance.level();
        amr = assurance.storedMethods();
    }

    public boolean isLiveAt(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public void revoke(Instant now, String reason) {
        if (revokedAt == null) {
            revokedAt = now;
            revokeReason = reason;
        }
    }

    /** Revokes every live session of an account but one (none when {@code keep} is null); returns how many. */
    public static int revokeAllOf(UUID userId, UUID keep, Instant now, String reason) {
        return keep == null
                ? update("revokedAt = ?1, revokeReason = ?2 where userId = ?3 and revokedAt is null", now, reason, userId)
                : update("revokedAt = ?1, revokeReason = ?2 where userId = ?3 and revokedAt is null and id <> ?4", now, reason,
                        userId, keep);
    }

    /** The session, its row locked until the transaction ends. */
    public static Optional<Session> findByIdForUpdate(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }
}
