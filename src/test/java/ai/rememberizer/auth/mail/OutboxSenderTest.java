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
}
