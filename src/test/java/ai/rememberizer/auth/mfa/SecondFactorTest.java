package ai.rememberizer.auth.mfa;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.as;
import static ai.rememberizer.auth.support.Api.confirmReset;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.requestReset;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Authenticator;
import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.support.MailServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The second factor as a user lives it: the code computed from the secret the enrolment
 * returned, as an authenticator app computes it, over HTTP.
 */
@QuarkusTest
@SuppressWarnings("unchecked")
class SecondFactorTest {

    /** An account with a confirmed authenticator: its address, the app, its recovery codes, and the aal2 session. */
    record Enrolled(String email, Authenticator app, List<String> recoveryCodes, Response signUp, Response confirmed) {
    }

    /** Signs up and verifies the address (a second factor is only for an address that is the user's). */
    static Response verifiedAccount(String email) {
        Response signedUp = signUp(email, PASSWORD);
        signedUp.then().statusCode(201);
        as(signedUp).contentType(ContentType.JSON).body(Map.of("verification_code", MailServer.awaitCode(email, 1)))
                .post(AUTH + "verify-email/").then().statusCode(200);
        return signedUp;
    }

    static Enrolled enrolled() {
        Authenticator.awaitFreshStep();
        String email = uniqueEmail();
        Response signedUp = verifiedAccount(email);
        Response enrolment = as(signedUp).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/");
        enrolment.then().statusCode(201).header("Cache-Control", "no-store")
                .body("otpauth_uri", startsWith("otpauth://totp/Rememberizer:"))
                .body("otpauth_uri", containsString("secret=" + enrolment.path("secret")))
                .body("otpauth_uri", containsString("issuer=Rememberizer"));
        String secret = enrolment.path("secret");
        assertThat(secret).hasSize(32).matches("[A-Z2-7]+");
        Authenticator app = new Authenticator(secret);
        Response confirmed = as(signedUp).contentType(ContentType.JSON).body(Map.of("code", app.code(0))).post(AUTH + "mfa/totp/confirm/");
        confirmed.then().statusCode(200).body("recovery_codes", hasSize(10));
        List<String> codes = confirmed.path("recovery_codes");
        return new Enrolled(email, app, codes, signedUp, confirmed);
    }

    static Response verify(String mfaToken, Map<String, Object> proof) {
        Map<String, Object> body = new java.util.HashMap<>(proof);
        body.put("mfa_token", mfaToken);
        return json().body(body).post(AUTH + "mfa/verify/");
    }

    static String mfaToken(Response firstStep) {
        firstStep.then().statusCode(401).body("code", equalTo("mfa_required"));
        return firstStep.path("mfa_token");
    }

