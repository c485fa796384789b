package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.newAccount;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** The access token rules, on the account endpoint: each negative case proves one check alone. */
@QuarkusTest
class AccountTest {

    private static final String ACCOUNT = "/api/v1/account/";

    private static ValidatableResponse withBearer(String token) {
        return given().header("Authorization", "Bearer " + token).get(ACCOUNT).then();
    }

    private static void expectUnauthenticated(ValidatableResponse response) {
        response.statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer")
                .body("code", equalTo("unauthenticated"));
    }

    private static String[] ids(Response account) {
        return new String[] { account.path("id"), Jwts.payload(account.cookie("access_token")).get("sid").toString() };
    }

    @Test
    void answersWithTheAccountForTheBearerToken() {
        Response signUp = newAccount();
        withBearer(signUp.cookie("access_token")).statusCode(200)
                .body("id", equalTo(signUp.path("id")))
                .body("email", equalTo(signUp.path("email")))
                .body("name", equalTo("Test User"))
                .body("email_verified", equalTo(false))
                .body("created_at", equalTo(signUp.path("created_at")))
                .header("Cache-Control", "no-store");
    }

    @Test
    void takesTheCookieWhenTheHeaderIsAbsent() {
        Response signUp = newAccount();
        given().cookie("access_token", signUp.cookie("access_token")).get(ACCOUNT).then().statusCode(200)
                .body("id", equalTo(signUp.path("id")));
        given().cookie("access_token", signUp.cookie("access_token")).get("/api/v1/account").then().statusCode(200);
    }

    @Test
    void theHeaderWinsOverTheCookie() {
        Response first = newAccount();
        Response second = newAccount();
        given().header("Authorization", "Bearer " + second.cookie("access_token"))
                .cookie("access_token", first.cookie("access_token"))
                .get(ACCOUNT).then().statusCode(200).body("id", equalTo(second.path("id")));
        // A bad header is not rescued by a good cookie.
        expectUnauthenticated(given().header("Authorization", "Bearer nonsense")
                .cookie("access_token", first.cookie("access_token")).get(ACCOUNT).then());
    }

    @Test
    void refusesAMissingToken() {
        expectUnauthenticated(given().get(ACCOUNT).then());
    }

    @Test
    void refusesAMalformedToken() {
        expectUnauthenticated(withBearer("not.a.jwt"));
        expectUnauthenticated(withBearer(""));
        expectUnauthenticated(given().header("Authorization", "Basic dXNlcjpwYXNz").get(ACCOUNT).then());
    }

    @Test
    void refusesAnExpiredToken() {
        String[] id = ids(newAccount());
        Instant past = Instant.now().minusSeconds(3600);
        expectUnauthenticated(withBearer(Jwts.sign(Jwts.claims(id[0], id[1]).issuedAt(past.minusSeconds(900)).expiresAt(past),
                Jwts.serviceKey())));
    }

    @Test
    void refusesATokenSignedWithAnotherKey() {
        String[] id = ids(newAccount());
        expectUnauthenticated(withBearer(Jwts.sign(Jwts.claims(id[0], id[1]), Jwts.otherKey())));
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        String[] id = ids(newAccount());
        expectUnauthenticated(withBearer(Jwts.sign(Jwts.claims(id[0], id[1]).issuer("https://evil.example"), Jwts.serviceKey())));
    }

    @Test
    void refusesAnUnsignedToken() {
        String[] id = ids(newAccount());
        expectUnauthenticated(withBearer(Jwts.unsigned(id[0], id[1])));
    }

    @Test
    void refusesATamperedSignature() {
        String token = newAccount().cookie("access_token");
        char last = token.charAt(token.length() - 2);
        String tampered = token.substring(0, token.length() - 2) + (last == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
        expectUnauthenticated(withBearer(tampered));
    }

    @Test
    void aControlTokenMadeTheSameWayIsAccepted() {
        // Proves the helpers above make tokens the service would accept but for the one flaw.
        String[] id = ids(newAccount());
        withBearer(Jwts.sign(Jwts.claims(id[0], id[1]), Jwts.serviceKey())).statusCode(200).body("id", equalTo(id[0]));
    }

    @Test
    void aValidTokenForAnAccountThatDoesNotExistIsRefused() {
        expectUnauthenticated(withBearer(Jwts.sign(Jwts.claims(UUID.randomUUID().toString(), UUID.randomUUID().toString()),
                Jwts.serviceKey())));
    }
}
