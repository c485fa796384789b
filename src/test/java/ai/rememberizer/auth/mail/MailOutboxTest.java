package ai.rememberizer.auth.mail;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

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
class MailOutboxTest {

    @Inject
    MailOutbox outbox;

    private static long pendingFor(String email) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMail.count("recipient = ?1 and sentAt is null", email));
    }

    @Test
    void aMailServerOutageDelaysTheCodeButNeverLosesIt() throws Exception {
        String email = uniqueEmail();
        MailServer.stopServer();
        try {
            signUp(email, PASSWORD).then().statusCode(201);
            // The sender tries, fails and schedules a retry; the mail stays in the outbox.
            long deadline = System.currentTimeMillis() + 10_000;
            OutboxMail row = null;
            while (System.currentTimeMillis() < deadline) {
                row = QuarkusTransaction.requiringNew().call(() -> OutboxMail.<OutboxMail> find("recipient", email).firstResult());
                if (row != null && row.attempts > 0) {
                    break;
                }
                Thread.sleep(100);
            }
            assertThat(row).isNotNull();
            assertThat(row.attempts).isPositive();
            assertThat(row.sentAt).isNull();
            assertThat(row.lastError).isNotBlank();
        } finally {
            MailServer.startServer();
        }
        assertThat(MailServer.awaitCode(email, 1)).matches("[0-9]{6}");
        assertThat(pendingFor(email)).isZero();
        OutboxMail sent = QuarkusTransaction.requiringNew().call(() -> OutboxMail.<OutboxMail> find("recipient", email).firstResult());
        assertThat(sent.payload).as("erased once sent").isNull();
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
        Thread.sleep(1500);
        for (String email : emails) {
            assertThat(MailServer.mailsTo(email)).as(email).hasSize(1);
        }
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
