package ai.rememberizer.auth.housekeeping;

import static ai.rememberizer.auth.support.Api.newAccount;
import static ai.rememberizer.auth.support.Api.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Jwts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class HousekeepingTest {

    @Inject
    Housekeeping housekeeping;

    @Inject
    EntityManager em;

    /** Retention is 7 days by default: "old" is older than that. */
    private static final Instant OLD = Instant.now().minus(30, ChronoUnit.DAYS);

    private static UUID sid(Response response) {
        return UUID.fromString(Jwts.payload(response.cookie("access_token")).get("sid").toString());
    }

    private void sql(String statement, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            query.executeUpdate();
        });
    }

    private long count(String statement, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(statement);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    @Test
    void purgesWhatNothingNeedsAndKeepsWhatReuseDetectionNeeds() throws Exception {
        // An expired session, a session revoked long ago, and a live one with a rotated token.
        Response expired = newAccount();
        sql("UPDATE sessions SET expires_at = ?1 WHERE id = ?2", OLD, sid(expired));
        Response revoked = newAccount();
        sql("UPDATE sessions SET revoked_at = ?1, revoke_reason = 'logout' WHERE id = ?2", OLD, sid(revoked));
        Response live = newAccount();
        String original = live.cookie("refresh_token");
        refresh(original).then().statusCode(204);
        // A token of the live session that expired long ago, alone.
        UUID stale = UUID.randomUUID();
        sql("INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                stale, sid(live), new byte[32], OLD);
        // A closed rate-limit window and a current one, an old sent mail and an unsent one, an old code.
        String closed = "test-closed-" + UUID.randomUUID();
        String open = "test-open-" + UUID.randomUUID();
        sql("INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?1, ?2, 3)", closed, OLD);
        sql("INSERT INTO rate_limits (bucket, window_start, hits) VALUES (?1, now(), 3)", open);
        UUID sent = UUID.randomUUID();
        UUID unsent = UUID.randomUUID();
        sql("INSERT INTO mail_outbox (id, kind, recipient, created_at, next_attempt_at, sent_at) VALUES (?1, 'x', 'a@b.c', ?2, ?2, ?2)",
                sent, OLD);
        sql("INSERT INTO mail_outbox (id, kind, recipient, created_at, next_attempt_at, attempts) VALUES (?1, 'x', 'a@b.c', ?2, ?3, 1)",
                unsent, OLD, Instant.now().plusSeconds(3600));
        UUID codeOwner = UUID.fromString(expired.path("id"));
        sql("UPDATE verification_codes SET expires_at = ?1 WHERE user_id = ?2", OLD, codeOwner);

        Map<String, Long> deleted = housekeeping.purge();

        assertThat(deleted.get("sessions")).isGreaterThanOrEqualTo(2);
        assertThat(count("SELECT count(*) FROM sessions WHERE id IN (?1, ?2)", sid(expired), sid(revoked))).isZero();
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE session_id IN (?1, ?2)", sid(expired), sid(revoked))).isZero();
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE id = ?1", stale)).isZero();
        assertThat(count("SELECT count(*) FROM rate_limits WHERE bucket = ?1", closed)).isZero();
        assertThat(count("SELECT count(*) FROM rate_limits WHERE bucket = ?1", open)).isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE id = ?1", sent)).isZero();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE id = ?1", unsent)).isOne();
        assertThat(count("SELECT count(*) FROM verification_codes WHERE user_id = ?1", codeOwner)).isZero();

        // The live session keeps its rotated token: replaying it after the grace window is still caught.
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?1 AND rotated_at IS NOT NULL", sid(live))).isOne();
        Thread.sleep(2700);
        refresh(original).then().statusCode(401).body("code", equalTo("refresh_token_reused"));

        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics).containsPattern("auth_purged_rows_total\\{table=\"sessions\"\\} [1-9]");
        assertThat(metrics).containsPattern("auth_purged_rows_total\\{table=\"rate_limits\"\\} [1-9]");
    }

    @Test
    void purgesInBatchesUntilDone() {
        Response account = newAccount();
        UUID session = sid(account);
        // 2,500 old tokens: three batches of 1,000.
        sql("""
                INSERT INTO refresh_tokens (id, session_id, token_hash, created_at, expires_at)
                SELECT gen_random_uuid(), ?1, sha256(convert_to(g::text || ?2, 'UTF8')), ?3, ?3 FROM generate_series(1, 2500) g
                """, session, UUID.randomUUID().toString(), OLD);
        Map<String, Long> deleted = housekeeping.purge();
        assertThat(deleted.get("refresh_tokens")).isGreaterThanOrEqualTo(2500);
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?1", session)).isOne();
        refresh(account.cookie("refresh_token")).then().statusCode(204);
    }

    @Test
    void accountsStillUnverifiedAfterTheirTtlAreDeletedAndTheAddressIsFreeAgain() {
        Response squatted = newAccount();
        Response verified = newAccount();
        Instant eightDaysAgo = Instant.now().minus(8, ChronoUnit.DAYS);
        sql("UPDATE users SET created_at = ?1 WHERE id = ?2", eightDaysAgo, UUID.fromString(squatted.path("id")));
        sql("UPDATE users SET created_at = ?1, email_verified = true WHERE id = ?2", eightDaysAgo, UUID.fromString(verified.path("id")));

        Map<String, Long> deleted = housekeeping.purge();

        assertThat(deleted.get("users_unverified")).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM users WHERE id = ?1", UUID.fromString(squatted.path("id")))).isZero();
        assertThat(count("SELECT count(*) FROM sessions WHERE id = ?1", sid(squatted))).isZero();
        assertThat(count("SELECT count(*) FROM users WHERE id = ?1", UUID.fromString(verified.path("id")))).isOne();
        refresh(squatted.cookie("refresh_token")).then().statusCode(401);
        ai.rememberizer.auth.support.Api.signUp(squatted.path("email"), ai.rememberizer.auth.support.Api.PASSWORD).then()
                .statusCode(201);
    }

    @Test
    void codeMailPastItsCodeIsDroppedAndDroppedMailIsPurged() {
        UUID expired = UUID.randomUUID();
        UUID droppedLongAgo = UUID.randomUUID();
        sql("""
                INSERT INTO mail_outbox (id, kind, recipient, payload, created_at, next_attempt_at, attempts, expires_at)
                VALUES (?1, 'verification_code', 'late@example.com', ?2, now(), ?3, 3, ?4)""",
                expired, new byte[] { 1, 2, 3 }, Instant.now().plusSeconds(3600), Instant.now().minusSeconds(1));
        sql("""
                INSERT INTO mail_outbox (id, kind, recipient, created_at, next_attempt_at, dropped_at, drop_reason)
                VALUES (?1, 'verification_code', 'gone@example.com', ?2, ?2, ?2, 'refused')""", droppedLongAgo, OLD);

        housekeeping.purge();

        assertThat(count("SELECT count(*) FROM mail_outbox WHERE id = ?1 AND dropped_at IS NOT NULL AND payload IS NULL "
                + "AND drop_reason = 'expired'", expired)).isOne();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE id = ?1", droppedLongAgo)).isZero();
    }

    @Test
    void expiredSecondStepsAndEnrolmentsNeverConfirmedGo() {
        UUID pending = UUID.fromString(newAccount().path("id"));
        UUID waiting = UUID.fromString(newAccount().path("id"));
        UUID confirmed = UUID.fromString(newAccount().path("id"));
        sql("INSERT INTO totp_factors (user_id, secret_sealed, created_at, pending_until) VALUES (?1, ?2, ?3, ?3)", pending,
                new byte[] { 1 }, Instant.now().minusSeconds(60));
        sql("INSERT INTO totp_factors (user_id, secret_sealed, created_at, pending_until) VALUES (?1, ?2, now(), ?3)", waiting,
                new byte[] { 1 }, Instant.now().plusSeconds(600));
        sql("INSERT INTO totp_factors (user_id, secret_sealed, created_at, confirmed_at) VALUES (?1, ?2, ?3, ?3)", confirmed,
                new byte[] { 1 }, OLD);
        byte[] expired = { 1, (byte) pending.hashCode() };
        byte[] open = { 2, (byte) pending.hashCode() };
        sql("INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at, amr) VALUES (?1, ?2, ?3, ?3, 'pwd')", expired,
                confirmed, Instant.now().minusSeconds(1));
        sql("INSERT INTO mfa_challenges (token_hash, user_id, created_at, expires_at, amr) VALUES (?1, ?2, now(), ?3, 'pwd')", open,
                confirmed, Instant.now().plusSeconds(300));

        Map<String, Long> deleted = housekeeping.purge();

        assertThat(deleted.get("totp_factors_pending")).isGreaterThanOrEqualTo(1);
        assertThat(count("SELECT count(*) FROM totp_factors WHERE user_id = ?1", pending)).isZero();
        assertThat(count("SELECT count(*) FROM totp_factors WHERE user_id = ?1", waiting)).isOne();
        assertThat(count("SELECT count(*) FROM totp_factors WHERE user_id = ?1", confirmed)).isOne();
        assertThat(count("SELECT count(*) FROM mfa_challenges WHERE token_hash = ?1", expired)).isZero();
        assertThat(count("SELECT count(*) FROM mfa_challenges WHERE token_hash = ?1", open)).isOne();
    }

    @Test
    void theSealedGraceCopyOfARefreshTokenGoesOnceTheWindowClosed() {
        Response account = newAccount();
        refresh(account.cookie("refresh_token")).then().statusCode(204);
        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?1 AND token_sealed IS NOT NULL", sid(account)))
                .isOne();
        sql("UPDATE refresh_tokens SET created_at = created_at - interval '1 minute' WHERE session_id = ?1", sid(account));

        housekeeping.purge();

        assertThat(count("SELECT count(*) FROM refresh_tokens WHERE session_id = ?1 AND token_sealed IS NOT NULL", sid(account)))
                .isZero();
    }
}