    @Test
    void enrolConfirmSignInVerifyGivesAnAal2Session() {
        Authenticator.awaitFreshStep();
        String email = uniqueEmail();
        Response signedUp = verifiedAccount(email);
        Response elsewhere = signIn(email, PASSWORD);
        elsewhere.then().statusCode(204);
        Map<String, Object> first = Jwts.payload(signedUp.cookie("access_token"));
        assertThat(first).containsEntry("aal", "aal1").containsEntry("amr", List.of("pwd")).containsKey("auth_time");

        Response enrolment = as(signedUp).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/");
        enrolment.then().statusCode(201);
        Authenticator app = new Authenticator(enrolment.path("secret"));
        Response confirmed = as(signedUp).contentType(ContentType.JSON).body(Map.of("code", app.code(0))).post(AUTH + "mfa/totp/confirm/");
        confirmed.then().statusCode(200).body("recovery_codes", hasSize(10));
        Map<String, Object> raised = Jwts.payload(confirmed.cookie("access_token"));
        assertThat(raised).containsEntry("aal", "aal2").containsEntry("exp", first.get("exp")).containsEntry("sid", first.get("sid"));
        assertThat((List<Object>) raised.get("amr")).contains("pwd", "otp", "mfa");
        // Every other session ends; the one that enrolled goes on with a new refresh token (a copy of
        // the old one taken before cannot refresh into the raised session), and its refreshes stay aal2.
        refresh(elsewhere.cookie("refresh_token")).then().statusCode(401);
        refresh(signedUp.cookie("refresh_token")).then().statusCode(401);
        Response refreshed = refresh(confirmed.cookie("refresh_token"));
        refreshed.then().statusCode(204);
        assertThat(Jwts.payload(refreshed.cookie("access_token"))).containsEntry("aal", "aal2")
                .containsEntry("auth_time", raised.get("auth_time"));
        MailServer.awaitMail(email, "second factor was added", 1);
        as(confirmed).get(AUTH + "mfa/").then().statusCode(200).body("totp.enabled", equalTo(true))
                .body("recovery_codes_remaining", equalTo(10)).body("passkeys", equalTo(0));

        Response firstStep = signIn(email, PASSWORD);
        firstStep.then().statusCode(401).body("code", equalTo("mfa_required")).body("methods", equalTo(List.of("totp", "recovery_code")));
        assertThat(firstStep.cookie("access_token")).isNull();
        assertThat(firstStep.cookie("refresh_token")).isNull();
        assertThat(firstStep.getDetailedCookie("mfa_token").getPath()).isEqualTo("/api/v1/auth/mfa/");
        assertThat(firstStep.getDetailedCookie("mfa_token").isHttpOnly()).isTrue();
        assertThat(firstStep.getDetailedCookie("mfa_token").getSameSite()).isEqualTo("Strict");
        assertThat(firstStep.cookie("mfa_token")).isEqualTo(firstStep.path("mfa_token"));

        // The confirmation used this step's code: the next step's is the one a user would type.
        String code = app.code(1);
        Response verified = given().cookie("mfa_token", firstStep.cookie("mfa_token")).contentType(ContentType.JSON)
                .body(Map.of("code", code)).post(AUTH + "mfa/verify/");
        verified.then().statusCode(204);
        Map<String, Object> claims = Jwts.payload(verified.cookie("access_token"));
        assertThat(claims).containsEntry("aal", "aal2");
        assertThat((List<Object>) claims.get("amr")).containsExactly("pwd", "otp", "mfa");
        assertThat(verified.cookie("refresh_token")).isNotBlank();
        as(verified).get("/api/v1/account/").then().statusCode(200).body("email", equalTo(email));
        // The token works once.
        verify(firstStep.path("mfa_token"), Map.of("code", app.code(1))).then().statusCode(401).body("code", equalTo("mfa_token_invalid"));
    }

    @Test
    void aCodeIsAcceptedOnceAndOnlyWithinOneStepOfDrift() {
        Enrolled account = enrolled();
        String token = mfaToken(signIn(account.email(), PASSWORD));
        // Replayed: the confirmation's own code.
        verify(token, Map.of("code", account.app().code(0))).then().statusCode(400).body("code", equalTo("invalid_code"))
                .body("attempts_remaining", equalTo(4));
        // Two steps away either way: not a code of now.
        verify(token, Map.of("code", account.app().code(2))).then().statusCode(400).body("code", equalTo("invalid_code"));
        verify(token, Map.of("code", account.app().code(-2))).then().statusCode(400).body("code", equalTo("invalid_code"));
        verify(token, Map.of("code", account.app().code(1))).then().statusCode(204);
        // And that one again, on a fresh sign-in: replay.
        verify(mfaToken(signIn(account.email(), PASSWORD)), Map.of("code", account.app().code(1))).then().statusCode(400)
                .body("code", equalTo("invalid_code"));
    }

