package ai.rememberizer.auth.crypto;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The raw Argon2id limit for the sign-in benchmark: how many verifications per second the
 * hasher does with the configured parameters, with one thread per core (the service's own
 * bound), on the same machine and in the same run as the HTTP load. Not a test: run by
 * {@code bench/run.sh}.
 *
 * <pre>java -cp target/test-classes:target/classes:bcprov.jar ai.rememberizer.auth.crypto.HashRateHarness [seconds]</pre>
 */
public final class HashRateHarness {

    private HashRateHarness() {
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 10);
        int cores = Runtime.getRuntime().availableProcessors();
        // Callers: one per core by default; more (as the service's worker threads) queue on the hasher's permits.
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : cores;
        Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(19456, 2, 1, cores);
        String stored = hasher.hash("correct horse battery");
        run(hasher, stored, threads, Duration.ofSeconds(5)); // warm-up: the JIT compiles the Blake2 rounds
        AtomicLong done = run(hasher, stored, threads, duration);
        System.out.printf("HASHRATE threads=%d hashes=%d per_second=%.1f%n", threads, done.get(),
                done.get() / (duration.toNanos() / 1e9));
    }

    private static AtomicLong run(Argon2idPasswordHasher hasher, String stored, int threads, Duration duration)
            throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long end = System.nanoTime() + duration.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                while (System.nanoTime() < end) {
                    hasher.verify("correct horse battery", stored);
                    if (System.nanoTime() <= end) {
                        done.incrementAndGet();
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        return done;
    }
}
