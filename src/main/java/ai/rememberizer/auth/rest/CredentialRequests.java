package ai.rememberizer.auth.rest;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.config.AuthConfig;
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
 */
@ApplicationScoped
public class CredentialRequests {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final ThreadPoolExecutor executor;

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
    }

    /** Runs the work on the credential threads, or fails at once with {@code overloaded} when the queue is full. */
    <T> Uni<T> submit(Supplier<T> work) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                executor.execute(() -> {
                    try {
                        emitter.complete(work.get());
                    } catch (Throwable failure) {
                        emitter.fail(failure);
                    }
                });
            } catch (RejectedExecutionException full) {
                emitter.fail(new RetryLaterException(ProblemCode.OVERLOADED, RETRY_AFTER));
            }
        });
    }

    @PreDestroy
    void stop() {
        executor.shutdown();
    }
}
