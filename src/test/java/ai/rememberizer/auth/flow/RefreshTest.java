package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.newAccount;
import static ai.rememberizer.auth.support.Api.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.session.RefreshToken;
import ai.rememberizer.auth.session.Session;
import ai.rememberizer.auth.support.Jwts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

@QuarkusTest
class RefreshTest {

    /** The test profile's grace window (AUTH_REFRESH_REUSE_GRACE), short so the tests can outwait it. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private static String sid(Response response) {
        return Jwts.payload(response.cookie("access_token")).get("sid").toString();
    }

    private static void expectCleared(Response response) {
        for (String name : List.of("access_token", "refresh_token")) {
            Cookie cookie = response.detailedCookie(name);
            assertThat(cookie).as(name).isNotNull();
            assertThat(cookie.getValue()).isEmpty();
            assertThat(cookie.getMaxAge()).isZero();
            assertThat(cookie.getPath()).isEqualTo(name.equals("access_token") ? "/" : "/api/v1/auth/");
        }
        response.then().header("Cache-Control", "no-store");
    }

    private static void outwaitGrace() throws InterruptedException {
        Thread.sleep(GRACE.toMillis() + 700);
    }

    @Test
    void rotatesBothTokensInTheSameSession() {
        Response signUp = newAccount();
        Response refreshed = refresh(signUp.cookie("refresh_token"));

        refreshed.then().statusCode(204).header("Cache-Control", "no-store");
        assertThat(refreshed.cookie("refresh_token")).isNotEqualTo(signUp.cookie("refresh_token"));
        assertThat(refreshed.cookie("access_token")).isNotEqualTo(signUp.cookie("access_token"));
        assertThat(sid(refreshed)).isEqualTo(sid(signUp));
        assertThat(refreshed.detailedCookie("refresh_token").getMaxAge()).isEqualTo(14 * 24 * 3600);
        assertThat(refreshed.detailedCookie("access_token").getMaxAge()).isEqualTo(900);

        // The new token works in turn.
        refresh(refreshed.cookie("refresh_token")).then().statusCode(204);
    }

    @Test
    void acceptsTheTokenInAJsonBodyToo() {
        Response signUp = newAccount();
        given().contentType(ContentType.JSON).body(Map.of("refresh", signUp.cookie("refresh_token")))
                .post(AUTH + "custom-refresh/").then().statusCode(204);
    }

    @Test
    void refusesMissingAndUnknownTokensAndClearsTheCookies() {
        Response missing = given().post(AUTH + "custom-refresh/");
        missing.then().statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid_refresh_token"));
        expectCleared(missing);

        Response unknown = refresh("A".repeat(43));
        unknown.then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        expectCleared(unknown);

        refresh("x".repeat(5000)).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        given().contentType(ContentType.JSON).body("{\"refresh\": 42}").post(AUTH + "custom-refresh/").then()
                .statusCode(400).body("code", equalTo("validation_failed"));
        given().contentType(ContentType.JSON).body("{\"refresh\": ").post(AUTH + "custom-refresh/").then()
                .statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void aRotatedTokenReplayedWithinTheGraceWindowGetsTheSessionsCurrentTokenNotANewBranch() {
        Response signUp = newAccount();
        String original = signUp.cookie("refresh_token");
        Response first = refresh(original);
        Response second = refresh(original);

        first.then().statusCode(204);
        second.then().statusCode(204);
        assertThat(sid(second)).isEqualTo(sid(signUp));
        assertThat(second.cookie("refresh_token")).isEqualTo(first.cookie("refresh_token"));
        assertThat(second.detailedCookie("refresh_token").getMaxAge()).isBetween(14L * 24 * 3600 - 5, 14L * 24 * 3600);
        assertThat(liveTokens(sid(signUp))).isEqualTo(1);

        // A later rotation: a replay of the first token gets the newest one.
        Response third = refresh(first.cookie("refresh_token"));
        third.then().statusCode(204);
        assertThat(refresh(original).cookie("refresh_token")).isEqualTo(third.cookie("refresh_token"));
        assertThat(liveTokens(sid(signUp))).isEqualTo(1);
        refresh(third.cookie("refresh_token")).then().statusCode(204);
    }

    @Test
    void theGraceCopyOfATokenIsSealedNeverStoredInClear() {
        Response signUp = newAccount();
        Response rotated = refresh(signUp.cookie("refresh_token"));
        String current = rotated.cookie("refresh_token");
        RefreshToken row = QuarkusTransaction.requiringNew().call(() -> RefreshToken.<RefreshToken> find(
                "sessionId = ?1 and rotatedAt is null", UUID.fromString(sid(signUp))).firstResult());
        assertThat(row.tokenSealed).isNotNull();
        assertThat(new String(row.tokenSealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(current);
    }

    private static long liveTokens(String sessionId) {
        return QuarkusTransaction.requiringNew().call(() -> RefreshToken.count("sessionId = ?1 and rotatedAt is null",
                UUID.fromString(sessionId)));
    }

    @Test
    void reuseAfterTheGraceWindowRevokesTheWholeSession() throws InterruptedException {
        Response signUp = newAccount();
        String original = signUp.cookie("refresh_token");
        Response rotated = refresh(original);
        rotated.then().statusCode(204);
        String current = rotated.cookie("refresh_token");

        outwaitGrace();
        Response replay = refresh(original);
        replay.then().statusCode(401).contentType("application/problem+json").body("code", equalTo("refresh_token_reused"));
        expectCleared(replay);

        // Every token descended from the sign-in is dead, the current one included.
        refresh(current).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        Session session = QuarkusTransaction.requiringNew().call(() -> Session.<Session> findById(UUID.fromString(sid(signUp))));
        assertThat(session.revokedAt).isNotNull();
        assertThat(session.revokeReason).isEqualTo("reuse");
    }

    @Test
    void concurrentRefreshesOfOneTokenStayInOneSession() throws Exception {
        Response signUp = newAccount();
        String original = signUp.cookie("refresh_token");
        String userId = signUp.path("id");
        int racers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                Callable<Response> call = () -> {
                    start.await();
                    return refresh(original);
                };
                futures.add(pool.submit(call));
            }
            start.countDown();
            Set<String> sessions = new HashSet<>();
            Set<String> tokens = new HashSet<>();
            for (Future<Response> future : futures) {
                Response response = future.get();
                response.then().statusCode(204);
                sessions.add(sid(response));
                tokens.add(response.cookie("refresh_token"));
            }
            assertThat(sessions).containsExactly(sid(signUp));
            // One rotation; every racer within the grace window gets its token.
            assertThat(tokens).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        long sessionRows = QuarkusTransaction.requiringNew().call(() -> Session.count("userId", UUID.fromString(userId)));
        assertThat(sessionRows).isEqualTo(1);
        assertThat(liveTokens(sid(signUp))).as("a session never has more than one live refresh token").isEqualTo(1);
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        Response signUp = newAccount();
        UUID session = UUID.fromString(sid(signUp));
        QuarkusTransaction.requiringNew().run(() -> RefreshToken.update("expiresAt = ?1 where sessionId = ?2",
                Instant.now().minusSeconds(1), session));
        Response response = refresh(signUp.cookie("refresh_token"));
        response.then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        expectCleared(response);
    }

    @Test
    void theSessionsAbsoluteLifetimeEndsIt() {
        Response signUp = newAccount();
        UUID session = UUID.fromString(sid(signUp));
        QuarkusTransaction.requiringNew().run(() -> Session.update("expiresAt = ?1 where id = ?2",
                Instant.now().minusSeconds(1), session));
        refresh(signUp.cookie("refresh_token")).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void aRotationNeverOutlivesTheSession() {
        Response signUp = newAccount();
        UUID session = UUID.fromString(sid(signUp));
        QuarkusTransaction.requiringNew().run(() -> Session.update("expiresAt = ?1 where id = ?2",
                Instant.now().plusSeconds(3600), session));
        Response refreshed = refresh(signUp.cookie("refresh_token"));
        refreshed.then().statusCode(204);
        assertThat(refreshed.detailedCookie("refresh_token").getMaxAge()).isBetween(3590L, 3600L);
        RefreshToken latest = QuarkusTransaction.requiringNew().call(() -> RefreshToken
                .<RefreshToken> find("sessionId = ?1 and rotatedAt is null", session).firstResult());
        Session row = QuarkusTransaction.requiringNew().call(() -> Session.<Session> findById(session));
        assertThat(latest.expiresAt).isEqualTo(row.expiresAt);
    }

    @Test
    void storesOnlyTheSha256OfTheToken() throws Exception {
        Response signUp = newAccount();
        String token = signUp.cookie("refresh_token");
        UUID session = UUID.fromString(sid(signUp));
        RefreshToken row = QuarkusTransaction.requiringNew().call(() -> RefreshToken.<RefreshToken> find("sessionId", session).firstResult());
        byte[] expected = java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(row.tokenHash).isEqualTo(expected);
    }
}
