package ai.rememberizer.auth.flow;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.rememberizer.auth.user.User;
import io.quarkus.scheduler.Scheduled;

/**
 * How long a failed password check lasts at least: as long as checking a wrong password
 * against the dearest hash still stored. Without it a wrong password would be answered
 * sooner or later depending on the account's hash (a user imported with Django's bcrypt at
 * cost 12 takes several times longer than ours, one with PBKDF2 at 10,000 iterations far
 * less), which tells someone who has no password that the account exists, and how it came.
 *
 * <p>At start and every {@code auth.password.cost-refresh}, the distinct cost signatures of
 * the stored hashes are read, with one hash of each ({@link User#onePasswordHashPerCost}, one
 * index probe per signature whatever the number of users). Each signature's cost is measured
 * here, the median of three checks of a wrong password against that hash (one slow check, a
 * cold JIT or a queue, does not count), and measured again once ten minutes old. The floor is the
 * dearest. Until the first round is done a failed check waits for it. This is a cache, not
 * state: every instance derives the same floor from the same table, and the signatures go
 * away as imported users sign in and their hashes become ours.
 */
@ApplicationScoped
class FailedCheckFloor {

    private static final Logger LOG = Logger.getLogger(FailedCheckFloor.class);
    /** A password no stored hash was made from (it is longer than any accepted password). */
    private static final String PROBE = "a wrong password, to time a check ".repeat(4);
    private static final Duration MEASURED_FOR = Duration.ofMinutes(10);
    private static final Duration FIRST_ROUND_WAIT = Duration.ofSeconds(30);

    private final StoredHashes hashes;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> firstRound = new CompletableFuture<>();
    private volatile long floorNanos;

    private record Measured(long nanos, Instant at) {
    }

    FailedCheckFloor(StoredHashes hashes) {
        this.hashes = hashes;
    }

    /** Reads the signatures of the stored hashes, measures those not measured lately, and sets the floor. */
    @Scheduled(identity = "password-cost-floor", every = "${auth.password.cost-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            measure(Transactions.call(User::onePasswordHashPerCost));
        } catch (RuntimeException e) {
            // The last floor stays; a failed check never waits on a round that cannot end.
            LOG.warnf("The kinds of stored password hash could not be read: %s", e.getClass().getSimpleName());
        } finally {
            firstRound.complete(null);
        }
    }

    private void measure(Map<String, String> samples) {
        Instant now = Instant.now();
        long floor = 0;
        for (Map.Entry<String, String> sample : samples.entrySet()) {
            Measured cost = measured.get(sample.getKey());
            if (cost == null || cost.at().isBefore(now.minus(MEASURED_FOR))) {
                cost = new Measured(measure(sample.getValue()), now);
                measured.put(sample.getKey(), cost);
            }
            floor = Math.max(floor, cost.nanos());
        }
        measured.keySet().retainAll(samples.keySet());
        if (floor != floorNanos) {
            LOG.infof("A failed password check now lasts at least %d ms (%d kinds of stored hash)",
                    TimeUnit.NANOSECONDS.toMillis(floor), samples.size());
        }
        floorNanos = floor;
    }

    private long measure(String stored) {
        long[] took = new long[3];
        for (int i = 0; i < took.length; i++) {
            long start = System.nanoTime();
            hashes.matches(PROBE, stored);
            took[i] = System.nanoTime() - start;
        }
        Arrays.sort(took);
        return took[1];
    }

    /**
     * Waits out what is left of the floor, times the number of checks made, for a failed
     * check that began at {@code startNanos} ({@link System#nanoTime}).
     */
    void waitOut(long startNanos, int checks) {
        long left = startNanos + floor() * checks - System.nanoTime();
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long floor() {
        try {
            firstRound.get(FIRST_ROUND_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("The floor of failed password checks is not known yet; this one is not held back");
        }
        return floorNanos;
    }
}
