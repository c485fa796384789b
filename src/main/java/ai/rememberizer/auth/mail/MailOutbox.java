package ai.rememberizer.auth.mail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.crypto.DataKeys;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.scheduler.Scheduled;

/**
 * The transactional outbox: a mail is written with the change that promises it, and sent
 * by a scheduled round on any instance, with retries and exponential backoff. A mail server
 * that is down delays a mail; it never loses it, and it never fails a request.
 */
@ApplicationScoped
public class MailOutbox {

    private static final Logger LOG = Logger.getLogger(MailOutbox.class);

    private final DataKeys keys;
    private final ObjectMapper mapper;
    private final VerificationMailer mailer;
    private final AuthConfig.Outbox config;
    private volatile boolean stopping;

    MailOutbox(DataKeys keys, ObjectMapper mapper, VerificationMailer mailer, AuthConfig config) {
        this.keys = keys;
        this.mapper = mapper;
        this.mailer = mailer;
        this.config = config.outbox();
    }

    @RegisterForReflection
    record CodeMail(String name, String code) {
        @Override
        public String toString() {
            return "CodeMail[***]";
        }
    }

    /** Queues the verification code mail in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueVerificationCode(String to, String name, String code) {
        OutboxMail mail = new OutboxMail();
        mail.id = UUID.randomUUID();
        mail.kind = OutboxMail.VERIFICATION_CODE;
        mail.recipient = to;
        try {
            mail.payload = keys.seal(mapper.writeValueAsBytes(new CodeMail(name, code)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mail.createdAt = Instant.now();
        mail.nextAttemptAt = mail.createdAt;
        mail.persist();
    }

    @Scheduled(identity = "mail-outbox", every = "${auth.outbox.interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sendDue() {
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
            Boolean outcome = QuarkusTransaction.requiringNew().call(this::sendOne);
            if (outcome == null) {
                break;
            }
            if (outcome) {
                sent++;
            }
        }
        return sent;
    }

    /** Sends the next due mail: {@code null} when none is due, else whether it went out. */
    private Boolean sendOne() {
        List<OutboxMail> due = OutboxMail.lockDue(1);
        if (due.isEmpty()) {
            return null;
        }
        OutboxMail mail = due.get(0);
        try {
            deliver(mail);
            mail.sentAt = Instant.now();
            mail.payload = null;
            mail.lastError = null;
            return true;
        } catch (RuntimeException | GeneralSecurityException | IOException e) {
            mail.attempts++;
            mail.lastError = e.getClass().getSimpleName();
            mail.nextAttemptAt = Instant.now().plus(backoff(mail.attempts));
            LOG.warnf("Mail %s (%s) not sent, attempt %d, next at %s: %s", mail.id, mail.kind, mail.attempts,
                    mail.nextAttemptAt, e.getClass().getSimpleName());
            return false;
        }
    }

    private void deliver(OutboxMail mail) throws GeneralSecurityException, IOException {
        if (!OutboxMail.VERIFICATION_CODE.equals(mail.kind) || mail.payload == null) {
            throw new IllegalStateException("Unknown outbox mail kind " + mail.kind);
        }
        CodeMail content = mapper.readValue(keys.open(mail.payload), CodeMail.class);
        mailer.sendVerificationCode(mail.recipient, content.name(), content.code());
    }

    Duration backoff(int attempts) {
        long factor = 1L << Math.min(20, attempts - 1);
        Duration delay = config.retryBase().multipliedBy(factor);
        return delay.compareTo(config.retryMax()) > 0 ? config.retryMax() : delay;
    }
}
