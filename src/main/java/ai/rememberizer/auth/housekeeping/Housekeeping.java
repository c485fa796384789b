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
 * <p>What goes: accounts still unverified after {@code auth.unverified-account-ttl} (with
 * everything of theirs), so nobody holds an address they do not own, counted from when the
 * account arrived here (its import, for an imported account whose {@code created_at} is its
 * original date, see {@code V7__imported_users.sql}); refresh tokens' sealed
 * grace copies once the grace window closed; code mails past their code's expiry (dropped);
 * second steps ({@code mfa_token}s) and authenticator enrolments never confirmed, once expired;
 * and, after {@code auth.housekeeping.retention}:
 * <ul>
 * <li>sessions past their absolute lifetime or revoked (their refresh tokens go with them;
 * a rotated token is kept as long as its session lives, for reuse detection);</li>
 * <li>refresh tokens past their own expiry (an expired token is refused before any reuse check);</li>
 * <li>one-time codes (and reset entries with no code) past their expiry;</li>
 * <li>rate-limit windows that closed;</li>
 * <li>outbox mail sent or dropped.</li>
 * </ul>
 */
@ApplicationScoped
public class Housekeeping {

    private static final Logger LOG = Logger.getLogger(Housekeeping.class);

    /** What a purge's {@code :cutoff} is. */
    enum Cutoff {
        /** Now minus {@code auth.housekeeping.retention}: dead rows kept that long for support and audit. */
        RETENTION,
        /** The retention plus the longest rate-limit window: a counter must outlive the window it counts. */
        LIMITS,
        /** Now minus {@code auth.unverified-account-ttl}, compared with when the account arrived here. */
        UNVERIFIED,
        /** Now minus the refresh reuse grace window. */
        GRACE,
        NOW
    }

    /** Each purge: what it is counted as, the statement for one batch, and its cutoff. */
    record Purge(String table, String sql, Cutoff cutoff) {
    }

    private static final List<Purge> PURGES = List.of(
            new Purge("users_unverified", """
                    DELETE FROM users WHERE id IN (
                      SELECT id FROM users WHERE NOT email_verified AND coalesce(imported_at, created_at) < :cutoff
                      LIMIT :batch FOR UPDATE SKIP LOCKED)""",
                    Cutoff.UNVERIFIED),
            new Purge("sessions", """
                    DELETE FROM sessions WHERE id IN (
                      SELECT id FROM sessions WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""", Cutoff.RETENTION),
            new Purge("sessions", """
                    DELETE FROM sessions WHERE id IN (
                      SELECT id FROM sessions WHERE revoked_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""", Cutoff.RETENTION),
            new Purge("refresh_tokens", """
                    DELETE FROM refresh_tokens WHERE id IN (
                      SELECT id FROM refresh_tokens WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""",
                    Cutoff.RETENTION),
            new Purge("refresh_tokens_sealed", """
                    UPDATE refresh_tokens SET token_sealed = NULL WHERE id IN (
                      SELECT id FROM refresh_tokens WHERE token_sealed IS NOT NULL AND created_at < :cutoff
                      LIMIT :batch FOR UPDATE SKIP LOCKED)""", Cutoff.GRACE),
            new Purge("verification_codes", """
                    DELETE FROM verification_codes WHERE code_key IN (
                      SELECT code_key FROM verification_codes WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""",
                    Cutoff.RETENTION),
            new Purge("mfa_challenges", """
                    DELETE FROM mfa_challenges WHERE token_hash IN (
                      SELECT token_hash FROM mfa_challenges WHERE expires_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""",
                    Cutoff.NOW),
            new Purge("totp_factors_pending", """
                    DELETE FROM totp_factors WHERE user_id IN (
                      SELECT user_id FROM totp_factors WHERE confirmed_at IS NULL AND pending_until < :cutoff
                      LIMIT :batch FOR UPDATE SKIP LOCKED)""", Cutoff.NOW),
            new Purge("rate_limits", """
                    DELETE FROM rate_limits WHERE bucket IN (
                      SELECT bucket FROM rate_limits WHERE window_start < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""",
                    Cutoff.LIMITS),
            new Purge("mail_outbox_expired", """
                    UPDATE mail_outbox SET dropped_at = now(), drop_reason = 'expired', payload = NULL WHERE id IN (
                      SELECT id FROM mail_outbox WHERE sent_at IS NULL AND dropped_at IS NULL AND expires_at < :cutoff
                      LIMIT :batch FOR UPDATE SKIP LOCKED)""", Cutoff.NOW),
            new Purge("mail_outbox", """
                    DELETE FROM mail_outbox WHERE id IN (
                      SELECT id FROM mail_outbox WHERE sent_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""", Cutoff.RETENTION),
            new Purge("mail_outbox", """
                    DELETE FROM mail_outbox WHERE id IN (
                      SELECT id FROM mail_outbox WHERE dropped_at < :cutoff LIMIT :batch FOR UPDATE SKIP LOCKED)""",
                    Cutoff.RETENTION));

    private final EntityManager em;
    private final AuthConfig.Housekeeping config;
    private final Duration longestLimitWindow;
    private final Duration unverifiedTtl;
    private final Duration reuseGrace;
    private final MeterRegistry registry;
    private volatile boolean stopping;

    Housekeeping(EntityManager em, AuthConfig config, MeterRegistry registry) {
        this.em = em;
        this.config = config.housekeeping();
        this.longestLimitWindow = RateLimit.longestWindow(config.limits());
        this.unverifiedTtl = config.unverifiedAccountTtl();
        this.reuseGrace = config.refresh().reuseGrace();
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

    /** One round: each purge, batch after batch, up to the round's cap. Returns rows deleted (or cleared) per table. */
    public Map<String, Long> purge() {
        Instant now = Instant.now();
        Map<Cutoff, Instant> cutoffs = Map.of(
                Cutoff.RETENTION, now.minus(config.retention()),
                Cutoff.LIMITS, now.minus(longestLimitWindow).minus(config.retention()),
                Cutoff.UNVERIFIED, now.minus(unverifiedTtl),
                Cutoff.GRACE, now.minus(reuseGrace),
                Cutoff.NOW, now);
        Map<String, Long> deleted = new LinkedHashMap<>();
        for (Purge purge : PURGES) {
            Instant at = cutoffs.get(purge.cutoff());
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
