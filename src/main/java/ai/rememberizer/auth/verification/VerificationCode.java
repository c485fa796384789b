package ai.rememberizer.auth.verification;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The one current verification code of an account, known only by its HMAC. */
@Entity
@Table(name = "verification_codes")
public class VerificationCode extends PanacheEntityBase {

    @Id
    @Column(name = "user_id")
    public UUID userId;

    @Column(name = "code_hash")
    public byte[] codeHash;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;

    /** The account's code, its row locked: concurrent guesses are counted one by one. */
    public static Optional<VerificationCode> findForUpdate(UUID userId) {
        return Optional.ofNullable(findById(userId, LockModeType.PESSIMISTIC_WRITE));
    }
}
