package ai.rememberizer.auth.password;

import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The time a failed password check still owes to reach the floor ({@link FailedCheckFloor}),
 * paid as a wait, never as hashing. Whoever runs a request can take the debt over and hold the
 * answer back without a thread ({@link #collect}: {@code CredentialRequests} answers after a
 * timer); where nobody has, the thread that checked waits it out itself, as a bounded sleep.
 */
public final class FailedCheckWait {

    private static final ThreadLocal<long[]> OWED = new ThreadLocal<>();

    private FailedCheckWait() {
    }

    /** What {@link #collect} ran: the work's result or failure, and how long its answer is to be held back. */
    public record Collected<T>(T result, RuntimeException failure, long owedNanos) {
    }

    /**
     * Runs {@code work} on this thread, taking over the waits that its failed password checks
     * owe instead of sleeping them: the caller holds the answer back by {@link
     * Collected#owedNanos()} after the work ends.
     */
    public static <T> Collected<T> collect(Supplier<T> work) {
        long[] owed = new long[1];
        long[] outer = OWED.get();
        OWED.set(owed);
        try {
            return new Collected<>(work.get(), null, owed[0]);
        } catch (RuntimeException failure) {
            return new Collected<>(null, failure, owed[0]);
        } finally {
            if (outer == null) {
                OWED.remove();
            } else {
                OWED.set(outer);
            }
        }
    }

    /** Waits out {@code nanos} on this thread, not cut short by an interrupt (which is kept). */
    public static void sleep(long nanos) {
        long end = System.nanoTime() + nanos;
        boolean interrupted = false;
        for (long left = nanos; left > 0; left = end - System.nanoTime()) {
            LockSupport.parkNanos(left);
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A failed check owes {@code nanos} more: to the collector of this thread's work, or slept here. */
    static void owe(long nanos) {
        if (nanos <= 0) {
            return;
        }
        long[] owed = OWED.get();
        if (owed != null) {
            owed[0] += nanos;
        } else {
            sleep(nanos);
        }
    }
}
