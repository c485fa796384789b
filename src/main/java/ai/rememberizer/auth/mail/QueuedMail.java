package ai.rememberizer.auth.mail;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A mail in the outbox: waiting to be sent, sent ({@link #sentAt} set), or dropped
 * ({@link #droppedAt} set: its code expired, or the mail can never be delivered). Sent and
 * dropped mails have their payload erased, and housekeeping purges them.
 */
@Entity
@Table(name = "mail_outbox")
public class QueuedMail extends PanacheEntityBase {

    public static final String VERIFICATION_CODE = "verification_code";
    public static final String RESET_CODE = "reset_code";
    public static final String EMAIL_CHANGE_CODE = "email_change_code";
    public static final String PASSWORD_CHANGED = "password_changed";
    public static final String EMAIL_CHANGED = "email_changed";
    public static final String SECOND_FACTOR_ADDED = "second_factor_added";
    public static final String SECOND_FACTOR_REMOVED = "second_factor_removed";
    public static final String RECOVERY_CODE_USED = "recovery_code_used";
    public static final String RECOVERY_CODES_REPLACED = "recovery_codes_replaced";
    /** Not a mail: a password-reset request, handled by {@link PasswordResetRequests}. */
    public static final String RESET_REQUEST = "reset_request";

    @Id
    public UUID id;

    public String kind;

    public String recipient;

    /** Sealed with {@link ai.rememberizer.auth.crypto.DataKeys#seal}; {@code null} once sent. */
    public byte[] payload;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "next_attempt_at")
    public Instant nextAttemptAt;

    public int attempts;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "last_error")
    public String lastError;

    /** When the mail becomes worthless (its code expires); {@code null} for mails that keep their worth. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "dropped_at")
    public Instant droppedAt;

    @Column(name = "drop_reason")
    public String dropReason;

    /**
     * Due mails, their rows locked; rows another instance holds are skipped, so each mail
     * goes to one sender only. Mail never tried comes first: retries of mail that keeps
     * failing never delay fresh mail.
     */
    @SuppressWarnings("unchecked")
    public static List<QueuedMail> lockDue(int limit) {
        return getEntityManager().createNativeQuery("""
                SELECT * FROM mail_outbox
                WHERE sent_at IS NULL AND dropped_at IS NULL AND next_attempt_at <= now()
                ORDER BY attempts, next_attempt_at
                LIMIT :limit
                FOR UPDATE SKIP LOCKED
                """, QueuedMail.class).setParameter("limit", limit).getResultList();
    }

    /** Stops trying: the payload goes, the reason stays. */
    void drop(Instant now, String reason) {
        droppedAt = now;
        dropReason = reason;
        payload = null;
    }
}
