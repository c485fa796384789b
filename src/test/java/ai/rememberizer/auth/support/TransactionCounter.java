package ai.rememberizer.auth.support;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.TransactionScoped;

/**
 * Counts the transactions the request threads begin while a test asks it to (Narayana starts
 * the transaction-scoped context, and says so, at every begin): how many transactions one
 * request costs, counted from the outside.
 */
@ApplicationScoped
public class TransactionCounter {

    private static final AtomicInteger BEGUN = new AtomicInteger();
    private static volatile boolean recording;

    void begun(@Observes @Initialized(TransactionScoped.class) Object transaction) {
        // The credential threads run the sign-in; the outbox and housekeeping run on others.
        if (recording && Thread.currentThread().getName().startsWith("credentials-")) {
            BEGUN.incrementAndGet();
        }
    }

    public static void start() {
        BEGUN.set(0);
        recording = true;
    }

    public static int stop() {
        recording = false;
        return BEGUN.get();
    }
}
