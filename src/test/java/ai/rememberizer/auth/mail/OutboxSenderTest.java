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
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.crypto.DataKeys;
import ai.rememberizer.auth.support.MailServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OutboxSenderTest {

    @Inject
    OutboxSender outbox;

    @Inject
    Outbox queue;

    @Inject
    DataKeys keys;

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

    @Test
    void theSecondFactorNoticesArriveAsTextAndHtml() throws Exception {
        String added = uniqueEmail();
        String removed = uniqueEmail();
        String used = uniqueEmail();
        String lastOne = uniqueEmail();
        QuarkusTransaction.requiringNew().run(() -> {
            queue.enqueueSecondFactorAdded(added, SecondFactor.AUTHENTICATOR_APP);
            queue.enqueueSecondFactorRemoved(removed, SecondFactor.PASSKEY);
            queue.enqueueRecoveryCodeUsed(used, 7);
            queue.enqueueRecoveryCodeUsed(lastOne, 1);
        });
        // Sealed like every payload: the row does not say which factor.
        assertThat(new String(queuedFor(added).payload, java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain("AUTHENTICATOR_APP");

        List<String> addedParts = parts(MailServer.awaitMail(added, 1, Duration.ofSeconds(15)),
                QuarkusAccountMailer.SECOND_FACTOR_ADDED_SUBJECT);
        assertThat(addedParts).allSatisfy(part -> assertThat(part).contains("an authenticator app")
                .contains("every other session was signed out").contains("reset your password").contains("review your sessions"));

        List<String> removedParts = parts(MailServer.awaitMail(removed, 1, Duration.ofSeconds(15)),
                QuarkusAccountMailer.SECOND_FACTOR_REMOVED_SUBJECT);
        assertThat(removedParts).allSatisfy(part -> assertThat(part).contains("a passkey").contains("removed")
                .contains("every other session was signed out").contains("reset your password").contains("review your sessions"));

        List<String> usedParts = parts(MailServer.awaitMail(used, 1, Duration.ofSeconds(15)),
                QuarkusAccountMailer.RECOVERY_CODE_USED_SUBJECT);
        assertThat(usedParts).allSatisfy(part -> assertThat(part).containsPattern("\\b7\\b").contains("recovery codes left")
                .contains("When few are left, make new ones").contains("reset your password"));

        List<String> lastParts = parts(MailServer.awaitMail(lastOne, 1, Duration.ofSeconds(15)),
                QuarkusAccountMailer.RECOVERY_CODE_USED_SUBJECT);
        assertThat(lastParts).allSatisfy(part -> assertThat(part).containsPattern("\\b1\\b").contains("recovery code left")
                .contains("Make new ones now"));

        for (String email : List.of(added, removed, used, lastOne)) {
            assertThat(pendingFor(email)).isZero();
            assertThat(queuedFor(email).payload).as("erased once sent").isNull();
        }
    }

    @Test
    void aNoticeWhosePayloadDoesNotReadIsDroppedAtOnceAndNotQuoted() {
        String email = uniqueEmail();
        // A factor this version does not know (a newer instance queued it, say).
        java.util.UUID unknownFactor = insert(QueuedMail.SECOND_FACTOR_ADDED, email, "{\"factor\":\"CARRIER_PIGEON\"}");
        java.util.UUID noFactor = insert(QueuedMail.SECOND_FACTOR_REMOVED, email, "{}");
        java.util.UUID notJson = insert(QueuedMail.RECOVERY_CODE_USED, email, "CARRIER_PIGEON");
        java.util.UUID unknownKind = insert("carrier_pigeon", email, "{}");
        for (java.util.UUID id : List.of(unknownFactor, noFactor, notJson, unknownKind)) {
            QueuedMail dropped = await().atMost(Duration.ofSeconds(15)).until(() -> byId(id), mail -> mail.droppedAt != null);
            assertThat(dropped.dropReason).isEqualTo("refused");
            assertThat(dropped.attempts).isEqualTo(1);
            assertThat(dropped.payload).isNull();
            assertThat(dropped.lastError).doesNotContain("CARRIER_PIGEON");
        }
        assertThat(MailServer.mailsTo(email)).isEmpty();
    }

    /** A row as another version might have queued it, its payload sealed as {@link Outbox} seals one. */
    private java.util.UUID insert(String kind, String to, String json) {
        return QuarkusTransaction.requiringNew().call(() -> {
            QueuedMail mail = new QueuedMail();
            mail.id = java.util.UUID.randomUUID();
            mail.kind = kind;
            mail.recipient = to;
            mail.payload = keys.seal(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            mail.createdAt = java.time.Instant.now();
            mail.nextAttemptAt = mail.createdAt;
            mail.persist();
            return mail.id;
        });
    }

    /**
     * The text and the HTML part of a notice, after checking its subject and that it carries
     * nothing that looks like a secret: no code, no TOTP secret, no otpauth URI.
     */
    private static List<String> parts(MimeMessage mail, String subject) throws Exception {
        assertThat(mail.getSubject()).isEqualTo(subject);
        List<String> text = new ArrayList<>();
        List<String> html = new ArrayList<>();
        collect(mail, text, html);
        assertThat(text).as("text part").hasSize(1);
        assertThat(html).as("HTML part").hasSize(1);
        assertThat(html.get(0)).contains("<html");
        List<String> both = List.of(text.get(0), html.get(0));
        assertThat(both).allSatisfy(part -> assertThat(part).doesNotContainPattern("\\d{6}")
                .doesNotContainPattern("[A-Z2-7]{16}").doesNotContain("otpauth").doesNotContainIgnoringCase("secret"));
        return both;
    }

    private static void collect(Part part, List<String> text, List<String> html) throws Exception {
        if (part.isMimeType("multipart/*")) {
            MimeMultipart multipart = (MimeMultipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                collect(multipart.getBodyPart(i), text, html);
            }
        } else if (part.isMimeType("text/plain")) {
            text.add((String) part.getContent());
        } else if (part.isMimeType("text/html")) {
            html.add((String) part.getContent());
        }
    }
}