    @Test
    void aRecoveryCodeWorksOnceAndSaysHowManyAreLeft() {
        Enrolled account = enrolled();
        String recovery = account.recoveryCodes().get(3);
        assertThat(recovery).matches("[A-Z2-7]{16}");
        // Typed as people do: lower case, in groups.
        String typed = (recovery.substring(0, 4) + "-" + recovery.substring(4, 8) + " " + recovery.substring(8)).toLowerCase();
        Response used = verify(mfaToken(signIn(account.email(), PASSWORD)), Map.of("recovery_code", typed));
        used.then().statusCode(200).body("recovery_codes_remaining", equalTo(9));
        assertThat(Jwts.payload(used.cookie("access_token"))).containsEntry("aal", "aal2");
        MailServer.awaitMail(account.email(), "recovery code was used", 1);
        verify(mfaToken(signIn(account.email(), PASSWORD)), Map.of("recovery_code", recovery)).then().statusCode(400)
                .body("code", equalTo("invalid_code"));
        // New codes: the old ones die.
        Response fresh = as(used).post(AUTH + "mfa/recovery-codes/");
        fresh.then().statusCode(200).body("recovery_codes", hasSize(10));
        MailServer.awaitMail(account.email(), "recovery codes were made", 1);
        verify(mfaToken(signIn(account.email(), PASSWORD)), Map.of("recovery_code", account.recoveryCodes().get(5))).then()
                .statusCode(400).body("code", equalTo("invalid_code"));
        List<String> codes = fresh.path("recovery_codes");
        verify(mfaToken(signIn(account.email(), PASSWORD)), Map.of("recovery_code", codes.get(0))).then().statusCode(200)
                .body("recovery_codes_remaining", equalTo(9));
    }

    @Test
    void fiveWrongCodesKillTheTokenAndTenPerAccountLockTheSecondStep() {
        Enrolled account = enrolled();
        String token = mfaToken(signIn(account.email(), PASSWORD));
        for (int remaining = 4; remaining >= 0; remaining--) {
            verify(token, Map.of("code", "000000".equals(account.app().code(1)) ? "111111" : "000000")).then().statusCode(400)
                    .body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(remaining));
        }
        // Dead, even with the right code.
        verify(token, Map.of("code", account.app().code(1))).then().statusCode(401).body("code", equalTo("mfa_token_invalid"))
                .cookie("mfa_token", "");
        // Recovery codes share the budget: five more wrong ones on a second token...
        String second = mfaToken(signIn(account.email(), PASSWORD));
        for (int i = 0; i < 5; i++) {
            verify(second, Map.of("recovery_code", "AAAAAAAAAAAAAAAA")).then().statusCode(400).body("code", equalTo("invalid_code"));
        }
        // ...and the account's second step is locked, the right code included.
        verify(mfaToken(signIn(account.email(), PASSWORD)), Map.of("code", account.app().code(1))).then().statusCode(429)
                .body("code", equalTo("too_many_attempts")).header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void concurrentVerificationsOfOneCodeLetExactlyOneThrough() throws Exception {
        Enrolled account = enrolled();
        int n = 6;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            tokens.add(mfaToken(signIn(account.email(), PASSWORD)));
        }
        String code = account.app().code(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = new ArrayList<>();
            for (String token : tokens) {
                Callable<Integer> call = () -> {
                    start.await();
                    return verify(token, Map.of("code", code)).statusCode();
                };
                answers.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(204, 400);
            assertThat(statuses.stream().filter(s -> s == 204).count()).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aResetDoesNotRemoveTheSecondFactor() throws InterruptedException {
        Enrolled account = enrolled();
        // Code mails to one mailbox are one per interval (2 s in the test profile), the sign-up's included.
        Thread.sleep(2300);
        requestReset(account.email()).then().statusCode(202);
        String code = MailServer.awaitResetCode(account.email(), 1);
        Response reset = confirmReset(account.email(), code, "a brand new passphrase");
        String token = mfaToken(reset);
        assertThat(reset.cookie("access_token")).isNull();
        // The password did change, and every session ended.
        refresh(account.signUp().cookie("refresh_token")).then().statusCode(401);
        verify(token, Map.of("code", account.app().code(1))).then().statusCode(204);
        mfaToken(signIn(account.email(), "a brand new passphrase"));
    }

    @Test
    void sensitiveActionsNeedAal2OnAnAccountWithASecondFactor() {
        Enrolled account = enrolled();
        // The sign-up's access token still says aal1 (its session went on, raised, but that token was issued before).
        Response aal1 = account.signUp();
        as(aal1).contentType(ContentType.JSON).body(Map.of("current_password", PASSWORD, "new_password", "another passphrase here"))
                .post(AUTH + "password/change/").then().statusCode(403).body("code", equalTo("aal2_required"))
                .header("WWW-Authenticate", containsString("error=\"insufficient_user_authentication\""));
        as(aal1).contentType(ContentType.JSON).body(Map.of("new_email", uniqueEmail(), "password", PASSWORD))
                .post("/api/v1/account/email/").then().statusCode(403).body("code", equalTo("aal2_required"));
        as(aal1).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).delete("/api/v1/account/").then().statusCode(403)
                .body("code", equalTo("aal2_required"));
        as(aal1).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).delete(AUTH + "mfa/totp/").then().statusCode(403)
                .body("code", equalTo("aal2_required"));
        as(aal1).post(AUTH + "mfa/recovery-codes/").then().statusCode(403).body("code", equalTo("aal2_required"));
        // None of them counted as a failed sign-in or changed anything.
        as(account.confirmed()).get(AUTH + "mfa/").then().statusCode(200).body("totp.enabled", equalTo(true))
                .body("recovery_codes_remaining", equalTo(10));
        // At aal2 the same change goes through.
        as(account.confirmed()).contentType(ContentType.JSON)
                .body(Map.of("current_password", PASSWORD, "new_password", "another passphrase here")).post(AUTH + "password/change/")
                .then().statusCode(204);
    }

