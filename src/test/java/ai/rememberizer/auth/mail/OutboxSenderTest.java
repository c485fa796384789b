package ai.rememberizer.auth.mail;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.MailServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutboxSenderTest {

    @Inject
    OutboxSender outbox;

    @Inject
    Outbox queue;

    private static QueuedMail byId(java.util.UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> QueuedMail.<QueuedMail> findById(id));
    }

    private java.util.UUID enqueue(String to, java.time.Instant codeExpiresAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            queue.enqueueVerificationCode(to, "123456", codeExpiresAt);
            return QueuedMail.<QueuedMail> find("recipient = ?1 order by createdAt desc", to).firstResult().id;
        });
    }

    private static long pendingFor(String email) {
        return QuarkusTransaction.requiringNew().call(() -> QueuedMail.count("recipient = ?1 and sentAt is null", email));
    }

    private static QueuedMail queuedFor(String email) {
        return QuarkusTransaction.requiringNew().call(() -> QueuedMail.<QueuedMail> find("recipient", email).firstResult());
    }

    @Test
    void aMailServerOutageDelaysTheCodeButNeverLosesIt() throws Exception {
        String email = uniqueEmail();
        MailServer.stopServer();
        try {
            signUp(email, PASSWORD).then().statusCode(201);
            // The sender tries, fails and schedules a retry; the mail stays in the outbox.
            QueuedMail row = await().atMost(Duration.ofSeconds(10))
                    .until(() -> queuedFor(email), mail -> mail != null && mail.attempts > 0);
            assertThat(row.attempts).isPositive();
            assertThat(row.sentAt).isNull();
            assertThat(row.lastError).isNotBlank();
        } finally {
            MailServer.startServer();
        }
        assertThat(MailServer.awaitCode(email, 1)).matches("[0-9]{6}");
        assertThat(pendingFor(email)).isZero();
        assertThat(queuedFor(email).payload).as("erased once sent").isNull();
    }

    @Test
    void concurrentSendersSendEachMailOnce() throws Exception {
        List<String> emails = new ArrayList<>();
        MailServer.stopServer();
        try {
            for (int i = 0; i < 12; i++) {
                String email = uniqueEmail();
                emails.add(email);
                signUp(email, PASSWORD).then().statusCode(201);
            }
        } finally {
            MailServer.startServer();
        }
        // The scheduled sender keeps running too: five senders race for the same rows.
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> rounds = new ArrayList<>();
            for (int round = 0; round < 20; round++) {
                Callable<Integer> send = () -> outbox.sendDueBatch();
                rounds.add(pool.submit(send));
            }
            for (Future<Integer> r : rounds) {
                r.get();
            }
        } finally {
            pool.shutdownNow();
        }
        for (String email : emails) {
            MailServer.awaitMail(email, 1, Duration.ofSeconds(20));
        }
        // And no second copy arrives later.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> emails.stream().allMatch(email -> MailServer.mailsTo(email).size() == 1));
    }

    @Test
    void theBackoffDoublesUpToItsCap() {
        // Test profile: base 0.2 s, cap 1 s.
        assertThat(outbox.backoff(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(outbox.backoff(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(outbox.backoff(3)).isEqualTo(Duration.ofMillis(800));
        assertThat(outbox.backoff(4)).isEqualTo(Duration.ofSeconds(1));
        assertThat(outbox.backoff(60)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aMailThatCanNeverGoOutIsDroppedAtOnceNotRetried() {
        // Sign-up refuses such an address now; one queued before must not sit in the outbox for ever.
        java.util.UUID id = enqueue("\"a b\"@example.com", java.time.Instant.now().plusSeconds(600));
        QueuedMail dropped = await().atMost(Duration.ofSeconds(15)).until(() -> byId(id), mail -> mail.droppedAt != null);
        assertThat(dropped.dropReason).isEqualTo("refused");
        assertThat(dropped.attempts).isEqualTo(1);
        assertThat(dropped.payload).isNull();
        assertThat(dropped.sentAt).isNull();
    }

    @Test
    void aCodeMailThatCannotGoBeforeItsCodeExpiresIsDropped() {
        String email = uniqueEmail();
        MailServer.stopServer();
        java.util.UUID id;
        try {
            id = enqueue(email, java.time.Instant.now().plusSeconds(2));
            QueuedMail dropped = await().atMost(Duration.ofSeconds(15)).until(() -> byId(id), mail -> mail.droppedAt != null);
            assertThat(dropped.dropReason).isEqualTo("expired");
            assertThat(dropped.payload).isNull();
        } finally {
            MailServer.startServer();
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> MailServer.mailsTo(email).isEmpty());
    }

    @Test
    void freshMailIsTakenBeforeRetriesOfMailThatKeepsFailing() {
        String fresh = uniqueEmail();
        String picked = QuarkusTransaction.requiringNew().call(() -> {
            var em = QueuedMail.getEntityManager();
            for (int i = 0; i < 30; i++) {
                em.createNativeQuery("""
                        INSERT INTO mail_outbox (id, kind, recipient, payload, created_at, next_attempt_at, attempts)
                        VALUES (gen_random_uuid(), 'verification_code', 'poison@example.com', '\\x00', now() - interval '1 hour',
                                now() - interval '10 minutes', 3)""").executeUpdate();
            }
            // Fresh mail, due later than every retry: taken first all the same.
            em.createNativeQuery("""
                    INSERT INTO mail_outbox (id, kind, recipient, payload, created_at, next_attempt_at, attempts, expires_at)
                    VALUES (gen_random_uuid(), 'verification_code', :to, '\\x00', now() - interval '1 minute',
                            now() - interval '1 minute', 0, now() + interval '10 minutes')""").setParameter("to", fresh).executeUpdate();
            String first = QueuedMail.lockDue(1).get(0).recipient;
            em.createNativeQuery("DELETE FROM mail_outbox WHERE recipient IN ('poison@example.com', :to)").setParameter("to", fresh)
                    .executeUpdate();
            return first;
        });
        assertThat(picked).isEqualTo(fresh);
    }

    @Test
    void smtpRefusalsForGoodArePermanentOthersAreRetried() {
        var permanent = new java.util.concurrent.CompletionException(
                new io.vertx.ext.mail.SMTPException("550 no such user", 550, List.of("no such user"), false));
        var transientFailure = new java.util.concurrent.CompletionException(
                new io.vertx.ext.mail.SMTPException("421 try later", 421, List.of("try later"), false));
        assertThat(QuarkusAccountMailer.classify(permanent)).isInstanceOf(PermanentMailFailure.class);
        assertThat(QuarkusAccountMailer.classify(transientFailure)).isNotInstanceOf(PermanentMailFailure.class);
        assertThat(QuarkusAccountMailer.classify(new IllegalStateException("connection reset")))
                .isNotInstanceOf(PermanentMailFailure.class);
    }
}
