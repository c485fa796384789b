package ai.rememberizer.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import ai.rememberizer.auth.support.Authenticator;
import ai.rememberizer.auth.support.PackagedApp;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two instances of the packaged application on two ports against one database, as on a
 * serverless platform: limits, reuse detection and the outbox must hold across them.
 */
class TwoInstancesIT {

    private static final String SCHEMA = "auth_it";
    private static final String PASSWORD = "correct horse battery";
    private static final List<PackagedApp> instances = new ArrayList<>();
    private static GreenMail smtp;
    private static int smtpPort;
    private static String a;
    private static String b;

    @BeforeAll
    static void startTwoInstances() {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        smtpPort = PackagedApp.freePort();
        startSmtp();
        Map<String, String> settings = Map.of(
                "AUTH_REFRESH_REUSE_GRACE", "PT2S",
                "AUTH_OUTBOX_INTERVAL", "1s",
                "AUTH_OUTBOX_RETRY_BASE", "PT0.2S",
                "AUTH_OUTBOX_RETRY_MAX", "PT1S",
                "AUTH_LIMITS_CODE_MAIL_INTERVAL", "PT1S",
                "QUARKUS_MAILER_MOCK", "false",
                "QUARKUS_MAILER_HOST", "127.0.0.1",
                "QUARKUS_MAILER_PORT", String.valueOf(smtpPort),
                "QUARKUS_MAILER_START_TLS", "DISABLED",
                "QUARKUS_MAILER_FROM", "no-reply@rememberizer.test");
        Map<String, String> first = PackagedApp.freshEnvironment(SCHEMA);
        first.putAll(settings);
        Map<String, String> second = PackagedApp.environment(SCHEMA);
        second.putAll(settings);
        instances.add(PackagedApp.start("a", first));
        instances.add(PackagedApp.start("b", second));
        a = instances.get(0).baseUrl();
        b = instances.get(1).baseUrl();
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(PackagedApp::close);
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static synchronized void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private static RequestSpecification on(String base) {
        return given().baseUri(base);
    }

    private static Response signUp(String base, String email) {
        return on(base).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Two", "captcha", "any"))
                .post("/api/v1/auth/signup/");
    }

    private static Response signIn(String base, String email, String password) {
        return on(base).contentType(ContentType.JSON)
                .body(Map.of("login", email, "password", password, "captcha", "any"))
                .post("/api/v1/auth/signin/");
    }

    private static String email() {
        return "two-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void failedSignInsSpreadOverBothInstancesHitOnePerAccountLimit() {
        String email = email();
        signUp(a, email).then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            signIn(i % 2 == 0 ? a : b, email, "wrong " + i).then().statusCode(401);
        }
        signIn(a, email, PASSWORD).then().statusCode(429).body("code", equalTo("rate_limited"));
        signIn(b, email, PASSWORD).then().statusCode(429).body("code", equalTo("rate_limited"));
    }