    @Test
    void removingTheAuthenticatorTakesThePasswordOrACodeAndEndsTheRecoveryCodes() {
        Enrolled account = enrolled();
        as(account.confirmed()).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/").then()
                .statusCode(409).body("code", equalTo("totp_already_enabled"));
        as(account.confirmed()).contentType(ContentType.JSON).body(Map.of("password", "not the password")).delete(AUTH + "mfa/totp/")
                .then().statusCode(400).body("code", equalTo("invalid_current_password"));
        as(account.confirmed()).contentType(ContentType.JSON).body(Map.of("code", account.app().code(0))).delete(AUTH + "mfa/totp/")
                .then().statusCode(400).body("code", equalTo("invalid_code"));
        as(account.confirmed()).contentType(ContentType.JSON).body(Map.of("password", PASSWORD, "code", account.app().code(1)))
                .delete(AUTH + "mfa/totp/").then().statusCode(400).body("code", equalTo("validation_failed"));
        as(account.confirmed()).contentType(ContentType.JSON).body(Map.of("code", account.app().code(1))).delete(AUTH + "mfa/totp/")
                .then().statusCode(204);
        MailServer.awaitMail(account.email(), "second factor was removed", 1);
        as(account.confirmed()).get(AUTH + "mfa/").then().statusCode(200).body("totp.enabled", equalTo(false))
                .body("recovery_codes_remaining", equalTo(0));
        signIn(account.email(), PASSWORD).then().statusCode(204);
        as(account.confirmed()).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).delete(AUTH + "mfa/totp/").then()
                .statusCode(409).body("code", equalTo("mfa_not_enabled"));
    }

    @Test
    void confirmingCountsWrongCodesLikeVerifyEmail() {
        Response signedUp = verifiedAccount(uniqueEmail());
        as(signedUp).contentType(ContentType.JSON).body(Map.of("code", "123456")).post(AUTH + "mfa/totp/confirm/").then()
                .statusCode(400).body("code", equalTo("code_expired"));
        Response enrolment = as(signedUp).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/");
        Authenticator app = new Authenticator(enrolment.path("secret"));
        String wrong = app.code(0).equals("000000") || app.code(1).equals("000000") || app.code(-1).equals("000000") ? "999999" : "000000";
        for (int remaining = 4; remaining >= 0; remaining--) {
            as(signedUp).contentType(ContentType.JSON).body(Map.of("code", wrong)).post(AUTH + "mfa/totp/confirm/").then()
                    .statusCode(400).body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(remaining));
        }
        as(signedUp).contentType(ContentType.JSON).body(Map.of("code", app.code(0))).post(AUTH + "mfa/totp/confirm/").then()
                .statusCode(429).body("code", equalTo("too_many_attempts"));
        // A new enrolment starts again.
        Response again = as(signedUp).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/");
        as(signedUp).contentType(ContentType.JSON).body(Map.of("code", new Authenticator(again.path("secret")).code(0)))
                .post(AUTH + "mfa/totp/confirm/").then().statusCode(200);
        as(signedUp).contentType(ContentType.JSON).body(Map.of("password", "wrong password")).post(AUTH + "mfa/totp/").then()
                .statusCode(403);
    }

    @Test
    void anAddressNotVerifiedGetsNoSecondFactor() {
        // Else a squatter of an address would put a factor of their own between its owner and a reset.
        Response signedUp = signUp(uniqueEmail(), PASSWORD);
        as(signedUp).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/").then()
                .statusCode(403).body("code", equalTo("email_not_verified"));
    }

    @Test
    void aTokenReissuedForItsSessionKeepsItsOwnAssurance() {
        Authenticator.awaitFreshStep();
        String email = uniqueEmail();
        Response signedUp = verifiedAccount(email);
        // Another token of the session, taken before the session is raised (a copy an attacker could hold).
        Response older = refresh(signedUp.cookie("refresh_token"));
        older.then().statusCode(204);
        Response enrolment = as(older).contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).post(AUTH + "mfa/totp/");
        Response confirmed = as(older).contentType(ContentType.JSON)
                .body(Map.of("code", new Authenticator(enrolment.path("secret")).code(0))).post(AUTH + "mfa/totp/confirm/");
        confirmed.then().statusCode(200);
        assertThat(Jwts.payload(confirmed.cookie("access_token"))).containsEntry("aal", "aal2");
        // verify-email (already verified: 200) reissues the presented token: aal1 it was, aal1 it stays.
        Response reissued = as(older).contentType(ContentType.JSON).body(Map.of("verification_code", "000000"))
                .post(AUTH + "verify-email/");
        reissued.then().statusCode(200);
        assertThat(Jwts.payload(reissued.cookie("access_token"))).containsEntry("aal", "aal1")
                .containsEntry("sid", Jwts.payload(confirmed.cookie("access_token")).get("sid"));
    }

    @Test
    void hostileBodiesGetProblemsAndNever5xx() {
        Enrolled account = enrolled();
        String token = mfaToken(signIn(account.email(), PASSWORD));
        List<String> bodies = List.of("null", "[]", "\"x\"", "{}", "{\"code\":123456}", "{\"code\":\"12345\"}", "{\"code\":\"１２３４５６\"}",
                "{\"code\":\"12345\\u0000\"}", "{\"recovery_code\":\"" + "A".repeat(70) + "\"}", "{\"recovery_code\":\"ÄAAAAAAAAAAAAAAA\"}",
                "{\"recovery_code\":null,\"code\":null}", "{\"code\":\"123456\",\"recovery_code\":\"AAAAAAAAAAAAAAAA\"}",
                "{\"passkey\":{}}", "{\"passkey\":\"x\",\"code\":\"123456\"}", "{\"mfa_token\":\"" + "t".repeat(200) + "\",\"code\":\"123456\"}",
                "{\"mfa_token\":\"\\ud800\",\"code\":\"123456\"}", "{\"mfa_token\":42,\"code\":\"123456\"}", "{\"password\":{\"a\":1}}",
                "{\"password\":\"\\u0000\"}", "{\"password\":\"" + "p".repeat(2000) + "\"}");
        for (String body : bodies) {
            for (Response answer : List.of(
                    given().contentType(ContentType.JSON).body(body).post(AUTH + "mfa/verify/"),
                    given().cookie("mfa_token", token).contentType(ContentType.JSON).body(body).post(AUTH + "mfa/verify/"),
                    as(account.confirmed()).contentType(ContentType.JSON).body(body).post(AUTH + "mfa/totp/"),
                    as(account.confirmed()).contentType(ContentType.JSON).body(body).post(AUTH + "mfa/totp/confirm/"),
                    as(account.confirmed()).contentType(ContentType.JSON).body(body).delete(AUTH + "mfa/totp/"))) {
                assertThat(answer.statusCode()).as(body).isBetween(400, 499);
                assertThat(answer.contentType()).as(body).startsWith("application/problem+json");
            }
        }
        // Nothing was lost: the factor is there, and the token still works with the right code.
        as(account.confirmed()).get(AUTH + "mfa/").then().statusCode(200).body("totp.enabled", equalTo(true));
        given().cookie("mfa_token", token).contentType(ContentType.JSON).body(Map.of("code", account.app().code(1)))
                .post(AUTH + "mfa/verify/").then().statusCode(204);
    }
}
