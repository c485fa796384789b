package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.verification.VerificationCode;
import ai.rememberizer.auth.support.MailServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.internet.MimeMessage;

@QuarkusTest
class EmailVerificationTest {

    /** The test profile's code mail interval (AUTH_LIMITS_CODE_MAIL_INTERVAL), short so tests can outwait it. */
    private static final Duration MAIL_INTERVAL = Duration.ofSeconds(2);

    record Account(String email, String id, String access) {
    }

    private static Account newAccount() {
        String email = uniqueEmail();
        Response response = signUp(email, PASSWORD);
        response.then().statusCode(201);
        return new Account(email, response.path("id"), response.cookie("access_token"));
    }

    private static ValidatableResponse verify(Account account, Object code) {
        return given().header("Authorization", "Bearer " + account.access()).contentType(ContentType.JSON)
                .body(code == null ? Map.of() : Map.of("verification_code", code))
                .post(AUTH + "verify-email/").then();
    }

    private static ValidatableResponse resend(Account account) {
        return given().header("Authorization", "Bearer " + account.access()).post(AUTH + "resend-verification/").then();
    }

    private static String wrong(String code) {
        return code.equals("000000") ? "000001" : "000000";
    }

    private static void outwaitMailInterval() throws InterruptedException {
        Thread.sleep(MAIL_INTERVAL.toMillis() + 300);
    }

