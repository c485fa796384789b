package ai.rememberizer.auth.limits;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.QueuedMails.awaitResetRequestsHandled;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.mail.QueuedMail;
import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.MailServer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/**
 * Round 3: someone who knows only an address cannot keep its owner out, and a sign-up and
 * delete cycle cannot mail an inbox past its limits. The contract's default limits, behind a
 * trusted proxy so that each test plays its own clients, with a code-mail interval of two seconds
 * instead of sixty so that an attacker can spend what the limits allow within a test.
 */
@QuarkusTest
@TestProfile(MailboxSharesTest.Profile.class)
class MailboxSharesTest {

    private static final Duration MAIL_INTERVAL = Duration.ofSeconds(2);
    private static final String NEW_PASSWORD = "a brand new passphrase";

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "auth.limits.signups-per-address", "10",
                    "auth.limits.signin-failures-per-address", "30",
                    "auth.limits.captcha-checks-per-address", "60",
                    "auth.limits.resets-per-address", "10",
                    "auth.limits.code-mail-interval", "PT2S",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,localhost");
        }
    }

    private static String newAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "203.0." + r.nextInt(114, 256) + "." + r.nextInt(1, 255);
    }

    private static void outwaitMailInterval() throws InterruptedException {
        Thread.sleep(MAIL_INTERVAL.toMillis() + 200);
    }

    private static Response signUp(String from, String email) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "N", "captcha", CaptchaStub.PASS)).post(AUTH + "signup/");
    }

    private static ValidatableResponse deleteAccount(String from, Response signedIn) {
        return given().header("X-Forwarded-For", from).header("Authorization", "Bearer " + signedIn.cookie("access_token"))
                .contentType(ContentType.JSON).body(Map.of("password", PASSWORD)).delete("/api/v1/account/").then();
    }

    private static ValidatableResponse resend(String from, Response signedIn) {
        return given().header("X-Forwarded-For", from).header("Authorization", "Bearer " + signedIn.cookie("access_token"))
                .post(AUTH + "resend-verification/").then();
    }

    private static ValidatableResponse requestReset(String from, String email) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "captcha", CaptchaStub.PASS)).post(AUTH + "password/reset/").then();
    }

    private static Response confirmReset(String from, String email, String code) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "code", code, "new_password", NEW_PASSWORD)).post(AUTH + "password/reset/confirm/");
    }

    private static ValidatableResponse signIn(String from, String email, String password) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("login", email, "password", password, "captcha", CaptchaStub.PASS)).post(AUTH + "signin/").then();
    }

    /** Waits until nothing is left to send to an address: every queued request handled, every mail sent or dropped. */
    private static void awaitOutboxDrained(String email) {
        await().atMost(Duration.ofSeconds(20)).until(() -> QuarkusTransaction.requiringNew().call(() -> QueuedMail.count(
                "lower(recipient) = lower(?1) and sentAt is null and droppedAt is null", email)) == 0);
    }

    private static int resetMails(String email) {
        return MailServer.mailsTo(email, "password reset code").size();
    }

    /** A code that is not the one given (a wrong guess that is surely wrong). */
    private static String not(String code) {
        return code.equals("000000") ? "111111" : "000000";
    }

    @Test
    void anAttackerAtOneAddressCannotKeepTheOwnerFromResetting() throws Exception {
        String owner = newAddress();
        String attacker = newAddress();
        String email = uniqueEmail();
        signUp(owner, email).then().statusCode(201);
        MailServer.awaitCode(email, 1);

        // The attacker asks for as many resets as its address may (10 an hour), as fast as the
        // mailbox's interval lets any of them mail a code, and burns every code it can.
        List<Integer> guesses = new ArrayList<>();
        for (int request = 0; request < 10; request++) {
            outwaitMailInterval();
            requestReset(attacker, email).statusCode(202);
            awaitResetRequestsHandled(email);
            for (int guess = 0; guess < 3; guess++) {
                guesses.add(confirmReset(attacker, email, String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000)))
                        .statusCode());
            }
        }
        assertThat(guesses).containsOnly(400, 429).contains(429);
        awaitOutboxDrained(email);
        int mailedToTheAttacker = resetMails(email);

        // The owner, from another address, gets a code at once and resets with it.
        outwaitMailInterval();
        requestReset(owner, email).statusCode(202);
        String code = MailServer.awaitResetCode(email, mailedToTheAttacker + 1);
        Response reset = confirmReset(owner, email, code);
        reset.then().statusCode(204);
        signIn(owner, email, NEW_PASSWORD).statusCode(204);
        // The attacker had its share of the mailbox, five code mails an hour; the codes it asked for went with the reset.
        assertThat(mailedToTheAttacker).isEqualTo(5);
        List<String> attackerCodes = new ArrayList<>();
        for (int n = 1; n <= mailedToTheAttacker; n++) {
            attackerCodes.add(MailServer.awaitResetCode(email, n));
        }
        for (String old : attackerCodes) {
            confirmReset(newAddress(), email, old).then().statusCode(400).body("code", equalTo("invalid_code"));
        }
    }

    @Test
    void whatAClientIsToldIsMadeOfItsOwnCountsOnly() throws Exception {
        String owner = newAddress();
        String attacker = newAddress();
        String known = uniqueEmail();
        String unknown = uniqueEmail();
        signUp(owner, known).then().statusCode(201);
        outwaitMailInterval();

        for (int remaining = 4; remaining >= 3; remaining--) {
            Response k = confirmReset(attacker, known, "123456");
            k.then().statusCode(400).body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(remaining));
            assertThat(confirmReset(attacker, unknown, "123456").asString()).isEqualTo(k.asString());
        }
        // The owner asks for a code (and someone, from the same address, for the unknown address).
        requestReset(owner, known).statusCode(202);
        requestReset(owner, unknown).statusCode(202);
        String ownersCode = MailServer.awaitResetCode(known, 1);
        awaitResetRequestsHandled(known, unknown);

        // The attacker's count goes on where it was: nothing tells it a code was issued.
        Response k = confirmReset(attacker, known, not(ownersCode));
        k.then().statusCode(400).body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(2));
        assertThat(confirmReset(attacker, unknown, not(ownersCode)).asString()).isEqualTo(k.asString());
        // Only its own request starts it again, account or not.
        requestReset(attacker, known).statusCode(202);
        requestReset(attacker, unknown).statusCode(202);
        awaitResetRequestsHandled(known, unknown);
        k = confirmReset(attacker, known, not(ownersCode));
        k.then().statusCode(400).body("code", equalTo("invalid_code")).body("attempts_remaining", equalTo(4));
        assertThat(confirmReset(attacker, unknown, not(ownersCode)).asString()).isEqualTo(k.asString());

        // Neither the guesses nor the attacker's request took the owner's code.
        confirmReset(owner, known, ownersCode).then().statusCode(204);
    }

    @Test
    void aCodeWorksFromAnotherAddressOfItsOwnerButGuessesFromElsewhereNeverBurnItForWhereItWasAsked() throws Exception {
        String email = uniqueEmail();
        String home = newAddress();
        signUp(home, email).then().statusCode(201);
        outwaitMailInterval();

        // Asked at home, used from the phone's network: it works.
        requestReset(home, email).statusCode(202);
        confirmReset(newAddress(), email, MailServer.awaitResetCode(email, 1)).then().statusCode(204);

        // Asked at home again; others try it from everywhere, until it takes no more tries from elsewhere.
        outwaitMailInterval();
        requestReset(home, email).statusCode(202);
        String code = MailServer.awaitResetCode(email, 2);
        String attacker = newAddress();
        for (int remaining = 4; remaining >= 0; remaining--) {
            confirmReset(attacker, email, not(code)).then().statusCode(400).body("attempts_remaining", equalTo(remaining));
        }
        confirmReset(attacker, email, code).then().statusCode(429).body("code", equalTo("too_many_attempts"));
        // From a fresh address the code is now refused like any wrong code ...
        confirmReset(newAddress(), email, code).then().statusCode(400).body("code", equalTo("invalid_code"))
                .body("attempts_remaining", equalTo(4));
        // ... but from where it was asked for, it works.
        confirmReset(home, email, code).then().statusCode(204);
    }

    @Test
    void oneSlash48IsOneClientOfAMailbox() throws Exception {
        String email = uniqueEmail();
        String owner = newAddress();
        signUp(owner, email).then().statusCode(201);
        String slash48 = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        // Every reset from another /64 of the same /48: one share of the mailbox, five code mails an hour.
        for (int i = 0; i < 7; i++) {
            outwaitMailInterval();
            requestReset(slash48 + ":" + Integer.toHexString(i + 1) + "::1", email).statusCode(202);
            awaitResetRequestsHandled(email);
        }
        awaitOutboxDrained(email);
        assertThat(resetMails(email)).isEqualTo(5);
        outwaitMailInterval();
        requestReset(owner, email).statusCode(202);
        confirmReset(owner, email, MailServer.awaitResetCode(email, 6)).then().statusCode(204);
    }

    @Test
    void signUpAndDeleteCyclesMailAnInboxNoMoreThanTheLimitsAllow() throws Exception {
        String from = newAddress();
        String email = uniqueEmail();
        Response last = null;
        for (int cycle = 0; cycle < 7; cycle++) {
            if (last != null) {
                deleteAccount(from, last).statusCode(204);
            }
            outwaitMailInterval();
            last = signUp(from, email);
            // Over the limits the account is still created and signed in; it just gets no mail.
            last.then().statusCode(201).body("email_verified", equalTo(false));
            // (A deletion forgets the mail still queued to the address: let it go out first.)
            awaitOutboxDrained(email);
        }
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> MailServer.mailsTo(email).size() == 5);
        // The share of the mailbox is spent for the hour: a resend is refused, and says so.
        resend(from, last).statusCode(429).body("code", equalTo("rate_limited"));
    }

    @Test
    void aSignUpMailHeldBackByTheLimitsFollowsOnResend() throws Exception {
        String from = newAddress();
        String email = uniqueEmail();
        requestReset(from, email).statusCode(202);
        awaitResetRequestsHandled(email);
        // Within the interval of this client's share of the mailbox: signed up and in, no mail.
        Response account = signUp(from, email);
        account.then().statusCode(201);
        resend(from, account).statusCode(429).body("code", equalTo("rate_limited"));
        outwaitMailInterval();
        assertThat(MailServer.mailsTo(email)).isEmpty();
        resend(from, account).statusCode(202);
        MailServer.awaitCode(email, 1);
    }

    @Test
    void resetsAskedFromElsewhereNeverHoldBackTheOwnersSignUpMail() {
        String email = uniqueEmail();
        requestReset(newAddress(), email).statusCode(202);
        awaitResetRequestsHandled(email);
        signUp(newAddress(), email).then().statusCode(201);
        MailServer.awaitCode(email, 1);
    }
}
