package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.as;
import static ai.rememberizer.auth.support.Api.confirmReset;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.requestReset;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.MailServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * One account from the first day to the last, over HTTP, with every code read from the mail:
 * sign up, verify, sign in on two devices, list sessions, revoke the other, change the
 * password, forget it, reset it, change the address, delete the account, and sign up again with
 * the freed address.
 */
@QuarkusTest
class WholeLifeTest {

    private static final String FIRST = "first good passphrase";
    private static final String SECOND = "second good passphrase";
    private static final String THIRD = "third good passphrase";

    private static void outwaitMailInterval() throws InterruptedException {
        Thread.sleep(2300);
    }

    private static Response signInFrom(String email, String password, String device) {
        Response response = json().header("User-Agent", device)
                .body(Map.of("login", email, "password", password, "captcha", CaptchaStub.PASS)).post(AUTH + "signin/");
        response.then().statusCode(204);
        return response;
    }

    private static String sid(Response response) {
        return Jwts.payload(response.cookie("access_token")).get("sid").toString();
    }

    @Test
    void anAccountsWholeLife() throws Exception {
        String email = uniqueEmail();
        Response signUp = json().body(Map.of("email", email, "password", FIRST, "name", "Life", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/");
        signUp.then().statusCode(201);

        // Verify.
        String verification = MailServer.awaitCode(email, "verification code", 1);
        as(signUp).contentType(ContentType.JSON).body(Map.of("verification_code", verification)).post(AUTH + "verify-email/").then()
                .statusCode(200);

        // Two devices; the laptop sees both and ends the phone's.
        Response laptop = signInFrom(email, FIRST, "Laptop");
        Response phone = signInFrom(email, FIRST, "Phone");
        var ids = as(laptop).get(AUTH + "sessions/").then().statusCode(200).extract().jsonPath().getList("sessions.id");
        assertThat(ids).contains(sid(laptop), sid(phone), sid(signUp));
        as(laptop).delete(AUTH + "sessions/" + sid(phone) + "/").then().statusCode(204);
        refresh(phone.cookie("refresh_token")).then().statusCode(401);

        // A new password; the other sessions end.
        Response changed = as(laptop).contentType(ContentType.JSON).body(Map.of("current_password", FIRST, "new_password", SECOND))
                .post(AUTH + "password/change/");
        changed.then().statusCode(204);
        refresh(signUp.cookie("refresh_token")).then().statusCode(401);

        // Forgotten; reset.
        outwaitMailInterval();
        requestReset(email).then().statusCode(202);
        Response reset = confirmReset(email, MailServer.awaitResetCode(email, 1), THIRD);
        reset.then().statusCode(204);
        refresh(changed.cookie("refresh_token")).then().statusCode(401);
        signIn(email, SECOND).then().statusCode(401);

        // A new address.
        String moved = uniqueEmail();
        outwaitMailInterval();
        as(reset).contentType(ContentType.JSON).body(Map.of("new_email", moved, "password", THIRD)).post("/api/v1/account/email/")
                .then().statusCode(202);
        Response confirmed = as(reset).contentType(ContentType.JSON)
                .body(Map.of("code", MailServer.awaitCode(moved, "Confirm your new", 1))).post("/api/v1/account/email/confirm/");
        confirmed.then().statusCode(200).body("email", equalTo(moved));
        MailServer.awaitMail(email, "address was changed", 1);

        // Leave; the address is free again.
        Response atNewAddress = signInFrom(moved, THIRD, "Laptop");
        as(atNewAddress).contentType(ContentType.JSON).body(Map.of("password", THIRD)).delete("/api/v1/account/").then().statusCode(204);
        signIn(moved, THIRD).then().statusCode(401);
        json().body(Map.of("email", moved, "password", FIRST, "name", "Again", "captcha", CaptchaStub.PASS)).post(AUTH + "signup/")
                .then().statusCode(201).body("email_verified", equalTo(false));
    }
}
