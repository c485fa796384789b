package ai.rememberizer.auth.limits;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;

/**
 * Fixed-window counters in PostgreSQL: one atomic upsert per hit, so any number of
 * instances share one limit. A bucket is a string such as {@code signin-account:<email>}.
 */
@ApplicationScoped
public class RateLimiter {

    private static final String HIT = """
            INSERT INTO rate_limits AS r (bucket, window_start, hits) VALUES (:bucket, now(), 1)
            ON CONFLICT (bucket) DO UPDATE SET
              window_start = CASE WHEN r.window_start <= now() - make_interval(secs => :window) THEN now() ELSE r.window_start END,
              hits = CASE WHEN r.window_start <= now() - make_interval(secs => :window) THEN 1 ELSE r.hits + 1 END
            RETURNING r.hits, extract(epoch FROM r.window_start + make_interval(secs => :window) - now())
            """;

    private static final String PEEK = """
            SELECT hits, extract(epoch FROM window_start + make_interval(secs => :window) - now())
            FROM rate_limits WHERE bucket = :bucket AND window_start > now() - make_interval(secs => :window)
            """;

    private final EntityManager em;

    RateLimiter(EntityManager em) {
        this.em = em;
    }

    /**
     * Counts one hit in the caller's transaction and refuses it when it goes over the limit.
     * Roll the transaction back to take the hit back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hit(String bucket, int limit, Duration window) {
        Object[] row = (Object[]) em.createNativeQuery(HIT)
                .setParameter("bucket", bucket)
                .setParameter("window", (double) window.toSeconds())
                .getSingleResult();
        if (((Number) row[0]).intValue() > limit) {
            throw limited(((Number) row[1]).doubleValue());
        }
    }

    /** Refuses when the bucket is already full, without counting anything. */
    @Transactional
    public void check(String bucket, int limit, Duration window) {
        @SuppressWarnings("unchecked")
        var rows = (java.util.List<Object[]>) em.createNativeQuery(PEEK)
                .setParameter("bucket", bucket)
                .setParameter("window", (double) window.toSeconds())
                .getResultList();
        if (!rows.isEmpty() && ((Number) rows.get(0)[0]).intValue() >= limit) {
            throw limited(((Number) rows.get(0)[1]).doubleValue());
        }
    }

    /** Counts one hit in a transaction of its own, which commits whatever the caller does next. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void record(String bucket, Duration window) {
        em.createNativeQuery(HIT)
                .setParameter("bucket", bucket)
                .setParameter("window", (double) window.toSeconds())
                .getSingleResult();
    }

    /** Forgets a bucket (a successful sign-in clears its account's failures). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void reset(String bucket) {
        em.createNativeQuery("DELETE FROM rate_limits WHERE bucket = :bucket").setParameter("bucket", bucket).executeUpdate();
    }

    private static AuthException limited(double secondsLeft) {
        Duration retryAfter = Duration.ofSeconds((long) Math.ceil(Math.max(1, secondsLeft)));
        return new AuthException(ProblemCode.RATE_LIMITED, "Too many requests; try again in " + retryAfter.toSeconds() + " s.",
                java.util.Map.of(), retryAfter);
    }
}
