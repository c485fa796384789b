package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
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
        assertThat(pool.ran.get()).isEqualTo(16); // the dummy value costs no hash to make
    }

    @Test
    void warmUpRunsOneHashOnThePoolWithoutWaiting() throws Exception {
        CountingPool pool = new CountingPool(1);
        Argon2idPasswordHasher warmed = new Argon2idPasswordHasher(4096, 1, 1, pool);
        assertThat(pool.ran.get()).isZero();
        warmed.warmUp();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.ran.get()).isEqualTo(1);
    }

    @Test
    void anUnknownLoginCostsOneDerivation() throws Exception {
        CountingPool pool = new CountingPool(1);
        Argon2idPasswordHasher counted = new Argon2idPasswordHasher(4096, 1, 1, pool);
        counted.verifyDummy("whatever");
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(pool.ran.get()).isEqualTo(1);
    }

    @Test
    void verifiesValuesThatBouncyCastleStored() {
        // The service stored its hashes with Bouncy Castle's generator until the engine came.
        byte[] salt = "sixteen byte slt".getBytes(StandardCharsets.US_ASCII);
        byte[] tag = new byte[32];
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(0x13).withMemoryAsKB(4096)
                .withIterations(3).withParallelism(2).withSalt(salt).build());
        generator.generateBytes("pässword".getBytes(StandardCharsets.UTF_8), tag);
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        String stored = "$argon2id$v=19$m=4096,t=3,p=2$" + b64.encodeToString(salt) + "$" + b64.encodeToString(tag);
        assertThat(hasher.verify("pässword", stored)).isTrue();
        assertThat(hasher.verify("password", stored)).isFalse();
    }

    @Test
    void refusesParametersOutsideRfc9106() {
        // m < 8p: Bouncy Castle rounded such an m up; the reference implementation and the engine refuse it.
        assertThat(hasher.verify("x", "$argon2id$v=19$m=16,t=1,p=4$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc"))
                .isFalse();
        assertThat(hasher.verify("x", "$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHQ$CTFh")).as("3-byte hash").isFalse();
    }

    @Test
    void aPoolThreadReusesItsMemoryFromHashToHash() throws Exception {
        ExecutorService single = Executors.newSingleThreadExecutor();
        try {
            Argon2idPasswordHasher reusing = new Argon2idPasswordHasher(4096, 1, 1, single);
            long poolThread = single.submit(() -> Thread.currentThread().getId()).get();
            var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            String stored = reusing.hash("pw");
            long before = threads.getThreadAllocatedBytes(poolThread);
            for (int i = 0; i < 5; i++) {
                assertThat(reusing.verify("pw", stored)).isTrue();
            }
            long perHash = (threads.getThreadAllocatedBytes(poolThread) - before) / 5;
            assertThat(perHash).as("bytes allocated per hash of 4 MiB").isLessThan(256 * 1024);
        } finally {
            single.shutdownNow();
        }
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
