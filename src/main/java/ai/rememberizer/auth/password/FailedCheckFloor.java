package ai.rememberizer.auth.password;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import ai.rememberizer.auth.crypto.HashingPool;
import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * What a failed password check costs at least: what a failed check against the dearest kind
 * of hash still stored costs. Without it a wrong password would be answered sooner or later
 * depending on the account's hash (a user imported with Django's bcrypt at cost 12 takes
 * several times longer than ours, one with PBKDF2 at 10,000 iterations far less), which
 * tells someone who has no password that the account exists, and how it came.
 *
 * <p>The difference is made up as a wait ({@link FailedCheckWait}), not as work: hashing is
 * counted in time run on the pool ({@link HashingPool#nanosRun}), waits in its queue left out,
 * and what a failed check lacks of the floor is owed as time, paid after the check by holding
 * its answer back on a timer, with no thread held (or, where no one collects it, by the
 * checking thread's sleep). So a failed check of another login, an unknown one included,
 * costs the pool one of our own checks (or two, see {@link Passwords}) whatever is stored, and
 * one dear imported hash no longer makes every wrong password dear: the contract's "a wait
 * pads it, not more hashing". Answers still come alike: queue wait, then the floor, whether
 * the time was hashing or waiting. A failed check of the dear account itself costs what it
 * costs, bounded by its own per-account limit.
 *
 * <p>At start and every {@code auth.password.cost-refresh}, the distinct kinds (cost
 * signatures) of the stored hashes are read, with one hash of each ({@link
 * User#onePasswordHashPerCost}, one index probe per kind whatever the number of users).
 * Each kind's cost is measured here, in time run on the pool, the least of three checks of a
 * wrong password against that hash (a cold JIT only ever adds), and measured again once ten
 * minutes old, or at every round in the first two minutes after start while the JIT
 * compiles. A kind met at sign-in that is not measured yet starts a round at once; the first
 * failed check after start, if no round has ended yet, runs one itself. This is a cache, not
 * state: every instance derives the same floor from the same table, and kinds go away as
 * imported users sign in and get our hash.
 *
 * <p>The price: while dear imported hashes remain, every failed check answers as late as the
 * dearest would, a wait that costs the service a timer and an open connection, not CPU.
 */
@ApplicationScoped
class FailedCheckFloor {

    private static final Logger LOG = Logger.getLogger(FailedCheckFloor.class);
    /** A password no stored hash was made from (it is longer than any accepted password). */
    private static final String PROBE = "a wrong password, to time a check ".repeat(4);
    private static final Duration MEASURED_FOR = Duration.ofMinutes(10);
    /** Measurements this soon after start (a JIT still compiling) are taken again at the next round. */
    private static final Duration WARMING_UP = Duration.ofMinutes(2);

    private final StoredHashes hashes;
    private final HashingPool pool;
    private final Map<String, Measured> measured = new ConcurrentHashMap<>();
    private final AtomicBoolean roundAsked = new AtomicBoolean();
    private final Instant started = Instant.now();
    private volatile boolean measuredOnce;
    private volatile long floorNanos;

    private record Measured(long nanos, Instant at) {
    }

    FailedCheckFloor(StoredHashes hashes, HashingPool pool) {
        this.hashes = hashes;
        this.pool = pool;
    }

    /** Reads the kinds of the stored hashes, measures those not measured lately, and sets the floor. */
    @Scheduled(identity = "password-cost-floor", every = "${auth.password.cost-refresh}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    synchronized void refresh() {
        try {
            Map<String, String> samples = QuarkusTransaction.requiringNew().call(User::onePasswordHashPerCost);
            Instant now = Instant.now();
            long floor = cost(StoredHashes.DUMMY, () -> hashes.dummy(PROBE), now);
            for (Map.Entry<String, String> sample : samples.entrySet()) {
                floor = Math.max(floor, cost(sample.getKey(), () -> hashes.matches(PROBE, sample.getValue()), now));
            }
            measured.keySet().removeIf(kind -> !kind.equals(StoredHashes.DUMMY) && !samples.containsKey(kind));
            if (floor != floorNanos) {
                LOG.infof("A failed password check now costs at least %d ms (%d kinds of stored hash)",
                        TimeUnit.NANOSECONDS.toMillis(floor), samples.size());
            }
            floorNanos = floor;
        } catch (RuntimeException e) {
            // The last floor stays; the next round tries again.
            LOG.warnf("The kinds of stored password hash could not be read: %s", e.getClass().getSimpleName());
        } finally {
            measuredOnce = true;
            roundAsked.set(false);
        }
    }

    private long cost(String kind, Runnable check, Instant now) {
        Measured cost = measured.get(kind);
        if (cost == null || cost.at().isBefore(now.minus(MEASURED_FOR)) || cost.at().isBefore(started.plus(WARMING_UP))) {
            long[] took = new long[3];
            for (int i = 0; i < took.length; i++) {
                long before = pool.nanosRun();
                check.run();
                took[i] = pool.nanosRun() - before;
            }
            cost = new Measured(Arrays.stream(took).min().orElseThrow(), now);
            measured.put(kind, cost);
        }
        return cost.nanos();
    }

    /** The pool time this thread has spent so far: read it before a check, give it to {@link #makeUp}. */
    long poolTime() {
        return pool.nanosRun();
    }

    /**
     * For a failed check that began when this thread's pool time was {@code poolTimeBefore}
     * and checked these kinds of hash: owes, as a wait ({@link FailedCheckWait#owe}), what is
     * left to reach the floor, once per check a failure may need.
     */
    void makeUp(long poolTimeBefore, List<String> kindsChecked, int checks) {
        if (!measuredOnce) {
            refresh();
        }
        if (!measured.keySet().containsAll(kindsChecked)) {
            askForRound();
        }
        FailedCheckWait.owe(floorNanos * checks - (pool.nanosRun() - poolTimeBefore));
    }

    /** What a failed check costs at least now, in nanoseconds. */
    long floorNanos() {
        return floorNanos;
    }

    private void askForRound() {
        if (roundAsked.compareAndSet(false, true)) {
            CompletableFuture.runAsync(this::refresh);
        }
    }
}
