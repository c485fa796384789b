package ai.rememberizer.auth.rest;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.password.FailedCheckWait;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;
import io.smallrye.mutiny.Uni;

/**
 * Where the endpoints that check or set a password run (sign-up, sign-in, and the lifecycle
 * endpoints that take a password): threads of their own, {@code auth.password.request-threads},
 * in front of a bounded queue, {@code auth.password.max-queued}. A flood of them waits here
 * (on the captcha provider, on the hashing pool) and can never take the worker threads that
 * refresh, account and verify requests run on; past the queue a request is refused at once
 * with 503 {@code overloaded} and {@code Retry-After}.
 *
 * <p>A failed password check owes a wait (the floor that hides the account and its kind of
 * hash, {@code FailedCheckFloor}): its answer is held back on a timer, and the thread goes
 * back to work at once. A flood of wrong passwords then costs one of our hashes each and a
 * timer entry with its open connection, never a parked thread: real sign-ins keep both the
 * hashing pool and these threads. How many answers wait at once is bounded by itself (each
 * came through the hashing pool, so at most the pool's rate times the floor), and by
 * {@code auth.password.max-waiting-answers}: past it the thread sleeps the wait out, so a
 * flood beyond that backs up into the bounded queue and gets 503, as any other.
 */
@ApplicationScoped
public class CredentialRequests {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicInteger waiting = new AtomicInteger();
    private final int maxWaiting;

    CredentialRequests(AuthConfig config) {
        int cores = Runtime.getRuntime().availableProcessors();
        int threads = config.password().requestThreads() > 0 ? config.password().requestThreads() : Math.max(4, 4 * cores);
        AtomicInteger counter = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, config.password().maxQueued())), task -> {
                    Thread thread = new Thread(task, "credentials-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.executor.allowCoreThreadTimeOut(true);
        this.maxWaiting = config.password().maxWaitingAnswers();
        this.timer = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "failed-check-wait");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Runs the work on the credential threads, or fails at once with {@code overloaded} when the
     * queue is full; the answer comes when the work and the wait its failed checks owe are done.
     */
    <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                executor.execute(() -> {
                    FailedCheckWait.Collected<T> done;
                    try {
                        done = FailedCheckWait.collect(work);
                    } catch (Throwable failure) {
                        emitter.fail(failure);
                        return;
                    }
                    Runnable answer = () -> {
                        if (done.failure() != null) {
                            emitter.fail(done.failure());
                        } else {
                            emitter.complete(done.result());
                        }
                    };
                    long owed = done.owedNanos();
                    if (owed > 0 && later(answer, owed)) {
                        return;
                    }
                    if (owed > 0) {
                        FailedCheckWait.sleep(owed); // too many waiting already: this thread waits
                    }
                    answer.run();
                });
            } catch (RejectedExecutionException full) {
                emitter.fail(new RetryLaterException(ProblemCode.OVERLOADED, RETRY_AFTER));
            }
        });
    }

    /** Gives the answer after {@code nanos} on the timer; false when too many wait already (or the timer stopped). */
    private boolean later(Runnable answer, long nanos) {
        if (waiting.incrementAndGet() > maxWaiting) {
            waiting.decrementAndGet();
            return false;
        }
        try {
            timer.schedule(() -> {
                waiting.decrementAndGet();
                answer.run();
            }, nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (RejectedExecutionException stopped) {
            waiting.decrementAndGet();
            return false;
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
        timer.shutdown(); // the answers already waiting are still given
    }
}
