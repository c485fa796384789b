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

/**
 * The one current code of a purpose and subject ({@code <purpose>:<subject>}), known only by
 * its HMAC. A password-reset entry may have no account and no code: an address with no
 * account answers like one with an account.
 */
@Entity
@Table(name = "verification_codes")
public class VerificationCode extends PanacheEntityBase {

    @Id
    @Column(name = "code_key")
    public String codeKey;

    public String purpose;

    /** The account, when there is one. */
    @Column(name = "user_id")
    public UUID userId;

    /** {@code null} when no code was issued (a reset asked for an address with no account). */
    @Column(name = "code_hash")
    public byte[] codeHash;

    /** For an address change: the address the code was sent to. */
    @Column(name = "new_email")
    public String newEmail;

    @Column(name = "new_email_key")
    public String newEmailKey;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "expires_at")
    public Instant expiresAt;

    public int attempts;

    /** The entry, its row locked: concurrent guesses are counted one by one. */
    public static Optional<VerificationCode> findForUpdate(String codeKey) {
        return Optional.ofNullable(findById(codeKey, LockModeType.PESSIMISTIC_WRITE));
    }
}
