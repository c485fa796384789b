package ai.rememberizer.auth.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.limits.ClientAddress;

/**
 * The transactional outbox: a mail is written in the transaction of the change that promises
 * it (every method joins the caller's), sealed, and sent later by {@link OutboxSender}.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class Outbox {

    private final DataKeys keys;
    private final ObjectMapper mapper;

    Outbox(DataKeys keys, ObjectMapper mapper) {
        this.keys = keys;
        this.mapper = mapper;
    }

    /** Queues the verification code mail; it is dropped if it cannot go out before the code expires. */
    public void enqueueVerificationCode(String to, String code, Instant codeExpiresAt) {
        enqueue(QueuedMail.VERIFICATION_CODE, to, new CodeMail(code), codeExpiresAt);
    }

    public void enqueueResetCode(String to, String code, Instant codeExpiresAt) {
        enqueue(QueuedMail.RESET_CODE, to, new CodeMail(code), codeExpiresAt);
    }

    public void enqueueEmailChangeCode(String to, String code, Instant codeExpiresAt) {
        enqueue(QueuedMail.EMAIL_CHANGE_CODE, to, new CodeMail(code), codeExpiresAt);
    }

    public void enqueuePasswordChanged(String to) {
        enqueue(QueuedMail.PASSWORD_CHANGED, to, null, null);
    }

    public void enqueueEmailChanged(String to) {
        enqueue(QueuedMail.EMAIL_CHANGED, to, null, null);
    }

    /** Queues the notice that a second factor was added (and every other session signed out). */
    public void enqueueSecondFactorAdded(String to, SecondFactor factor) {
        enqueue(QueuedMail.SECOND_FACTOR_ADDED, to, new SecondFactorMail(factor), null);
    }

    /** Queues the notice that a second factor was removed (and every other session signed out). */
    public void enqueueSecondFactorRemoved(String to, SecondFactor factor) {
        enqueue(QueuedMail.SECOND_FACTOR_REMOVED, to, new SecondFactorMail(factor), null);
    }

    /** Queues the notice that a recovery code was used, with how many are left. */
    public void enqueueRecoveryCodeUsed(String to, int remaining) {
        enqueue(QueuedMail.RECOVERY_CODE_USED, to, new RecoveryCodeMail(remaining), null);
    }

    /** Queues the notice that new recovery codes were made (the old ones died). */
    public void enqueueRecoveryCodesReplaced(String to) {
        enqueue(QueuedMail.RECOVERY_CODES_REPLACED, to, null, null);
    }

    /**
     * Queues a password-reset request for the background ({@link PasswordResetRequests}), with the
     * client that made it (sealed, erased once handled), worthless once a code would have expired.
     */
    public void enqueueResetRequest(String address, ClientAddress requester, Instant expiresAt) {
        enqueue(QueuedMail.RESET_REQUEST, address, new ResetRequestMail(requester.describe()), expiresAt);
    }

    /** Forgets all mail to an address, sent or not (its account is being deleted: no row keeps the address). */
    public void forget(String recipient) {
        QueuedMail.delete("lower(recipient) = lower(?1)", recipient);
    }

    private void enqueue(String kind, String to, Object content, Instant expiresAt) {
        QueuedMail mail = new QueuedMail();
        mail.id = UUID.randomUUID();
        mail.kind = kind;
        mail.recipient = to;
        try {
            mail.payload = content == null ? null : keys.seal(mapper.writeValueAsBytes(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mail.createdAt = Instant.now();
        mail.nextAttemptAt = mail.createdAt;
        mail.expiresAt = expiresAt;
        mail.persist();
    }
}
