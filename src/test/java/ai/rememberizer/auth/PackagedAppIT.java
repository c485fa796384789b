package ai.rememberizer.auth;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Api;
import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.MailServer;
import ai.rememberizer.auth.support.PackagedApp;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.response.Response;

/**
 * The whole flow against the packaged application in the production profile: the JVM jar by
 * default, the native executable with {@code -Dnative}. What differs in native (reflection,
 * resources, build-time initialisation, Bouncy Castle's Argon2, Qute's mails, JSON logs) is
 * played here over HTTP, with the codes read from the mails the executable sent.
 */
@QuarkusIntegrationTest
@WithTestResource(value = PackagedAppIT.Settings.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class PackagedAppIT {

    /** Production settings for the run: the database schema, plain-http cookies. */
    public static class Settings implements QuarkusTestResourceLifecycleManager {
        @Override
        public Map<String, String> start() {
            // The captcha stub and the SMTP server come from the shared test resources.
            Map<String, String> env = PackagedApp.freshEnvironment("auth_packaged");
            Map<String, String> config = new HashMap<>();
            config.put("quarkus.datasource.jdbc.url", env.get("QUARKUS_DATASOURCE_JDBC_URL"));
            config.put("quarkus.datasource.username", "postgres");
            config.put("quarkus.datasource.password", "postgres");
            config.put("quarkus.flyway.schemas", "auth_packaged");
            config.put("quarkus.flyway.clean-disabled", "false");
            config.put("quarkus.flyway.clean-at-start", "true");
            // The keys: the pair quarkus-smallrye-jwt generated for the test run, which Quarkus hands to
            // the packaged application too (PEM files are exercised by TwoInstancesIT).
            config.put("auth.cookie.secure", "false");
            config.put("auth.data-secret", PackagedApp.DATA_SECRET);
            // A reset code may follow the sign-up mail at once.
            config.put("auth.limits.code-mail-interval", "PT0.5S");
            return config;
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void signUpVerifySignInRefreshAndLogOut() {
        String email = "packaged-" + System.nanoTime() + "@example.com";
        Response signUp = json().body(Map.of("email", email, "password", PASSWORD, "name", "Packaged", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/");
        signUp.then().statusCode(201).header("Location", "/api/v1/account/");

        String code = MailServer.awaitCode(email, 1);
        Response signIn = json().body(Map.of("login", email, "password", PASSWORD, "captcha", CaptchaStub.PASS)).post(AUTH + "signin/");
        signIn.then().statusCode(204);
        Response verified = given().header("Authorization", "Bearer " + signIn.cookie("access_token")).contentType("application/json")
                .body(Map.of("verification_code", code)).post(AUTH + "verify-email/");
        verified.then().statusCode(200).body("email_verified", equalTo(true));
        assertThat(Jwts.payload(verified.cookie("access_token")).get("email_verified")).isEqualTo(true);

        Response refreshed = given().cookie("refresh_token", signIn.cookie("refresh_token")).post(AUTH + "custom-refresh/");
        refreshed.then().statusCode(204);
        given().cookie("access_token", refreshed.cookie("access_token")).get("/api/v1/account/").then().statusCode(200)
                .body("email_verified", equalTo(true));
        given().cookie("refresh_token", refreshed.cookie("refresh_token")).post(AUTH + "custom-logout/").then().statusCode(204);
        given().cookie("refresh_token", refreshed.cookie("refresh_token")).post(AUTH + "custom-refresh/").then().statusCode(401);
    }

    @Test
    void servesItsKeysHealthAndProblems() {
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys[0].kty", equalTo("RSA"));
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/nothing").then().statusCode(404).contentType("application/problem+json");
        json().body("{").post(AUTH + "signin/").then().statusCode(400).body("code", equalTo("validation_failed"));
    }

    @Test
    void aRotatedTokenReplayedWithinTheGraceGetsTheCurrentOne() {
        Response signUp = Api.newAccount();
        String first = signUp.cookie("refresh_token");
        Response rotated = Api.refresh(first);
        rotated.then().statusCode(204);
        // Another tab presents the token just rotated: it gets the session's current token.
        Response replayed = Api.refresh(first);
        replayed.then().statusCode(204);
        assertThat(replayed.cookie("refresh_token")).isEqualTo(rotated.cookie("refresh_token"));
        assertThat(Jwts.payload(replayed.cookie("access_token")).get("sid"))
                .isEqualTo(Jwts.payload(rotated.cookie("access_token")).get("sid"));
        Api.refresh(rotated.cookie("refresh_token")).then().statusCode(204);
    }

    @Test
    void aForgottenPasswordIsResetWithTheMailedCode() {
        String email = Api.uniqueEmail();
        Response signUp = Api.signUp(email, PASSWORD);
        signUp.then().statusCode(201);
        MailServer.awaitCode(email, 1);
        Api.requestReset(email).then().statusCode(202);
        String code = MailServer.awaitResetCode(email, 1);
        String newPassword = "a brand new passphrase";
        Api.confirmReset(email, code, newPassword).then().statusCode(204);

        Api.signIn(email, PASSWORD).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        Api.signIn(email, newPassword).then().statusCode(204);
        // Every session from before the reset is gone.
        Api.refresh(signUp.cookie("refresh_token")).then().statusCode(401);
    }

    @Test
    void sessionsAreListedAndRevoked() {
        String email = Api.uniqueEmail();
        Api.signUp(email, PASSWORD).then().statusCode(201);
        Response laptop = Api.signIn(email, PASSWORD);
        laptop.then().statusCode(204);
        Response phone = Api.signIn(email, PASSWORD);
        phone.then().statusCode(204);

        Response listed = Api.as(laptop).get(AUTH + "sessions/");
        listed.then().statusCode(200).body("sessions.size()", equalTo(3)).body("sessions.findAll { it.current }.size()", equalTo(1));
        String phoneSession = (String) Jwts.payload(phone.cookie("access_token")).get("sid");
        Api.as(laptop).delete(AUTH + "sessions/" + phoneSession + "/").then().statusCode(204);
        Api.refresh(phone.cookie("refresh_token")).then().statusCode(401);
        Api.as(laptop).get(AUTH + "sessions/").then().statusCode(200).body("sessions.size()", equalTo(2));
        Api.refresh(laptop.cookie("refresh_token")).then().statusCode(204);
    }
}
