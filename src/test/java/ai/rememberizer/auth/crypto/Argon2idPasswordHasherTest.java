package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class Argon2idPasswordHasherTest {

    private final Argon2idPasswordHasher hasher = new Argon2idPasswordHasher(19456, 2, 1, 2);

    @Test
    void storesAPhcStringWithTheCurrentParameters() {
        String stored = hasher.hash("correct horse battery");
        assertThat(stored).matches("\\$argon2id\\$v=19\\$m=19456,t=2,p=1\\$[A-Za-z0-9+/]{22}\\$[A-Za-z0-9+/]{43}");
        assertThat(hasher.hash("correct horse battery")).as("fresh salt each time").isNotEqualTo(stored);
    }

    @Test
    void verifiesTheRightPasswordOnly() {
        String stored = hasher.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", stored)).isTrue();
        assertThat(hasher.verify("correct horse batterY", stored)).isFalse();
        assertThat(hasher.verify("", stored)).isFalse();
    }

    @Test
    void matchesAKnownArgon2idVector() {
        // From the reference implementation: argon2 "password" -id -t 2 -m 16 -p 1 with salt "somesalt".
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertThat(hasher.verify("password", reference)).isTrue();
        assertThat(hasher.verify("passwore", reference)).isFalse();
    }

    @Test
    void readsOlderParametersFromTheStoredValueAndAsksForARehash() {
        Argon2idPasswordHasher old = new Argon2idPasswordHasher(8192, 1, 1, 1);
        String stored = old.hash("correct horse battery");
        assertThat(hasher.verify("correct horse battery", stored)).isTrue();
        assertThat(hasher.needsRehash(stored)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }

    @Test
    void refusesValuesThatAreNotOurs() {
        assertThat(hasher.verify("x", "plain text")).isFalse();
        assertThat(hasher.verify("x", "$argon2i$v=19$m=16,t=2,p=1$c29tZXNhbHQ$abc")).isFalse();
        assertThat(hasher.verify("x", null)).isFalse();
        assertThat(hasher.needsRehash("$2a$10$bcrypt")).isTrue();
    }

    @Test
    void neverRunsMoreHashesAtOnceThanItsThreads() throws Exception {
        CountingPool pool = new CountingPool(2);
        Argon2idPasswordHasher bounded = new Argon2idPasswordHasher(4096, 1, 1, pool);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> hashes = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                hashes.add(callers.submit(() -> bounded.hash("pw")));
            }
            for (Future<?> hash : hashes) {
                hash.get(60, TimeUnit.SECONDS);
            }
        } finally {
            callers.shutdownNow();
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(pool.peak.get()).isBetween(1, 2);
        assertThat(pool.inside.get()).isZero();
        assertThat(pool.ran.get()).isEqualTo(17); // 16 hashes and the dummy
    }

    /** Records how many hashes ran at once. */
    static final class CountingPool extends ThreadPoolExecutor {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger ran = new AtomicInteger();

        CountingPool(int threads) {
            super(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            peak.accumulateAndGet(inside.incrementAndGet(), Math::max);
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            inside.decrementAndGet();
            ran.incrementAndGet();
        }
    }
}
