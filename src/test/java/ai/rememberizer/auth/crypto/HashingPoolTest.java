package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/**
 * The pool is bounded by memory as well as by cores: a big node (Knative sets no CPU limit)
 * gets no more threads than the heap holds engines for beside one imported hash of the largest
 * accepted memory, and hashes that allocate their own memory wait for the budget instead of
 * running together past it.
 */
class HashingPoolTest {

    private static final long MIB = 1 << 20;
    private static final int OURS = 19_456;

    @Test
    void threadsAreAsManyAsCoresButNoMoreThanTheHeapHolds() {
        HashingPool.Sizing big = HashingPool.sized(288 * MIB, 96 * 1024, 64, 0, OURS, LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        assertThat(big.threads()).as("64 cores, a 288 MiB heap").isEqualTo(3);
        assertThat(big.budgetKib()).isGreaterThanOrEqualTo(LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        assertThat(big.warning()).isNull();
        assertThat(big.threads() * (long) OURS + big.budgetKib()).isLessThanOrEqualTo((288 - 96) * 1024);

        HashingPool.Sizing two = HashingPool.sized(288 * MIB, 96 * 1024, 2, 0, OURS, LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        assertThat(two.threads()).isEqualTo(2);
        assertThat(two.budgetKib()).isEqualTo((288 - 96) * 1024 - 2 * OURS);

        HashingPool.Sizing configured = HashingPool.sized(288 * MIB, 96 * 1024, 2, 6, OURS, LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        assertThat(configured.threads()).isEqualTo(6);
    }

    @Test
    void aHeapTooSmallForTheLargestAcceptedHashIsSaid() {
        // The image's old heap (160 MiB) on a 64-core node.
        HashingPool.Sizing old = HashingPool.sized(160 * MIB, 96 * 1024, 64, 0, OURS, LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        // The largest cannot fit even beside one thread: the threads are bounded by their own engines.
        assertThat(old.threads()).isEqualTo(3);
        assertThat(old.threads() * (long) OURS).isLessThanOrEqualTo((160 - 96) * 1024);
        assertThat(old.budgetKib()).isLessThan(LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        assertThat(old.warning()).contains("raise the heap");
        // The native image under 256 MiB: a 128 MiB heap, 48 MiB kept, keeps a thread per core.
        HashingPool.Sizing small = HashingPool.sized(128 * MIB, 48 * 1024, 2, 0, OURS, LegacyHashes.MAX_ARGON2_MEMORY_KIB);
        assertThat(small.threads()).isEqualTo(2);
        assertThat(small.warning()).contains("raise the heap");
    }

    @Test
    void hashesThatNeedMemoryBeyondTheirThreadWaitForTheBudget() throws Exception {
        HashingPool pool = new HashingPool(4, 100);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(callers.submit(() -> pool.run(60, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(30);
                    running.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            assertThat(most.get()).as("60 KiB each in a budget of 100").isEqualTo(1);

            most.set(0);
            calls.clear();
            for (int i = 0; i < 8; i++) {
                // More than the whole budget: all of it, alone among such hashes.
                long kib = i % 2 == 0 ? 0 : 1_000;
                calls.add(callers.submit(() -> pool.run(kib, () -> {
                    most.accumulateAndGet(running.incrementAndGet(), Math::max);
                    Thread.sleep(30);
                    running.decrementAndGet();
                    return null;
                })));
            }
            for (Future<?> call : calls) {
                call.get();
            }
            assertThat(most.get()).as("those that need nothing beside run beside them").isGreaterThan(1);
            assertThat(pool.totalNanosRun()).isGreaterThanOrEqualTo(16 * 30_000_000L);
        } finally {
            callers.shutdownNow();
        }
    }
}
