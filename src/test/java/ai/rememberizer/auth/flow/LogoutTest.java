package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.newAccount;
import static ai.rememberizer.auth.support.Api.refresh;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

@QuarkusTest
class LogoutTest {

    private static void expectClearedAnd204(Response response) {
        response.then().statusCode(204).header("Cache-Control", "no-store");
        for (String name : List.of("access_token", "refresh_token")) {
            Cookie cookie = response.detailedCookie(name);
            assertThat(cookie.getValue()).isEmpty();
            assertThat(cookie.getMaxAge()).isZero();
            assertThat(cookie.isHttpOnly()).isTrue();
        }
    }

    @Test
    void withNothingIsStill204AndClearsTheCookies() {
        expectClearedAnd204(given().post(AUTH + "custom-logout/"));
        expectClearedAnd204(given().post(AUTH + "custom-logout"));
    }

    @Test
    void revokesTheSessionOfTheRefreshCookie() {
        Response signUp = newAccount();
        String token = signUp.cookie("refresh_token");
        expectClearedAnd204(given().cookie("refresh_token", token).post(AUTH + "custom-logout/"));
        refresh(token).then().statusCode(401).body("code", equalTo("invalid_refresh_token"));
        // Idempotent.
        expectClearedAnd204(given().cookie("refresh_token", token).post(AUTH + "custom-logout/"));
    }

    @Test
    void revokesTheSessionOfAValidAccessToken() {
        Response signUp = newAccount();
        expectClearedAnd204(given().header("Authorization", "Bearer " + signUp.cookie("access_token")).post(AUTH + "custom-logout/"));
        refresh(signUp.cookie("refresh_token")).then().statusCode(401);

        Response other = newAccount();
        expectClearedAnd204(given().cookie("access_token", other.cookie("access_token")).post(AUTH + "custom-logout/"));
        refresh(other.cookie("refresh_token")).then().statusCode(401);
    }

    @Test
    void leavesOtherSessionsAlone() {
        Response signUp = newAccount();
        Response another = newAccount();
        given().cookie("refresh_token", signUp.cookie("refresh_token")).post(AUTH + "custom-logout/").then().statusCode(204);
        refresh(another.cookie("refresh_token")).then().statusCode(204);
    }

    /** Each forged token names a real session; none may revoke it. */
    private static void expectNotRevokedBy(String forged, Response victim) {
        expectClearedAnd204(given().header("Authorization", "Bearer " + forged).post(AUTH + "custom-logout/"));
        refresh(victim.cookie("refresh_token")).then().statusCode(204);
    }

    private static String[] ids(Response victim) {
        String access = victim.cookie("access_token");
        return new String[] { Jwts.payload(access).get("sub").toString(), Jwts.payload(access).get("sid").toString() };
    }

    @Test
    void ignoresATokenSignedWithAnotherKey() {
        Response victim = newAccount();
        String[] id = ids(victim);
        expectNotRevokedBy(Jwts.sign(Jwts.claims(id[0], id[1]), Jwts.otherKey()), victim);
    }

    @Test
    void ignoresAnExpiredToken() {
        Response victim = newAccount();
        String[] id = ids(victim);
        Instant past = Instant.now().minusSeconds(3600);
        expectNotRevokedBy(Jwts.sign(Jwts.claims(id[0], id[1]).issuedAt(past.minusSeconds(900)).expiresAt(past), Jwts.serviceKey()), victim);
    }

    @Test
    void ignoresATokenFromAnotherIssuer() {
        Response victim = newAccount();
        String[] id = ids(victim);
        expectNotRevokedBy(Jwts.sign(Jwts.claims(id[0], id[1]).issuer("https://evil.example"), Jwts.serviceKey()), victim);
    }

    @Test
    void ignoresAnUnsignedToken() {
        Response victim = newAccount();
        String[] id = ids(victim);
        expectNotRevokedBy(Jwts.unsigned(id[0], id[1]), victim);
    }

    @Test
    void ignoresATamperedToken() {
        Response victim = newAccount();
        Response attacker = newAccount();
        String[] id = ids(victim);
        // The attacker's genuine token with its payload swapped for one naming the victim's session.
        String genuine = attacker.cookie("access_token");
        String forgedPayload = Jwts.sign(Jwts.claims(id[0], id[1]), Jwts.otherKey()).split("\\.")[1];
        String[] parts = genuine.split("\\.");
        expectNotRevokedBy(parts[0] + "." + forgedPayload + "." + parts[2], victim);
    }

    @Test
    void ignoresGarbage() {
        Response victim = newAccount();
        expectNotRevokedBy("not-a-jwt", victim);
        expectClearedAnd204(given().header("Authorization", "Basic dXNlcjpwYXNz").cookie("refresh_token", "garbage")
                .post(AUTH + "custom-logout/"));
    }
}
