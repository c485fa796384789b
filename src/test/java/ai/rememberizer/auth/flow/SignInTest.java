package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.crypto.Argon2idPasswordHasher;
import ai.rememberizer.auth.session.Session;
import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.Jwts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
class SignInTest {

    @Test
    void signsInAnUnverifiedUserWithAnyCaseOfTheLogin() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);

        Response response = signIn("  " + email.toUpperCase() + " ", PASSWORD);
        response.then().statusCode(204).header("Cache-Control", "no-store");
        assertThat(response.asString()).isEmpty();
        Map<String, Object> claims = Jwts.payload(response.cookie("access_token"));
        assertThat(claims.get("email_verified")).isEqualTo(false);
        assertThat(claims.get("email")).isEqualTo(email);
        assertThat(response.detailedCookie("refresh_token").getPath()).isEqualTo("/api/v1/auth/");
    }

    @Test
    void eachSignInStartsItsOwnSession() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        String first = Jwts.payload(signIn(email, PASSWORD).cookie("access_token")).get("sid").toString();
        String second = Jwts.payload(signIn(email, PASSWORD).cookie("access_token")).get("sid").toString();
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void unknownLoginAndWrongPasswordGetTheSameAnswer() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);

        Response wrongPassword = signIn(email, "not the password");
        Response unknownLogin = signIn(uniqueEmail(), "not the password");

        wrongPassword.then().statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid_credentials"));
        unknownLogin.then().statusCode(401).contentType("application/problem+json").body("code", equalTo("invalid_credentials"));
        assertThat(wrongPassword.asString()).isEqualTo(unknownLogin.asString());
        assertThat(wrongPassword.getCookies()).isEmpty();
        assertThat(unknownLogin.getCookies()).isEmpty();
    }

    @Test
    void refusesMissingFieldsAndWrongTypes() {
        for (String missing : new String[] { "login", "password" }) {
            Map<String, Object> body = new HashMap<>(Map.of("login", uniqueEmail(), "password", PASSWORD, "captcha", CaptchaStub.PASS));
            body.remove(missing);
            json().body(body).post(AUTH + "signin/").then().statusCode(400)
                    .body("code", equalTo("validation_failed")).body("errors." + missing, equalTo("is required"));
        }
        json().body(Map.of("login", 42, "password", PASSWORD, "captcha", CaptchaStub.PASS)).post(AUTH + "signin/").then()
                .statusCode(400).body("code", equalTo("validation_failed")).body("errors.login", equalTo("has the wrong type"));
    }

    @Test
    void checksTheCaptcha() {
        json().body(Map.of("login", uniqueEmail(), "password", PASSWORD)).post(AUTH + "signin/").then()
                .statusCode(400).body("code", equalTo("captcha_invalid"));
        json().body(Map.of("login", uniqueEmail(), "password", PASSWORD, "captcha", CaptchaStub.REFUSED)).post(AUTH + "signin/")
                .then().statusCode(400).body("code", equalTo("captcha_invalid"));
    }

    @Test
    void aPasswordHashedBeforeNormalisationStillSignsInAndIsRehashedNormalised() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        // A ligature: the hash made before passwords were normalised holds it as typed.
        String typed = "\ufb01sh and chips for two";
        String legacy = new Argon2idPasswordHasher(19456, 2, 1, 1).hash(typed);
        QuarkusTransaction.requiringNew().run(() -> User.update("passwordHash = ?1 where emailKey = ?2", legacy, User.keyOf(email)));

        signIn(email, typed).then().statusCode(204);

        String stored = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow().passwordHash);
        assertThat(stored).isNotEqualTo(legacy);
        signIn(email, "fish and chips for two").then().statusCode(204);
    }

    @Test
    void aLoginWhoseLowerCaseIsLongerIsCountedNotA500() {
        String login = "\u0130".repeat(240) + "@example.com";
        for (int i = 0; i < 5; i++) {
            signIn(login, "wrong password").then().statusCode(401).body("code", equalTo("invalid_credentials"));
        }
        signIn(login, "wrong password").then().statusCode(429).body("code", equalTo("rate_limited"));
    }

    @Test
    void upgradesAHashMadeWithOlderParameters() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        String old = new Argon2idPasswordHasher(8192, 1, 1, 1).hash(PASSWORD);
        QuarkusTransaction.requiringNew().run(() -> User.update("passwordHash = ?1 where emailKey = ?2", old, User.keyOf(email)));

        signIn(email, PASSWORD).then().statusCode(204);

        String stored = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow().passwordHash);
        assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(old);
        signIn(email, PASSWORD).then().statusCode(204);
    }

    @Test
    void aFailedSignInStartsNoSession() {
        String email = uniqueEmail();
        String userId = signUp(email, PASSWORD).path("id");
        signIn(email, "wrong password!").then().statusCode(401);
        long sessions = QuarkusTransaction.requiringNew().call(() -> Session.count("userId", java.util.UUID.fromString(userId)));
        assertThat(sessions).isEqualTo(1);
    }
}