    @Test
    void signUpMailsASixDigitCodeInTextAndHtml() throws Exception {
        Account account = newAccount();
        MimeMessage mail = MailServer.awaitMail(account.email(), 1, Duration.ofSeconds(15));
        assertThat(mail.getSubject()).isEqualTo("Your Rememberizer verification code");
        assertThat(mail.getFrom()[0].toString()).contains("no-reply@rememberizer.test");
        assertThat(mail.getContentType()).startsWith("multipart/");
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getBody(mail)).contains("text/plain").contains("text/html");
        assertThat(MailServer.awaitCode(account.email(), 1)).matches("[0-9]{6}");
    }

    @Test
    void theRightCodeVerifiesAndRenewsTheAccessCookie() {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);

        Response response = given().header("Authorization", "Bearer " + account.access()).contentType(ContentType.JSON)
                .body(Map.of("verification_code", code)).post(AUTH + "verify-email/");
        response.then().statusCode(200).body("email_verified", equalTo(true)).header("Cache-Control", "no-store");
        String fresh = response.cookie("access_token");
        assertThat(Jwts.payload(fresh).get("email_verified")).isEqualTo(true);
        assertThat(Jwts.payload(fresh).get("sid")).isEqualTo(Jwts.payload(account.access()).get("sid"));
        assertThat(response.detailedCookie("access_token").isHttpOnly()).isTrue();
        assertThat(response.detailedCookie("refresh_token")).isNull();

        given().cookie("access_token", fresh).get("/api/v1/account/").then().statusCode(200).body("email_verified", equalTo(true));
        // Idempotent, whatever the code.
        verify(account, code).statusCode(200).body("email_verified", equalTo(true));
        verify(account, wrong(code)).statusCode(200);
    }

    @Test
    void theFreshTokenNeverOutlivesThePresentedOne() throws Exception {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        Object presentedExp = Jwts.payload(account.access()).get("exp");
        Thread.sleep(1100);
        Response verified = given().header("Authorization", "Bearer " + account.access()).contentType(ContentType.JSON)
                .body(Map.of("verification_code", code)).post(AUTH + "verify-email/");
        verified.then().statusCode(200);
        assertThat(Jwts.payload(verified.cookie("access_token")).get("exp")).isEqualTo(presentedExp);
        assertThat(verified.detailedCookie("access_token").getMaxAge()).isLessThan(900);

        // A verified account cannot use verify-email to keep a token alive either.
        Thread.sleep(1100);
        Response again = given().header("Authorization", "Bearer " + verified.cookie("access_token")).contentType(ContentType.JSON)
                .body(Map.of("verification_code", "000000")).post(AUTH + "verify-email/");
        again.then().statusCode(200);
        assertThat(Jwts.payload(again.cookie("access_token")).get("exp")).isEqualTo(presentedExp);
    }

    @Test
    void theMailCarriesNoTextTheRequesterChose() throws Exception {
        String email = uniqueEmail();
        given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD,
                "name", "Visit evil.example now", "captcha", "ok")).post(AUTH + "signup/").then().statusCode(201);
        MimeMessage mail = MailServer.awaitMail(email, 1, Duration.ofSeconds(15));
        assertThat(com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(mail)).doesNotContain("evil.example")
                .doesNotContain("Visit");
    }

    @Test
    void codeMailsAreCappedAtTenADayPerAccount() throws Exception {
        Account account = newAccount();
        MailServer.awaitCode(account.email(), 1);
        QuarkusTransaction.requiringNew().run(() -> VerificationCode.getEntityManager().createNativeQuery(
                "UPDATE rate_limits SET hits = 10 WHERE bucket = :bucket")
                .setParameter("bucket", ai.rememberizer.auth.limits.RateLimit.CODE_MAILS_PER_DAY.key(account.id()))
                .executeUpdate());
        outwaitMailInterval();
        resend(account).statusCode(429).body("code", equalTo("rate_limited")).header("Retry-After", notNullValue());
    }

    @Test
    void theCodeCanComeWithTheCookieInsteadOfTheHeader() {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        given().cookie("access_token", account.access()).contentType(ContentType.JSON)
                .body(Map.of("verification_code", code)).post(AUTH + "verify-email").then().statusCode(200);
    }

    @Test
    void wrongCodesCountDownThenEveryAttemptIs429UntilANewCode() throws Exception {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        for (int remaining = 4; remaining >= 0; remaining--) {
            verify(account, wrong(code)).statusCode(400)
                    .contentType("application/problem+json")
                    .body("code", equalTo("invalid_code"))
                    .body("attempts_remaining", equalTo(remaining));
        }
        verify(account, wrong(code)).statusCode(429).body("code", equalTo("too_many_attempts"));
        verify(account, code).statusCode(429).body("code", equalTo("too_many_attempts"));

        outwaitMailInterval();
        resend(account).statusCode(202);
        String fresh = MailServer.awaitCode(account.email(), 2);
        verify(account, fresh).statusCode(200).body("email_verified", equalTo(true));
    }

    @Test
    void anExpiredCodeIsRefused() {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        QuarkusTransaction.requiringNew().run(() -> VerificationCode.update("expiresAt = ?1 where userId = ?2",
                Instant.now().minusSeconds(1), UUID.fromString(account.id())));
        verify(account, code).statusCode(400).body("code", equalTo("code_expired"));
    }

    @Test
    void aNewCodeInvalidatesTheOldOne() throws Exception {
        Account account = newAccount();
        String first = MailServer.awaitCode(account.email(), 1);
        outwaitMailInterval();
        resend(account).statusCode(202);
        String second = MailServer.awaitCode(account.email(), 2);
        if (!first.equals(second)) {
            verify(account, first).statusCode(400).body("code", equalTo("invalid_code"));
        }
        verify(account, second).statusCode(200);
    }

    @Test
    void storesTheCodeOnlyAsAHash() {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        VerificationCode row = QuarkusTransaction.requiringNew()
                .call(() -> VerificationCode.<VerificationCode> findById("verify_email:" + account.id()));
        assertThat(row.codeHash).hasSize(32);
        assertThat(new String(row.codeHash, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain(code);
        assertThat(row.expiresAt).isBetween(Instant.now().plusSeconds(9 * 60), Instant.now().plusSeconds(10 * 60 + 5));
    }

    @Test
    void refusesMalformedCodesWithoutCountingThem() {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        verify(account, null).statusCode(400).body("code", equalTo("validation_failed"))
                .body("errors.verification_code", notNullValue());
        verify(account, "12345").statusCode(400).body("code", equalTo("validation_failed"));
        verify(account, "abcdef").statusCode(400).body("code", equalTo("validation_failed"));
        verify(account, 123456).statusCode(400).body("code", equalTo("validation_failed"));
        verify(account, wrong(code)).statusCode(400).body("attempts_remaining", equalTo(4));
    }

    @Test
    void needsAnAccessToken() {
        given().contentType(ContentType.JSON).body(Map.of("verification_code", "123456")).post(AUTH + "verify-email/").then()
                .statusCode(401).header("WWW-Authenticate", "Bearer").body("code", equalTo("unauthenticated"));
        given().post(AUTH + "resend-verification/").then()
                .statusCode(401).header("WWW-Authenticate", "Bearer").body("code", equalTo("unauthenticated"));
    }

    @Test
    void aLoggedOutSessionCannotVerify() {
        Account account = newAccount();
        String code = MailServer.awaitCode(account.email(), 1);
        given().header("Authorization", "Bearer " + account.access()).post(AUTH + "custom-logout/").then().statusCode(204);
        verify(account, code).statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void aRevokedSessionCannotAskForACode() throws Exception {
        Account account = newAccount();
        outwaitMailInterval();
        given().header("Authorization", "Bearer " + account.access()).post(AUTH + "custom-logout/").then().statusCode(204);
        resend(account).statusCode(401).body("code", equalTo("unauthenticated"));
    }

    @Test
    void resendIsLimitedToOnePerIntervalAndFivePerHour() throws Exception {
        Account account = newAccount();
        // The sign-up mail counts: a resend at once is too soon.
        resend(account).statusCode(429).body("code", equalTo("rate_limited")).header("Retry-After", notNullValue());
        for (int i = 2; i <= 5; i++) {
            outwaitMailInterval();
            resend(account).statusCode(202);
        }
        outwaitMailInterval();
        ValidatableResponse sixth = resend(account).statusCode(429).body("code", equalTo("rate_limited"));
        int retryAfter = Integer.parseInt(sixth.extract().header("Retry-After"));
        assertThat(retryAfter).isBetween(3000, 3600);
        MailServer.awaitMail(account.email(), 5, Duration.ofSeconds(15));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                .until(() -> MailServer.mailsTo(account.email()).size() == 5);
    }

    @Test
    void resendForAVerifiedAccountIsAlreadyVerified() {
        Account account = newAccount();
        verify(account, MailServer.awaitCode(account.email(), 1)).statusCode(200);
        resend(account).statusCode(409).body("code", equalTo("already_verified"));
    }
}
