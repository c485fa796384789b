package ai.rememberizer.auth.crypto;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fixed pool of threads that every password hash runs on, ours (Argon2id) and imported
 * ones alike: a flood of sign-ins queues here instead of allocating a hash's memory per
 * request, and no more hashes run at once than the pool has threads.
 */
public final class HashingPool {

    private final ExecutorService executor;
    /** Per calling thread: how long its work has run on the pool, waits in the queue not counted. */
    private final ThreadLocal<long[]> ranFor = ThreadLocal.withInitial(() -> new long[1]);

    /** A pool of {@code threads} daemon threads (at least one). */
    public HashingPool(int threads) {
        this(newExecutor(Math.max(1, threads)));
    }

    HashingPool(ExecutorService executor) {
        this.executor = executor;
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

    /**
     * Holds one pool thread busy for {@code nanos}, as a hash that long would: the work a
     * failed password check must still do to cost what the dearest one costs, in time and in
     * the pool's capacity alike, so that a burst of them queues the same whatever they checked.
     */
    public void occupy(long nanos) {
        if (nanos <= 0) {
            return;
        }
        run(() -> {
            long end = System.nanoTime() + nanos;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return null;
        });
    }

    /**
     * Runs {@code work} on the pool and waits for it. The wait is not cut short by an
     * interrupt (the interrupt is kept for the caller): a hash that was started is finished,
     * so the caller never sees a partial answer.
     */
    <T> T run(Callable<T> work) {
        long[] caller = ranFor.get();
        Future<T> result = executor.submit(() -> {
            long start = System.nanoTime();
            try {
                return work.call();
            } finally {
                // Read by the caller after the future completes, which orders it before the read.
                caller[0] += System.nanoTime() - start;
            }
        });
        boolean interrupted = false;
        try {
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
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
