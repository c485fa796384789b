package ai.rememberizer.auth.mfa;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * An account's authenticator app: its TOTP secret, sealed; pending until its first code
 * confirms it; and the time step of the last code accepted, so that no code works twice.
 */
@Entity
@Table(name = "totp_factors")
public class TotpFactor extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "secret_sealed")
    public byte[] secretSealed;

    @Column(name = "created_at")
    public Instant createdAt;

    /** While pending: when the enrolment ends. */
    @Column(name = "pending_until")
    public Instant pendingUntil;

    /** When the first code confirmed it; {@code null} while pending. */
    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "failed_confirmations")
    public int failedConfirmations;

    @Column(name = "last_step")
    public Long lastStep;

    public boolean enabled() {
        return confirmedAt != null;
    }

    static Optional<TotpFactor> lock(UUID userId) {
        return Optional.ofNullable(findById(userId, LockModeType.PESSIMISTIC_WRITE));
    }

    /** The account's confirmed authenticator, if any. */
    static Optional<TotpFactor> enabledOf(UUID userId) {
        return TotpFactor.<TotpFactor> findByIdOptional(userId).filter(TotpFactor::enabled);
    }

    /**
     * Accepts a code's step if it is later than the last one accepted, in one statement: of
     * two requests with the same code, however close, one updates the row and the other finds
     * its step already taken.
     */
    static boolean acceptStep(UUID userId, long step) {
        return update("lastStep = ?1 where userId = ?2 and confirmedAt is not null and (lastStep is null or lastStep < ?1)",
                step, userId) == 1;
    }
}
