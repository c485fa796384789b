package ai.rememberizer.auth.crypto;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The fixed pool of threads that every password hash runs on, ours (Argon2id) and imported
 * ones alike: a flood of sign-ins queues here instead of allocating a hash's memory per
 * request, and no more hashes run at once than the pool has threads.
 *
 * <p>Memory bounds it as well as cores ({@link #sized}): each thread keeps the memory of one of
 * our hashes (its engine), and a hash that needs memory beyond that (an imported Argon2 hash,
 * which allocates its own {@code m}) first reserves it from a budget ({@link #run(long,
 * Callable)}), waiting, before it takes a thread, until enough is free. So the heap holds
 * threads times our {@code m} plus the budget, whatever the number of cores and whatever was
 * imported.
 */
public final class HashingPool {

    private final ExecutorService executor;
    private final int threads;
    /** KiB that hashes beyond their thread's own engine may hold at once; fair, so a large one is not starved. */
    private final Semaphore budget;
    private final long budgetKib;
    /** Per calling thread: how long its work has run on the pool, waits in the queue not counted. */
    private final ThreadLocal<long[]> ranFor = ThreadLocal.withInitial(() -> new long[1]);
    private final LongAdder totalRun = new LongAdder();
    private final LongAdder tasksRun = new LongAdder();

    /**
     * What the heap lets the pool run: {@code threads} at once, and {@code budgetKib} of memory
     * for hashes beyond the threads' own engines. {@code warning} is null, or says why the heap
     * is too small for the largest accepted hash.
     */
    public record Sizing(int threads, long budgetKib, String warning) {
    }

    /**
     * Sizes the pool for a heap of {@code maxHeapBytes} of which {@code reserveKib} is kept for
     * everything but hashing (the young generation included): each thread costs
     * {@code ourKib} (the engine it keeps), one imported hash of {@code largestKib} must fit
     * beside them (where it can fit beside one), and threads are at most {@code cores} (hashing is CPU-bound) unless
     * {@code configuredThreads} says otherwise. What is left after the threads is the budget.
     */
    public static Sizing sized(long maxHeapBytes, long reserveKib, int cores, int configuredThreads, int ourKib,
            int largestKib) {
        long hashingKib = Math.max(0, maxHeapBytes / 1024 - reserveKib);
        // Threads give way to the largest imported hash only where it can fit at all: a heap too
        // small for it even beside one thread keeps its threads (bounded by their own engines).
        boolean largestFits = hashingKib >= (long) ourKib + largestKib;
        long forThreads = largestFits ? hashingKib - largestKib : hashingKib;
        int byMemory = (int) Math.max(1, Math.min(Integer.MAX_VALUE, forThreads / Math.max(1, ourKib)));
        int threads = configuredThreads > 0 ? configuredThreads : Math.max(1, Math.min(cores, byMemory));
        long budget = Math.max(0, hashingKib - (long) threads * ourKib);
        String warning = null;
        if (budget < largestKib) {
            warning = String.format("The heap (%d MiB, %d MiB of it kept for the rest of the service) has room for %d"
                    + " hashing thread(s) and %d MiB beside them: an imported Argon2 hash of up to %d MiB, which import"
                    + " accepts, may not fit; raise the heap", maxHeapBytes >> 20, reserveKib >> 10, threads, budget >> 10,
                    largestKib >> 10);
        }
        return new Sizing(threads, budget, warning);
    }

    /** A pool of {@code threads} daemon threads (at least one) with no memory budget to keep to. */
    public HashingPool(int threads) {
        this(Math.max(1, threads), Integer.MAX_VALUE);
    }

    /** A pool of {@code threads} daemon threads (at least one), with {@code budgetKib} for hashes beyond their engines. */
    public HashingPool(int threads, long budgetKib) {
        this(newExecutor(Math.max(1, threads)), Math.max(1, threads), budgetKib);
    }

    HashingPool(ExecutorService executor) {
        this(executor, 1, Integer.MAX_VALUE);
    }

    private HashingPool(ExecutorService executor, int threads, long budgetKib) {
        this.executor = executor;
        this.threads = threads;
        this.budgetKib = Math.max(0, Math.min(Integer.MAX_VALUE, budgetKib));
        this.budget = new Semaphore((int) this.budgetKib, true);
    }

    /** A thread idle this long ends, and what it kept (an Argon2 engine's memory) goes with it. */
    static final int IDLE_SECONDS = 60;

    private static ExecutorService newExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "argon2-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** How many hashes run at once. */
    public int threads() {
        return threads;
    }

    /** KiB that hashes may hold beyond their threads' own engines, all together. */
    public long budgetKib() {
        return budgetKib;
    }

    /** Runs {@code work} on the pool in the background; a failure is dropped (warm-up work only). */
    void submit(Callable<?> work) {
        executor.submit(work);
    }

    /**
     * How long the calling thread's work has run on the pool so far, in nanoseconds, its waits
     * in the queue not counted: what a piece of work cost the pool, however busy the pool was.
     */
    public long nanosRun() {
        return ranFor.get()[0];
    }

    /** How long all work has run on the pool since it was made, in nanoseconds (every thread's time added up). */
    public long totalNanosRun() {
        return totalRun.sum();
    }

    /** How many hashes (and other pieces of work) have run on the pool since it was made. */
    public long tasksRun() {
        return tasksRun.sum();
    }

    /** Runs {@code work}, which needs no memory beyond its thread's engine, on the pool and waits for it. */
    <T> T run(Callable<T> work) {
        return run(0, work);
    }

    /**
     * Runs {@code work} on the pool and waits for it, after reserving {@code extraKib} of the
     * budget for as long as it runs (all of the budget when it asks for more: it then runs with
     * no other such hash beside it). The waits are not cut short by an interrupt (the interrupt
     * is kept for the caller): a hash that was started is finished, so the caller never sees a
     * partial answer.
     */
    <T> T run(long extraKib, Callable<T> work) {
        int reserved = (int) Math.max(0, Math.min(extraKib, budgetKib));
        if (reserved > 0) {
            budget.acquireUninterruptibly(reserved);
        }
        long[] caller = ranFor.get();
        boolean interrupted = false;
        try {
            Future<T> result = executor.submit(() -> {
                long start = System.nanoTime();
                try {
                    return work.call();
                } finally {
                    long took = System.nanoTime() - start;
                    // Read by the caller after the future completes, which orders it before the read.
                    caller[0] += took;
                    totalRun.add(took);
                    tasksRun.increment();
                }
            });
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Password hashing failed", e.getCause());
                }
            }
        } finally {
            if (reserved > 0) {
                budget.release(reserved);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
