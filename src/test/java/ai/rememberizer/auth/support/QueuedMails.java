package ai.rememberizer.auth.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import ai.rememberizer.auth.mail.QueuedMail;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** The outbox as tests wait on it. */
public final class QueuedMails {

    private QueuedMails() {
    }

    /** Waits until the outbox has handled the reset requests queued for these addresses. */
    public static void awaitResetRequestsHandled(String... addresses) {
        await().atMost(Duration.ofSeconds(15)).until(() -> QuarkusTransaction.requiringNew().call(() -> {
            long pending = 0;
            for (String address : addresses) {
                pending += QueuedMail.count("kind = ?1 and lower(recipient) = lower(?2) and sentAt is null and droppedAt is null",
                        QueuedMail.RESET_REQUEST, address);
            }
            return pending == 0;
        }));
    }
}
