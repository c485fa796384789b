package ai.rememberizer.auth.housekeeping;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.limits.RateLimit;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Deletes what nothing needs any more, in small batches, each in its own transaction, rows
 * taken with {@code FOR UPDATE SKIP LOCKED} so several instances purge side by side without
 * waiting on each other or on live traffic. Counted in {@code auth_purged_rows_total{table}}.
 * (A job, not a request: it opens its own transactions, one per batch.)
 *
 * <p>What goes, after {@code auth.housekeeping.retention}:
 * <ul>
 * <li>sessions past their absolute lifetime or revoked (their refresh tokens go with them;
 * a rotated token is kept as long as its session lives, for reuse detection);</li>
 * <li>refresh tokens past their own expiry (an expired token is refused before any reuse check);</li>
 * <li>verification codes past their expiry;</li>
 * <li>rate-limit windows that closed;</li>
 * <li>outbox mail already sent.</li>
 * </ul>
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    /** Each purge: a table, and the statement that deletes one batch of rows older than :cutoff. */
    record Purge(String table, String sql) {
    }

    private static final List<Purge> PURGES = List.of(
            new Purge("sessions", """
                    DELETE FROM sessions WHERE id IN (
                      SELECT id FROM sessions WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
            new Purge("sessions", """
                    DELETE FROM sessions WHERE id IN (
                      SELECT id FROM sessions WHERE revoked_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
            new Purge("refresh_tokens", """
                    DELETE FROM refresh_tokens WHERE id IN (
                      SELECT id FROM refresh_tokens WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
            new Purge("verification_codes", """
                    DELETE FROM verification_codes WHERE user_id IN (
                      SELECT user_id FROM verification_codes WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
            new Purge("rate_limits", """
                    DELETE FROM rate_limits WHERE bucket IN (
                      SELECT bucket FROM rate_limits WHERE window_start < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)"""),
            new Purge("mail_outbox", """
                    DELETE FROM mail_outbox WHERE id IN (
                      SELECT id FROM mail_outbox WHERE sent_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)"""));

    private final EntityManager em;
    private final AuthConfig.Housekeeping config;
    private final Duration longestLimitWindow;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    Housekeeping(EntityManager em, AuthConfig config, MeterRegistry registry) {
        this.em = em;
        this.config = config.housekeeping();
        this.longestLimitWindow = RateLimit.longestWindow(config.limits());
        this.registry = registry;
    }

    @Scheduled(identity = "housekeeping", every = "${auth.housekeeping.interval}", delayed = "${auth.housekeeping.initial-delay}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        purge();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
    }

    /** One round: each purge, batch after batch, up to the round's cap. Returns rows deleted per table. */
    public Map<String, Long> purge() {
        Instant now = Instant.now();
        Instant cutoff = now.minus(config.retention());
        // A rate-limit row must outlive the longest window it counts.
        Instant limitsCutoff = now.minus(longestLimitWindow).minus(config.retention());
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Purge purge : PURGES) {
            Instant at = purge.table().equals("rate_limits") ? limitsCutoff : cutoff;
            long total = 0;
            for (int round = 0; round < config.maxBatchesPerRound() && !stopping; round++) {
                int rows = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery(purge.sql())
                        .setParameter("cutoff", at)
                        .setParameter("batch", config.batchSize())
                        .executeUpdate());
                total += rows;
                if (rows < config.batchSize()) {
                    break;
                }
            }
            if (total > 0) {
                Counter.builder("auth.purged.rows").description("Rows deleted by housekeeping").tag("table", purge.table())
                        .register(registry).increment(total);
                LOG.debugf("Housekeeping deleted %d rows from %s", total, purge.table());
            }
            deleted.merge(purge.table(), total, Long::sum);
        }
        return deleted;
    }
}
