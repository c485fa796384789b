package ai.rememberizer.auth.limits;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;

/**
 * Fixed-window counters in PostgreSQL: one atomic upsert per hit, so any number of
 * instances share one limit. Every method joins the caller's transaction: the caller
 * decides whether a hit commits on its own or with the rest of its work.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RateLimiter {

    private static final String HIT = """
            INSERT INTO rate_limits AS r (bucket, window_start, hits) VALUES (:bucket, now(), 1)
            ON CONFLICT (bucket) DO UPDATE SET
              window_start = CASE WHEN r.window_start <= now() - make_interval(secs => :window) THEN now() ELSE r.window_start END,
              hits = CASE WHEN r.window_start <= now() - make_interval(secs => :window) THEN 1 ELSE r.hits + 1 END
            RETURNING r.hits, extract(epoch FROM r.window_start + make_interval(secs => :window) - now())
            """;

    private final EntityManager em;
    private final AuthConfig.Limits limits;

    RateLimiter(EntityManager em, AuthConfig config) {
        this.em = em;
        this.limits = config.limits();
    }

    /** Counts one hit and refuses it when it goes over the limit. Roll back to take the hit back. */
    public void hit(RateLimit limit, Object subject) {
        Object[] row = (Object[]) em.createNativeQuery(HIT)
                .setParameter("bucket", limit.key(subject))
                .setParameter("window", seconds(limit))
                .getSingleResult();
        if (((Number) row[0]).intValue() > limit.maximum(limits)) {
            throw limited(((Number) row[1]).doubleValue());
        }
    }

    /** Takes one hit back (a sign-in counted before its check, which then succeeded). */
    public void forgive(RateLimit limit, Object subject) {
        em.createNativeQuery("UPDATE rate_limits SET hits = hits - 1 WHERE bucket = :bucket AND hits > 0")
                .setParameter("bucket", limit.key(subject))
                .executeUpdate();
    }

    /** Forgets a counter (a successful sign-in clears its account's failures). */
    public void reset(RateLimit limit, Object subject) {
        em.createNativeQuery("DELETE FROM rate_limits WHERE bucket = :bucket")
                .setParameter("bucket", limit.key(subject))
                .executeUpdate();
    }

    private double seconds(RateLimit limit) {
        return limit.window(limits).toSeconds();
    }

    private static RetryLaterException limited(double secondsLeft) {
        return new RetryLaterException(ProblemCode.RATE_LIMITED, Duration.ofMillis((long) Math.ceil(Math.max(1, secondsLeft)) * 1000));
    }
}
