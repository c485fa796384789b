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
     * Runs {@code work} on the pool and waits for it. The wait is not cut short by an
     * interrupt (the interrupt is kept for the caller): a hash that was started is finished,
     * so the caller never sees a partial answer.
     */
    <T> T run(Callable<T> work) {
        Future<T> result = executor.submit(work);
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
