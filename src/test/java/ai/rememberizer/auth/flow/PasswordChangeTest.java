package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.as;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.MailServer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class PasswordChangeTest {

    private static final String NEW_PASSWORD = "another good passphrase";

    private static Response change(Response signedIn, String current, String replacement) {
        return as(signedIn).contentType(ContentType.JSON).body(Map.of("current_password", current, "new_password", replacement))
                .post(AUTH + "password/change/");
    }

    @Test
    void theCurrentSessionGoesOnWithFreshCookiesAndEveryOtherEnds() {
        String email = uniqueEmail();
        Response here = signUp(email, PASSWORD);
        here.then().statusCode(201);
        Response elsewhere = signIn(email, PASSWORD);

        Response changed = change(here, PASSWORD, NEW_PASSWORD);

        changed.then().statusCode(204).header("Cache-Control", "no-store");
        assertThat(changed.cookie("refresh_token")).isNotBlank().isNotEqualTo(here.cookie("refresh_token"));
        assertThat(Jwts.payload(changed.cookie("access_token")).get("sid")).isEqualTo(Jwts.payload(here.cookie("access_token")).get("sid"));
        refresh(here.cookie("refresh_token")).then().statusCode(401);
        refresh(elsewhere.cookie("refresh_token")).then().statusCode(401);
        refresh(changed.cookie("refresh_token")).then().statusCode(204);
        signIn(email, PASSWORD).then().statusCode(401);
        signIn(email, NEW_PASSWORD).then().statusCode(204);
        MailServer.awaitMail(email, "password was changed", 1);
    }

    @Test
    void aWrongCurrentPasswordCountsAsAFailedSignIn() {
        String email = uniqueEmail();
        Response account = signUp(email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            change(account, "not the password " + i, NEW_PASSWORD).then().statusCode(400)
                    .body("code", equalTo("invalid_current_password"));
        }
        change(account, PASSWORD, NEW_PASSWORD).then().statusCode(429).body("code", equalTo("rate_limited"))
                .header("Retry-After", notNullValue());
        signIn(email, PASSWORD).then().statusCode(429);
    }

    @Test
    void theNewPasswordObeysTheRulesAndTheCallNeedsAToken() {
        String email = uniqueEmail();
        Response account = signUp(email, PASSWORD);
        for (String weak : new String[] { "short", "qwertyuiop", email }) {
            change(account, PASSWORD, weak).then().statusCode(400).body("code", equalTo("validation_failed"))
                    .body("errors.new_password", notNullValue());
        }
        change(account, "", NEW_PASSWORD).then().statusCode(400).body("errors.current_password", notNullValue());
        given().contentType(ContentType.JSON).body(Map.of("current_password", PASSWORD, "new_password", NEW_PASSWORD))
                .post(AUTH + "password/change").then().statusCode(401).body("code", equalTo("unauthenticated"));
        signIn(email, PASSWORD).then().statusCode(204);
    }

    @Test
    void aRevokedSessionCannotChangeThePassword() {
        String email = uniqueEmail();
        Response account = signUp(email, PASSWORD);
        as(account).post(AUTH + "custom-logout/").then().statusCode(204);
        change(account, PASSWORD, NEW_PASSWORD).then().statusCode(401);
        signIn(email, PASSWORD).then().statusCode(204);
    }
}
