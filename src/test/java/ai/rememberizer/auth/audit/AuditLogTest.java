package ai.rememberizer.auth.audit;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.json;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.MailServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every auth event leaves one structured line, and no secret ever reaches the log. */
@QuarkusTest
class AuditLogTest {

    private static final Path LOG = Path.of("target/quarkus-test.log");

    @Test
    void eventsAreLoggedAndSecretsAreNot() throws Exception {
        String email = "audit-" + System.nanoTime() + "@example.com";
        String password = "Zq9-audit-secret-" + System.nanoTime();
        Response signUp = json().body(Map.of("email", email, "password", password, "name", "Audit", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/");
        signUp.then().statusCode(201);
        String userId = signUp.path("id");
        String code = MailServer.awaitCode(email, 1);

        json().body(Map.of("login", email, "password", password + "x", "captcha", CaptchaStub.PASS)).post(AUTH + "signin/")
                .then().statusCode(401);
        Response signIn = json().body(Map.of("login", email, "password", password, "captcha", CaptchaStub.PASS))
                .post(AUTH + "signin/");
        signIn.then().statusCode(204);
        String access = signIn.cookie("access_token");
        String refresh = signIn.cookie("refresh_token");
        Response verified = given().header("Authorization", "Bearer " + access).contentType("application/json")
                .body(Map.of("verification_code", code)).post(AUTH + "verify-email/");
        verified.then().statusCode(200);
        Response refreshed = given().cookie("refresh_token", refresh).post(AUTH + "custom-refresh/");
        refreshed.then().statusCode(204);
        given().cookie("refresh_token", refreshed.cookie("refresh_token")).post(AUTH + "custom-logout/").then().statusCode(204);
        given().cookie("refresh_token", refresh).post(AUTH + "custom-refresh/").then().statusCode(401);

        String log = Files.readString(LOG);
        List<String> mine = log.lines().filter(l -> l.contains("[audit]"))
                .filter(l -> l.contains(userId) || l.contains(email)).toList();
        assertThat(mine).anyMatch(l -> l.contains("\"event\":\"signup\"") && l.contains("\"outcome\":\"success\""));
        assertThat(mine).anyMatch(l -> l.contains("\"event\":\"signin\"") && l.contains("\"reason\":\"invalid_credentials\"")
                && l.contains("\"login\":\"" + email + "\""));
        assertThat(mine).anyMatch(l -> l.contains("\"event\":\"signin\"") && l.contains("\"outcome\":\"success\"")
                && l.contains("\"session_id\""));
        assertThat(mine).anyMatch(l -> l.contains("\"event\":\"verify_email\"") && l.contains("\"outcome\":\"success\""));
        assertThat(mine).anyMatch(l -> l.contains("\"event\":\"refresh\"") && l.contains("\"outcome\":\"success\""));
        assertThat(mine).anyMatch(l -> l.contains("\"event\":\"logout\"") && l.contains("\"outcome\":\"success\""));
        assertThat(mine).allMatch(l -> l.contains("\"client\""));

        assertThat(log).doesNotContain(password)
                .doesNotContain(access)
                .doesNotContain(refresh)
                .doesNotContain(refreshed.cookie("refresh_token"))
                .doesNotContain(verified.cookie("access_token"))
                .doesNotContain(access.split("\\.")[2])
                .doesNotContain(CaptchaStub.SECRET);
        // The code as a number of its own (not as a run inside a hex id).
        assertThat(log).doesNotContainPattern("(?<![0-9a-fA-F])" + code + "(?![0-9a-fA-F])");
    }

    @Test
    void aPasswordTypedIntoTheLoginFieldNeverReachesTheLog() throws Exception {
        // Before round 3 the login was logged as typed, and people type their password there.
        String typed = "Zq9-typed-into-login-" + System.nanoTime();
        json().body(Map.of("login", typed, "password", "whatever it is", "captcha", CaptchaStub.PASS)).post(AUTH + "signin/")
                .then().statusCode(401);
        String address = "audit-login-" + System.nanoTime() + "@example.com";
        json().body(Map.of("login", address, "password", "whatever it is", "captcha", CaptchaStub.PASS)).post(AUTH + "signin/")
                .then().statusCode(401);

        String log = Files.readString(LOG);
        assertThat(log).doesNotContain(typed);
        assertThat(log.lines().filter(l -> l.contains("[audit]")))
                .anyMatch(l -> l.contains("\"event\":\"signin\"") && l.contains("\"login\":\"(not an address)\""))
                .anyMatch(l -> l.contains("\"event\":\"signin\"") && l.contains("\"login\":\"" + address + "\""));
    }
}
