package ai.rememberizer.auth.mail;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.limits.ClientAddress;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Sends the outbox, by a scheduled round on every instance, each mail in a transaction of
 * its own (opened here: this is a job, not a request), with retries and exponential
 * backoff. A mail server that is down delays a mail; it never loses it.
 */
@ApplicationScoped
public class OutboxSender {

    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    /** What one attempt at the next due mail came to. */
    enum Attempt {
        NOTHING_DUE, SENT, FAILED, DROPPED
    }

    private final DataKeys keys;
    private final ObjectMapper mapper;
    private final AccountMailer mailer;
    private final PasswordResetRequests resetRequests;
    private final AuthConfig.Outbox config;
    private volatile boolean stopping;

    OutboxSender(DataKeys keys, ObjectMapper mapper, AccountMailer mailer, PasswordResetRequests resetRequests,
            AuthConfig config) {
        this.keys = keys;
        this.mapper = mapper;
        this.mailer = mailer;
        this.resetRequests = resetRequests;
        this.config = config.outbox();
    }

    @Scheduled(identity = "mail-outbox", every = "${auth.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        sendDueBatch();
    }

    /** On shutdown, the round in progress stops after the mail it is sending; nothing is left half-sent. */
    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /**
     * Sends up to one batch of due mail, each in a transaction of its own, so a stop between
     * two mails leaves every sent mail marked sent and every other one due. Returns how many
     * were sent.
     */
    public int sendDueBatch() {
        int sent = 0;
        for (int i = 0; i < config.batchSize() && !stopping; i++) {
            Attempt attempt = QuarkusTransaction.requiringNew().call(this::sendNext);
            if (attempt == Attempt.NOTHING_DUE) {
                break;
            }
            if (attempt == Attempt.SENT) {
                sent++;
            }
        }
        return sent;
    }

    private Attempt sendNext() {
        List<QueuedMail> due = QueuedMail.lockDue(1);
        if (due.isEmpty()) {
            return Attempt.NOTHING_DUE;
        }
        QueuedMail mail = due.get(0);
        Instant now = Instant.now();
        if (isWorthless(mail, now)) {
            return drop(mail, now, "expired");
        }
        try {
            deliver(mail);
            mail.sentAt = Instant.now();
            mail.payload = null;
            mail.lastError = null;
            return Attempt.SENT;
        } catch (PermanentMailFailure e) {
            mail.attempts++;
            mail.lastError = e.getMessage();
            return drop(mail, Instant.now(), "refused");
        } catch (RuntimeException | GeneralSecurityException | IOException e) {
            mail.attempts++;
            mail.lastError = e.getClass().getSimpleName();
            mail.nextAttemptAt = Instant.now().plus(backoff(mail.attempts));
            if (isWorthless(mail, mail.nextAttemptAt)) {
                return drop(mail, Instant.now(), "expired");
            }
            LOG.warnf("Mail %s (%s) not sent, attempt %d, next at %s: %s", mail.id, mail.kind, mail.attempts,
                    mail.nextAttemptAt, e.getClass().getSimpleName());
            return Attempt.FAILED;
        }
    }

    /** A code mail past its code's expiry, or any mail older than {@code auth.outbox.max-age}. */
    private boolean isWorthless(QueuedMail mail, Instant at) {
        return (mail.expiresAt != null && !at.isBefore(mail.expiresAt)) || !at.isBefore(mail.createdAt.plus(config.maxAge()));
    }

    private Attempt drop(QueuedMail mail, Instant now, String reason) {
        mail.drop(now, reason);
        LOG.warnf("Mail %s (%s) dropped after %d attempts: %s (%s)", mail.id, mail.kind, mail.attempts, reason,
                mail.lastError);
        return Attempt.DROPPED;
    }

    private void deliver(QueuedMail mail) throws GeneralSecurityException, IOException {
        switch (mail.kind) {
            case QueuedMail.VERIFICATION_CODE -> mailer.sendVerificationCode(mail.recipient, code(mail));
            case QueuedMail.RESET_CODE -> mailer.sendResetCode(mail.recipient, code(mail));
            case QueuedMail.EMAIL_CHANGE_CODE -> mailer.sendEmailChangeCode(mail.recipient, code(mail));
            case QueuedMail.PASSWORD_CHANGED -> mailer.sendPasswordChanged(mail.recipient);
            case QueuedMail.EMAIL_CHANGED -> mailer.sendEmailChanged(mail.recipient);
            case QueuedMail.SECOND_FACTOR_ADDED -> mailer.sendSecondFactorAdded(mail.recipient, factor(mail));
            case QueuedMail.SECOND_FACTOR_REMOVED -> mailer.sendSecondFactorRemoved(mail.recipient, factor(mail));
            case QueuedMail.RECOVERY_CODE_USED -> mailer.sendRecoveryCodeUsed(mail.recipient, remaining(mail));
            case QueuedMail.RECOVERY_CODES_REPLACED -> mailer.sendRecoveryCodesReplaced(mail.recipient);
            case QueuedMail.RESET_REQUEST -> resetRequests.process(mail.recipient, requester(mail));
            default -> throw new PermanentMailFailure("unknown kind " + mail.kind, null);
        }
    }

    private String code(QueuedMail mail) throws GeneralSecurityException, IOException {
        return open(mail, CodeMail.class).code();
    }

    private SecondFactor factor(QueuedMail mail) throws GeneralSecurityException, IOException {
        SecondFactor factor = open(mail, SecondFactorMail.class).factor();
        if (factor == null) {
            throw new PermanentMailFailure("unreadable payload", null);
        }
        return factor;
    }

    private int remaining(QueuedMail mail) throws GeneralSecurityException, IOException {
        int remaining = open(mail, RecoveryCodeMail.class).remaining();
        if (remaining < 0) {
            throw new PermanentMailFailure("unreadable payload", null);
        }
        return remaining;
    }

    /**
     * The mail's payload, opened and read. One that opens but does not read (a factor this
     * version does not know, say) never will: it is dropped like a mail of an unknown kind. The
     * reason is fixed text, since the parser's message would quote the payload.
     */
    private <T> T open(QueuedMail mail, Class<T> type) throws GeneralSecurityException, IOException {
        if (mail.payload == null) {
            throw new PermanentMailFailure("no payload", null);
        }
        byte[] json = keys.open(mail.payload);
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new PermanentMailFailure("unreadable payload", e);
        }
    }

    /** The client that asked for a reset; a request queued without one (before clients were kept) counts as {@code unknown}. */
    private ClientAddress requester(QueuedMail mail) throws GeneralSecurityException, IOException {
        if (mail.payload == null) {
            return ClientAddress.UNKNOWN;
        }
        return ClientAddress.of(open(mail, ResetRequestMail.class).client());
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, attempts - 1);
        Duration delay = config.retryBase().multipliedBy(factor);
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }
}
