package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.confirmReset;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.requestReset;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.ImportedUsers.djangoFixture;
import static ai.rememberizer.auth.support.ImportedUsers.withHash;
import static ai.rememberizer.auth.support.QueuedMails.awaitResetRequestsHandled;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.limits.ClientAddress;
import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.ImportedUsers.Fixture;
import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.MailServer;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.VerificationCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** The forgotten password, as a user lives it: the code read from the mail GreenMail received. */
@QuarkusTest
class PasswordResetTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    /**
     * Code mails to one mailbox are one per interval (2 s in the test profile), the sign-up mail
     * included: a reset asked right after a sign-up would be (silently) refused.
     */
    private static void outwaitMailInterval() throws InterruptedException {
        Thread.sleep(2300);
    }

    @Test
    void aResetSignsInOnANewSessionEndsEveryOtherAndMailsANotice() throws Exception {
        String email = uniqueEmail();
        Response first = signUp(email, PASSWORD);
        first.then().statusCode(201);
        Response second = signIn(email, PASSWORD);
        second.then().statusCode(204);
        outwaitMailInterval();

        requestReset(email).then().statusCode(202).header("Content-Length", "0");
        String code = MailServer.awaitResetCode(email, 1);
        Response reset = confirmReset(email, code, NEW_PASSWORD);

        reset.then().statusCode(204).header("Cache-Control", "no-store");
        assertThat(reset.cookie("refresh_token")).isNotBlank();
        assertThat(Jwts.payload(reset.cookie("access_token")).get("email_verified")).isEqualTo(true);
        refresh(first.cookie("refresh_token")).then().statusCode(401);
        refresh(second.cookie("refresh_token")).then().statusCode(401);
        refresh(reset.cookie("refresh_token")).then().statusCode(204);
        signIn(email, PASSWORD).then().statusCode(401);
        signIn(email, NEW_PASSWORD).then().statusCode(204);
        MailServer.awaitMail(email, "password was changed", 1);
        // A code works once.
        confirmReset(email, code, "yet another passphrase").then().statusCode(400).body("code", equalTo("invalid_code"));
    }

    @Test
    void anAddressWithNoAccountAnswersExactlyLikeOneWithAnAccount() throws Exception {
        String known = uniqueEmail();
        signUp(known, PASSWORD).then().statusCode(201);
        String unknown = uniqueEmail();
        outwaitMailInterval();

        Response knownRequest = requestReset(known);
        Response unknownRequest = requestReset(unknown);
        assertThat(unknownRequest.statusCode()).isEqualTo(knownRequest.statusCode()).isEqualTo(202);
        assertThat(unknownRequest.asString()).isEqualTo(knownRequest.asString()).isEmpty();
        String realCode = MailServer.awaitResetCode(known, 1);
        String wrong = realCode.equals("000000") ? "111111" : "000000";
        awaitResetRequestsHandled(known, unknown);

        // The same answers, attempt after attempt, to the last one and past it.
        for (int remaining = 4; remaining >= 0; remaining--) {
            Response k = confirmReset(known, wrong, NEW_PASSWORD);
            Response u = confirmReset(unknown, wrong, NEW_PASSWORD);
            k.then().statusCode(400).body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(remaining));
            assertThat(u.statusCode()).isEqualTo(400);
            assertThat(u.asString()).isEqualTo(k.asString());
        }
        Response k = confirmReset(known, realCode, NEW_PASSWORD);
        Response u = confirmReset(unknown, wrong, NEW_PASSWORD);
        k.then().statusCode(429).body("code", equalTo("too_many_attempts"));
        assertThat(u.statusCode()).isEqualTo(429);
        assertThat(u.asString()).isEqualTo(k.asString());
    }

    @Test
    void anAccountWithNoPendingCodeAnswersLikeAnyOther() {
        String known = uniqueEmail();
        signUp(known, PASSWORD).then().statusCode(201);
        String unknown = uniqueEmail();
        Response k = confirmReset(known, "123456", NEW_PASSWORD);
        Response u = confirmReset(unknown, "123456", NEW_PASSWORD);
        k.then().statusCode(400).body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(4));
        assertThat(u.asString()).isEqualTo(k.asString());
    }

    @Test
    void anExpiredCodeIsCodeExpiredAccountOrNot() throws Exception {
        String known = uniqueEmail();
        signUp(known, PASSWORD).then().statusCode(201);
        String unknown = uniqueEmail();
        outwaitMailInterval();
        requestReset(known).then().statusCode(202);
        requestReset(unknown).then().statusCode(202);
        String code = MailServer.awaitResetCode(known, 1);
        await().atMost(Duration.ofSeconds(15)).until(() -> entries(unknown) == 1);
        QuarkusTransaction.requiringNew().run(() -> VerificationCode.update("expiresAt = ?1 where purpose = 'reset_password'",
                java.time.Instant.now().minusSeconds(1)));
        Response k = confirmReset(known, code, NEW_PASSWORD);
        Response u = confirmReset(unknown, code, NEW_PASSWORD);
        k.then().statusCode(400).body("code", equalTo("code_expired"));
        assertThat(u.asString()).isEqualTo(k.asString());
    }

    /** An address's reset entries, one per requesting client. */
    private static long entries(String address) {
        String prefix = "reset_password:" + PasswordResetFlow.subject(address, ClientAddress.UNKNOWN).split(":")[0] + ":";
        return QuarkusTransaction.requiringNew().call(() -> VerificationCode.count("codeKey like ?1", prefix + "%"));
    }

    @Test
    void aResetCodeNeverVerifiesAndAVerificationCodeNeverResets() throws Exception {
        String email = uniqueEmail();
        Response account = signUp(email, PASSWORD);
        account.then().statusCode(201);
        String verificationCode = MailServer.awaitCode(email, "verification code", 1);
        confirmReset(email, verificationCode, NEW_PASSWORD).then().statusCode(400).body("code", equalTo("invalid_code"));
        outwaitMailInterval();

        requestReset(email).then().statusCode(202);
        String resetCode = MailServer.awaitResetCode(email, 1);
        if (!resetCode.equals(verificationCode)) {
            given().header("Authorization", "Bearer " + account.cookie("access_token")).contentType("application/json")
                    .body(Map.of("verification_code", resetCode)).post(AUTH + "verify-email/").then().statusCode(400)
                    .body("code", equalTo("invalid_code"));
        }
        signIn(email, PASSWORD).then().statusCode(204);
    }

    @Test
    void aResetGivesASquattedAddressBackToItsOwner() throws Exception {
        String email = uniqueEmail();
        // Someone else signs up the owner's address and holds it, unverified.
        Response squatter = signUp(email, "the squatter's own password");
        squatter.then().statusCode(201);
        outwaitMailInterval();

        requestReset(email).then().statusCode(202);
        Response owner = confirmReset(email, MailServer.awaitResetCode(email, 1), NEW_PASSWORD);

        owner.then().statusCode(204);
        refresh(squatter.cookie("refresh_token")).then().statusCode(401);
        signIn(email, "the squatter's own password").then().statusCode(401);
        given().cookie("access_token", owner.cookie("access_token")).get("/api/v1/account/").then().statusCode(200)
                .body("email_verified", equalTo(true));
    }

    @Test
    void codeMailLimitsApplySilently() throws Exception {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        outwaitMailInterval();
        requestReset(email).then().statusCode(202);
        requestReset(email).then().statusCode(202);
        MailServer.awaitResetCode(email, 1);
        // The second request, within the code-mail interval, sent nothing, and said nothing either.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .until(() -> MailServer.mailsTo(email, "password reset code").size() == 1);
    }

    @Test
    void aResetAskedForAnAddressNeverStopsItsOwnerSigningUpAndTheCodeFollowsWithinTheLimits() throws Exception {
        String email = uniqueEmail();
        requestReset(email).then().statusCode(202);
        awaitResetRequestsHandled(email);

        // Within the code-mail interval of this client's share of the mailbox (round 3: the sign-up
        // mail obeys the limits, see MailboxSharesTest for another client's): signed up and in, no mail yet.
        Response account = signUp(email, PASSWORD);
        account.then().statusCode(201);
        outwaitMailInterval();
        assertThat(MailServer.mailsTo(email)).isEmpty();
        given().header("Authorization", "Bearer " + account.cookie("access_token")).post(AUTH + "resend-verification/").then()
                .statusCode(202);
        MailServer.awaitCode(email, 1);
    }

    @Test
    void theNewPasswordObeysTheRules() {
        String email = uniqueEmail();
        for (String password : new String[] { "short", "password1", email.toUpperCase() }) {
            json().body(Map.of("email", email, "code", "123456", "new_password", password)).post(AUTH + "password/reset/confirm/")
                    .then().statusCode(400).body("code", equalTo("validation_failed")).body("errors.new_password", notNullValue());
        }
        json().body(Map.of("email", "not an address", "code", "12345", "new_password", NEW_PASSWORD))
                .post(AUTH + "password/reset/confirm").then().statusCode(400).body("errors.email", notNullValue())
                .body("errors.code", notNullValue());
        json().body(Map.of("email", "not an address", "captcha", CaptchaStub.PASS)).post(AUTH + "password/reset").then()
                .statusCode(400).body("errors.email", notNullValue());
        json().body(Map.of("email", email)).post(AUTH + "password/reset/").then().statusCode(400)
                .body("code", equalTo("captcha_invalid"));
    }

    @Test
    void aSignInInFlightNeverUndoesAReset() throws Exception {
        // A first sign-in of an imported user (bcrypt at cost 12: a long check, and a hash to upgrade),
        // with the old password, racing the owner's reset.
        Fixture imported = djangoFixture("user126@example.com");
        String email = withHash(imported.hash());
        requestReset(email).then().statusCode(202);
        String code = MailServer.awaitResetCode(email, 1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Response> oldPassword = pool.submit(() -> signIn(email, imported.password()));
            Thread.sleep(40);
            Future<Response> reset = pool.submit(() -> confirmReset(email, code, NEW_PASSWORD));
            reset.get().then().statusCode(204);
            Response racing = oldPassword.get();
            if (racing.statusCode() == 204) {
                // It finished first: the reset revoked its session.
                refresh(racing.cookie("refresh_token")).then().statusCode(401);
            }
        } finally {
            pool.shutdownNow();
        }
        signIn(email, imported.password()).then().statusCode(401);
        signIn(email, NEW_PASSWORD).then().statusCode(204);
    }

    @Test
    void concurrentConfirmationsOfOneCodeSucceedOnce() throws Exception {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        outwaitMailInterval();
        requestReset(email).then().statusCode(202);
        String code = MailServer.awaitResetCode(email, 1);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> confirmReset(email, code, NEW_PASSWORD).statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).filteredOn(s -> s == 204).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(3);
        } finally {
            pool.shutdownNow();
        }
        assertThat(QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow().emailVerified)).isTrue();
    }
}
