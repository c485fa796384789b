package ai.rememberizer.auth.limits;

import java.time.Duration;
import java.util.Collection;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.problem.RetryLaterException;

/**
 * Fixed-window counters in PostgreSQL: one atomic upsert per hit, so any number of
 * instances share one limit. Every method joins the caller's transaction: the caller
 * decides whether a hit commits on its own or with the rest of its work.
 */
@ApplicationScoped
@Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = AuthException.class)
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
        hitCounting(limit, subject);
    }

    /** Counts one hit, refuses it when it goes over the limit, and returns how many more hits the window allows. */
    public int hitCounting(RateLimit limit, Object subject) {
        requireNotAClient(subject);
        Object[] row = count(limit, subject);
        int hits = ((Number) row[0]).intValue();
        if (hits > limit.maximum(limits)) {
            throw limited(((Number) row[1]).doubleValue());
        }
        return limit.maximum(limits) - hits;
    }

    /**
     * Counts one hit of a client in each of its buckets (an IPv6 client's /64, /56 and /48,
     * each with its own multiple of the maximum), refusing it when any goes over.
     */
    public void hit(RateLimit limit, ClientAddress client) {
        for (ClientAddress.Bucket bucket : client.buckets()) {
            Object[] row = count(limit, bucket.key());
            if (((Number) row[0]).intValue() > (long) limit.maximum(limits) * bucket.factor()) {
                throw limited(((Number) row[1]).doubleValue());
            }
        }
    }

    /** Takes one hit of a client back, in each of its buckets. */
    public void forgive(RateLimit limit, ClientAddress client) {
        for (ClientAddress.Bucket bucket : client.buckets()) {
            forgive(limit, bucket.key());
        }
    }

    /** Counts one hit and returns the hits and the seconds left in the window. */
    private Object[] count(RateLimit limit, Object subject) {
        return (Object[]) em.createNativeQuery(HIT)
                .setParameter("bucket", limit.key(subject))
                .setParameter("window", seconds(limit))
                .getSingleResult();
    }

    /** Takes one hit back (a sign-in counted before its check, which then succeeded). */
    public void forgive(RateLimit limit, Object subject) {
        requireNotAClient(subject);
        em.createNativeQuery("UPDATE rate_limits SET hits = hits - 1 WHERE bucket = :bucket AND hits > 0")
                .setParameter("bucket", limit.key(subject))
                .executeUpdate();
    }

    /**
     * Counts one code mail to a mailbox asked for by a client (and, when given, for an account),
     * refusing it when a limit is full: first the account's limits and the client's share of the
     * mailbox (one per interval, so many an hour and a day each), then the mailbox's totals,
     * which are higher than one share. A mail refused by its own share never reaches the totals,
     * so one client spends at most its share of them and the rest stays for everyone else, the
     * mailbox's owner first.
     */
    public void hitCodeMail(String recipientKey, UUID account, ClientAddress requester) {
        for (RateLimit limit : RateLimit.CODE_MAILS) {
            if (account != null) {
                hit(limit, account.toString());
            }
            hit(limit, share(recipientKey, requester));
        }
        for (RateLimit limit : RateLimit.CODE_MAILS_PER_MAILBOX) {
            hit(limit, recipientKey);
        }
    }

    /**
     * The subject of a client's share of a mailbox's limits: the mailbox's key and the client's
     * {@linkplain ClientAddress#widestKey() widest key} (hashed with it by the limit).
     */
    public static String share(String recipientKey, ClientAddress client) {
        return recipientKey + " " + client.widestKey();
    }

    /**
     * Counts one hit and returns how many more the window allows after it: 0 for the last one
     * allowed, negative once over. Nothing is refused here; the caller decides what over means.
     */
    public int spend(RateLimit limit, Object subject) {
        requireNotAClient(subject);
        return limit.maximum(limits) - ((Number) count(limit, subject)[0]).intValue();
    }

    /** Forgets every counter of these subjects (an account is being deleted). */
    public void forget(Collection<String> keys) {
        if (!keys.isEmpty()) {
            em.createNativeQuery("DELETE FROM rate_limits WHERE bucket IN (:keys)").setParameter("keys", keys).executeUpdate();
        }
    }

    /** Forgets a counter (a successful sign-in clears its account's failures). */
    public void reset(RateLimit limit, Object subject) {
        em.createNativeQuery("DELETE FROM rate_limits WHERE bucket = :bucket")
                .setParameter("bucket", limit.key(subject))
                .executeUpdate();
    }

    /**
     * A client is counted by its buckets ({@link #hit(RateLimit, ClientAddress)}): keyed by the
     * whole record, every address of a /64 would be a bucket of its own.
     */
    private static void requireNotAClient(Object subject) {
        if (subject instanceof ClientAddress) {
            throw new IllegalArgumentException("count a client by its buckets, not as one subject");
        }
    }

    private double seconds(RateLimit limit) {
        return limit.window(limits).toSeconds();
    }

    private static RetryLaterException limited(double secondsLeft) {
        return new RetryLaterException(ProblemCode.RATE_LIMITED, Duration.ofMillis((long) Math.ceil(Math.max(1, secondsLeft)) * 1000));
    }
}