    @Test
    void aTokenRotatedOnOneAndReplayedOnTheOtherAfterTheGraceRevokesTheSession() throws Exception {
        Response signUp = signUp(a, email());
        signUp.then().statusCode(201);
        String original = signUp.cookie("refresh_token");
        Response rotated = on(a).cookie("refresh_token", original).post("/api/v1/auth/custom-refresh/");
        rotated.then().statusCode(204);
        String current = rotated.cookie("refresh_token");

        Thread.sleep(2700);
        on(b).cookie("refresh_token", original).post("/api/v1/auth/custom-refresh/").then()
                .statusCode(401).body("code", equalTo("refresh_token_reused"));
        on(a).cookie("refresh_token", current).post("/api/v1/auth/custom-refresh/").then()
                .statusCode(401).body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void outboxMailIsSentOnceWhateverInstanceSendsIt() throws Exception {
        List<String> emails = new ArrayList<>();
        smtp.stop();
        try {
            for (int i = 0; i < 10; i++) {
                String email = email();
                emails.add(email);
                signUp(i % 2 == 0 ? a : b, email).then().statusCode(201);
            }
            Thread.sleep(1000);
        } finally {
            startSmtp();
        }
        // Both instances' senders now race for the same due rows.
        await().atMost(Duration.ofSeconds(30)).until(() -> emails.stream().allMatch(e -> received(e) >= 1));
        // And no second copy arrives later.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> emails.stream().allMatch(e -> received(e) == 1));
    }

    @Test
    void aResetAskedOnOneInstanceIsConfirmedOnTheOther() throws Exception {
        String email = email();
        signUp(a, email).then().statusCode(201);
        // The sign-up mail and the reset mail go to one mailbox: one code mail per interval (1 s here).
        Thread.sleep(1500);
        on(a).contentType(ContentType.JSON).body(Map.of("email", email, "captcha", "any")).post("/api/v1/auth/password/reset/")
                .then().statusCode(202);
        String code = await().atMost(Duration.ofSeconds(30)).until(() -> resetCode(email), java.util.Objects::nonNull);
        Response reset = on(b).contentType(ContentType.JSON)
                .body(Map.of("email", email, "code", code, "new_password", "a new passphrase for two"))
                .post("/api/v1/auth/password/reset/confirm/");
        reset.then().statusCode(204);
        signIn(a, email, "a new passphrase for two").then().statusCode(204);
        signIn(b, email, PASSWORD).then().statusCode(401);
    }

    @Test
    void anAuthenticatorEnrolledOnOneInstanceIsTheSecondStepOnTheOther() {
        Authenticator.awaitFreshStep();
        String email = email();
        Response signedUp = signUp(a, email);
        signedUp.then().statusCode(201);
        String code0 = await().atMost(Duration.ofSeconds(30)).until(() -> codeIn(email, "verification code"), java.util.Objects::nonNull);
        Response verified = on(b).header("Authorization", "Bearer " + signedUp.cookie("access_token")).contentType(ContentType.JSON)
                .body(Map.of("verification_code", code0)).post("/api/v1/auth/verify-email/");
        verified.then().statusCode(200);
        String access = verified.cookie("access_token");
        Response enrolment = on(a).header("Authorization", "Bearer " + access).contentType(ContentType.JSON)
                .body(Map.of("password", PASSWORD)).post("/api/v1/auth/mfa/totp/");
        enrolment.then().statusCode(201);
        Authenticator app = new Authenticator(enrolment.path("secret"));
        Response confirmed = on(b).header("Authorization", "Bearer " + access).contentType(ContentType.JSON)
                .body(Map.of("code", app.code(0))).post("/api/v1/auth/mfa/totp/confirm/");
        confirmed.then().statusCode(200);
        List<String> recoveryCodes = confirmed.path("recovery_codes");

        Response firstStep = signIn(a, email, PASSWORD);
        firstStep.then().statusCode(401).body("code", equalTo("mfa_required"));
        String code = app.code(1);
        on(b).cookie("mfa_token", firstStep.cookie("mfa_token")).contentType(ContentType.JSON).body(Map.of("code", code))
                .post("/api/v1/auth/mfa/verify/").then().statusCode(204);
        // The step is taken for both instances: the same code on the other is a replay.
        Response again = signIn(b, email, PASSWORD);
        on(a).contentType(ContentType.JSON).body(Map.of("mfa_token", again.path("mfa_token"), "code", code))
                .post("/api/v1/auth/mfa/verify/").then().statusCode(400).body("code", equalTo("invalid_code"));
        on(a).contentType(ContentType.JSON).body(Map.of("mfa_token", again.path("mfa_token"), "recovery_code", recoveryCodes.get(0)))
                .post("/api/v1/auth/mfa/verify/").then().statusCode(200).body("recovery_codes_remaining", equalTo(9));
    }

    /** The code of the reset mail to an address, if it came. */
    private static String resetCode(String email) {
        return codeIn(email, "password reset");
    }

    /** The code of the first mail to an address whose subject has those words, if it came. */
    private static synchronized String codeIn(String email, String subject) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(email) && m.getSubject().contains(subject);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).map(m -> {
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("is:\\s*(\\d{6})")
                    .matcher(com.icegreen.greenmail.util.GreenMailUtil.getBody(m));
            return matcher.find() ? matcher.group(1) : null;
        }).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    private static synchronized long received(String email) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(email);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }
}
