package ai.rememberizer.auth.verification;

import java.time.Instant;
import java.util.List;
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

    /**
     * The newest live code of a purpose held for the account that has this address, other than
     * the entry {@code exceptKey}, its row locked; one statement whether or not the address has
     * an account. A row another transaction holds is skipped, never waited for: two clients
     * trying each other's codes at once must not deadlock.
     */
    @SuppressWarnings("unchecked")
    static Optional<VerificationCode> newestLiveForAccountAt(String purpose, String emailKey, String exceptKey, Instant now) {
        List<VerificationCode> found = getEntityManager().createNativeQuery("""
                SELECT v.* FROM verification_codes v JOIN users u ON u.id = v.user_id
                WHERE u.email_key = :emailKey AND v.purpose = :purpose AND v.code_hash IS NOT NULL
                  AND v.expires_at > :now AND v.code_key <> :exceptKey
                ORDER BY v.created_at DESC LIMIT 1
                FOR UPDATE OF v SKIP LOCKED
                """, VerificationCode.class)
                .setParameter("emailKey", emailKey)
                .setParameter("purpose", purpose)
                .setParameter("now", now)
                .setParameter("exceptKey", exceptKey)
                .getResultList();
        return found.stream().findFirst();
    }
}
