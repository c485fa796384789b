package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.as;
import static ai.rememberizer.auth.support.Api.confirmReset;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.requestReset;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.limits.RateLimit;
import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.MailServer;
import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The account: its name, its address, and leaving. */
@QuarkusTest
class AccountLifecycleTest {

    private static void outwaitMailInterval() throws InterruptedException {
        Thread.sleep(2300);
    }

    private static Response requestEmailChange(Response signedIn, String newEmail, String password) {
        return as(signedIn).contentType(ContentType.JSON).body(Map.of("new_email", newEmail, "password", password))
                .post("/api/v1/account/email/");
    }

    private static Response confirmEmailChange(Response signedIn, String code) {
        return as(signedIn).contentType(ContentType.JSON).body(Map.of("code", code)).post("/api/v1/account/email/confirm/");
    }

    private static long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) User.getEntityManager().createNativeQuery(sql)
                .setParameter(1, parameter).getSingleResult()).longValue());
    }

    @Test
    void theNameChanges() {
        Response account = signUp(uniqueEmail(), PASSWORD);
        as(account).contentType(ContentType.JSON).body(Map.of("name", "  Ada Lovelace  ")).patch("/api/v1/account/").then()
                .statusCode(200).body("name", equalTo("Ada Lovelace")).header("Cache-Control", "no-store");
        as(account).get("/api/v1/account").then().body("name", equalTo("Ada Lovelace"));
        for (Object bad : new Object[] { "", "x".repeat(151), "a\u202eb", 42 }) {
            as(account).contentType(ContentType.JSON).body(Map.of("name", bad)).patch("/api/v1/account/").then().statusCode(400)
                    .body("code", equalTo("validation_failed"));
        }
        given().contentType(ContentType.JSON).body(Map.of("name", "x")).patch("/api/v1/account/").then().statusCode(401);
    }

    @Test
    void theAddressChangesWithACodeSentToTheNewOneAndANoticeToTheOldOne() throws Exception {
        String old = uniqueEmail();
        String fresh = uniqueEmail();
        Response account = signUp(old, PASSWORD);
        Object exp = Jwts.payload(account.cookie("access_token")).get("exp");
        outwaitMailInterval();

        requestEmailChange(account, fresh, PASSWORD).then().statusCode(202);
        String code = MailServer.awaitCode(fresh, "Confirm your new", 1);
        Thread.sleep(1100);
        Response confirmed = confirmEmailChange(account, code);

        confirmed.then().statusCode(200).body("email", equalTo(fresh)).body("email_verified", equalTo(true));
        String access = confirmed.cookie("access_token");
        assertThat(Jwts.payload(access).get("email")).isEqualTo(fresh);
        assertThat(Jwts.payload(access).get("exp")).as("never outlives the presented token").isEqualTo(exp);
        MailServer.awaitMail(old, "address was changed", 1);
        signIn(fresh, PASSWORD).then().statusCode(204);
        signIn(old, PASSWORD).then().statusCode(401);
        // The old address is free.
        signUp(old, PASSWORD).then().statusCode(201);
    }

    @Test
    void aTakenAddressAWrongPasswordAndBadCodesAreRefused() throws Exception {
        String email = uniqueEmail();
        String taken = uniqueEmail();
        signUp(taken, PASSWORD).then().statusCode(201);
        Response account = signUp(email, PASSWORD);
        outwaitMailInterval(); // the taken address's own sign-up mail counts against its mailbox
        requestEmailChange(account, taken.toUpperCase(), PASSWORD).then().statusCode(409).body("code", equalTo("email_taken"));
        requestEmailChange(account, uniqueEmail(), "not the password").then().statusCode(400)
                .body("code", equalTo("invalid_current_password"));
        requestEmailChange(account, "not an address", PASSWORD).then().statusCode(400).body("errors.new_email", notNullValue());
        requestEmailChange(account, email, PASSWORD).then().statusCode(400).body("errors.new_email", notNullValue());
        confirmEmailChange(account, "123456").then().statusCode(400).body("code", equalTo("code_expired"));

        // Taken meanwhile: asked while free, signed up by someone else before the code came back.
        String contested = uniqueEmail();
        outwaitMailInterval();
        requestEmailChange(account, contested, PASSWORD).then().statusCode(202);
        String code = MailServer.awaitCode(contested, "Confirm your new", 1);
        signUp(contested, PASSWORD).then().statusCode(201);
        confirmEmailChange(account, code).then().statusCode(409).body("code", equalTo("email_taken"));
        as(account).get("/api/v1/account").then().body("email", equalTo(email));
    }

    @Test
    void aResetCodeForTheOldAddressDiesWhenTheAddressChanges() throws Exception {
        String old = uniqueEmail();
        String moved = uniqueEmail();
        Response account = signUp(old, PASSWORD);
        account.then().statusCode(201);
        outwaitMailInterval();
        // Someone who reads the old mailbox asks for a reset; the owner then moves the account.
        requestReset(old).then().statusCode(202);
        String resetCode = MailServer.awaitResetCode(old, 1);
        requestEmailChange(account, moved, PASSWORD).then().statusCode(202);
        confirmEmailChange(account, MailServer.awaitCode(moved, "Confirm your new", 1)).then().statusCode(200);

        confirmReset(old, resetCode, "a brand new passphrase").then().statusCode(400);
        signIn(moved, PASSWORD).then().statusCode(204);
        signIn(moved, "a brand new passphrase").then().statusCode(401);
    }

    @Test
    void aTakenAddressWithTheRightPasswordIsNoFailedSignInAndLookupsAreLimited() throws Exception {
        String email = uniqueEmail();
        Response account = signUp(email, PASSWORD);
        account.then().statusCode(201);
        List<String> taken = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            taken.add(uniqueEmail());
            signUp(taken.get(i), PASSWORD).then().statusCode(201);
        }
        outwaitMailInterval();
        List<Integer> statuses = new ArrayList<>();
        for (String address : taken) {
            statuses.add(requestEmailChange(account, address, PASSWORD).statusCode());
        }
        // Each request counts as a code mail before the address is looked up: no free lookups.
        assertThat(statuses).containsOnly(409, 429).contains(409, 429);
        signIn(email, PASSWORD).then().statusCode(204);
    }

    @Test
    void deletingTheAccountTakesEverythingTiedToItAndFreesTheAddressButNotTheMailboxsCounters() throws Exception {
        String email = uniqueEmail();
        Response account = signUp(email, PASSWORD);
        String id = account.path("id");
        MailServer.awaitCode(email, 1);
        Response other = signIn(email, PASSWORD);
        signIn(email, "one wrong password").then().statusCode(401);

        as(account).contentType(ContentType.JSON).body(Map.of("password", "not it")).delete("/api/v1/account/").then()
                .statusCode(400).body("code", equalTo("invalid_current_password"));
        Response deleted = as(account).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).delete("/api/v1/account/");

        deleted.then().statusCode(204).header("Cache-Control", "no-store");
        assertThat(deleted.detailedCookie("access_token").getMaxAge()).isZero();
        assertThat(deleted.detailedCookie("refresh_token").getMaxAge()).isZero();
        UUID userId = UUID.fromString(id);
        assertThat(count("SELECT count(*) FROM users WHERE id = ?1", userId)).isZero();
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ?1", userId)).isZero();
        assertThat(count("SELECT count(*) FROM verification_codes WHERE user_id = ?1", userId)).isZero();
        // Sent mail too: no row keeps the address.
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE lower(recipient) = lower(?1)", email)).isZero();
        assertThat(count("SELECT count(*) FROM rate_limits WHERE bucket = ?1", RateLimit.SIGNIN_FAILURES_PER_ACCOUNT.key(User.keyOf(email))))
                .isZero();
        assertThat(count("SELECT count(*) FROM rate_limits WHERE bucket = ?1", RateLimit.CODE_MAILS_PER_DAY.key(id))).isZero();
        // Round 3: what is keyed by the mailbox stays until its window closes, so that a sign-up
        // and delete cycle cannot mail the inbox past its limits.
        assertThat(count("SELECT count(*) FROM rate_limits WHERE bucket = ?1",
                RateLimit.CODE_MAILS_PER_MAILBOX_DAY.key(User.keyOf(email)))).isOne();
        refresh(other.cookie("refresh_token")).then().statusCode(401);
        as(account).get("/api/v1/account").then().statusCode(401);
        signUp(email, PASSWORD).then().statusCode(201);
    }
}
