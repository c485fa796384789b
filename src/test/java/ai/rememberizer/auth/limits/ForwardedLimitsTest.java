package ai.rememberizer.auth.limits;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.QueuedMails.awaitResetRequestsHandled;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.MailServer;
import ai.rememberizer.auth.verification.VerificationCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * The contract's default limits, behind a trusted proxy: the client address is the
 * forwarded one, so each test plays its own clients.
 */
@QuarkusTest
@TestProfile(ForwardedLimitsTest.Profile.class)
class ForwardedLimitsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "auth.limits.signups-per-address", "10",
                    "auth.limits.signin-failures-per-address", "30",
                    "auth.limits.captcha-checks-per-address", "40",
                    "auth.limits.resets-per-address", "10",
                    "auth.limits.code-mail-interval", "PT60S",
                    "quarkus.http.proxy.proxy-address-forwarding", "true",
                    "quarkus.http.proxy.allow-x-forwarded", "true",
                    "quarkus.http.proxy.trusted-proxies", "127.0.0.1,localhost");
        }
    }

    private static String newAddress() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "198.51." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    private static ValidatableResponse signUp(String from, String email) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "N", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/").then();
    }

    private static ValidatableResponse signUpChain(String chain, String email) {
        return given().header("X-Forwarded-For", chain).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "N", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/").then();
    }

    private static ValidatableResponse signIn(String from, String login, String password) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("login", login, "password", password, "captcha", CaptchaStub.PASS))
                .post(AUTH + "signin/").then();
    }

    private static int retryAfter(ValidatableResponse response) {
        return Integer.parseInt(response.extract().header("Retry-After"));
    }

    @Test
    void tenSignUpsPerAddressPerHourCountingTakenAddresses() {
        String from = newAddress();
        String taken = uniqueEmail();
        signUp(from, taken).statusCode(201);
        signUp(from, taken).statusCode(409);
        for (int i = 3; i <= 10; i++) {
            signUp(from, uniqueEmail()).statusCode(201);
        }
        ValidatableResponse refused = signUp(from, uniqueEmail()).statusCode(429)
                .contentType("application/problem+json").body("code", equalTo("rate_limited"));
        assertThat(retryAfter(refused)).isBetween(3500, 3600);
        signUp(newAddress(), uniqueEmail()).statusCode(201);
    }

    @Test
    void fiveFailuresLockTheAccountFromEveryAddress() {
        String email = uniqueEmail();
        signUp(newAddress(), email).statusCode(201);
        for (int i = 0; i < 5; i++) {
            signIn(newAddress(), email, "wrong password " + i).statusCode(401);
        }
        ValidatableResponse refused = signIn(newAddress(), email, PASSWORD).statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(retryAfter(refused)).isBetween(850, 900);
        signIn(newAddress(), email.toUpperCase(), PASSWORD).statusCode(429);
    }

    @Test
    void unknownLoginsAreLimitedAlikeSoTheLimitRevealsNothing() {
        String nobody = uniqueEmail();
        for (int i = 0; i < 5; i++) {
            signIn(newAddress(), nobody, "guess " + i).statusCode(401);
        }
        signIn(newAddress(), nobody, "guess").statusCode(429).body("code", equalTo("rate_limited"));
    }

    @Test
    void aSuccessfulSignInClearsTheAccountsFailures() {
        String email = uniqueEmail();
        signUp(newAddress(), email).statusCode(201);
        for (int i = 0; i < 4; i++) {
            signIn(newAddress(), email, "wrong " + i).statusCode(401);
        }
        signIn(newAddress(), email, PASSWORD).statusCode(204);
        for (int i = 0; i < 4; i++) {
            signIn(newAddress(), email, "wrong again " + i).statusCode(401);
        }
        signIn(newAddress(), email, PASSWORD).statusCode(204);
    }

    @Test
    void theAddressIsTheRightmostForwardedEntryNotOneTheClientWrote() {
        // The load balancer appends the real address; whatever the client wrote stays on the left.
        String real = newAddress();
        for (int i = 0; i < 10; i++) {
            signUpChain(newAddress() + ", " + newAddress() + ", " + real, uniqueEmail()).statusCode(201);
        }
        signUpChain(newAddress() + "," + real, uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
        signUpChain(real + ", " + newAddress(), uniqueEmail()).statusCode(201);
    }

    @Test
    void unparseableAddressesShareOneBucketSoTheLimitNeverFailsOpen() {
        String[] junk = { "unknown", "_hidden", "not an address", "999.1.1.1", "localhost", "[::1", "" };
        for (int i = 0; i < 10; i++) {
            signUpChain(junk[i % junk.length].isEmpty() ? "unknown" : junk[i % junk.length], uniqueEmail()).statusCode(201);
        }
        signUpChain("unknown", uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
        signUpChain("obfuscated-" + ThreadLocalRandom.current().nextInt(), uniqueEmail()).statusCode(429);
    }

    @Test
    void ipv6ClientsAreCountedByTheirSlash64() {
        String prefix = "2001:db8:" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)) + ":"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000));
        for (int i = 0; i < 10; i++) {
            signUpChain(prefix + "::" + Integer.toHexString(i + 1) + ":" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000)),
                    uniqueEmail()).statusCode(201);
        }
        signUpChain("[" + prefix + ":ffff:1:2:3]:443", uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
        // The neighbouring /64 is another subscriber.
        signUpChain("2001:db8:ffff:ffff::1", uniqueEmail()).statusCode(201);
    }

    @Test
    void ipv6ClientsAreAlsoCountedByTheirSlash56AndSlash48() {
        // Round 3: before, each of a /48's 65,536 /64s was a fresh bucket of 10 sign-ups.
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String slash48 = "2001:db8:" + Integer.toHexString(r.nextInt(0x10000));
        int perAddress = 10;
        int perSlash56 = perAddress * ClientAddress.SLASH_56_FACTOR;
        int perSlash48 = perAddress * ClientAddress.SLASH_48_FACTOR;
        // Every /64 stays under its own limit; the /56s fill up one after the other.
        int signedUp = 0;
        for (int slash56 = 0; signedUp < perSlash48; slash56++) {
            for (int i = 0; i < perSlash56; i++, signedUp++) {
                String from = slash48 + ":" + Integer.toHexString(slash56 << 8 | i / 5) + "::" + Integer.toHexString(i + 1);
                signUpChain(from, uniqueEmail()).statusCode(201);
            }
            if (slash56 == 0) {
                // A fresh /64 in the full /56 is refused; another /56 of the same /48 is not.
                signUpChain(slash48 + ":ff::1", uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
            }
        }
        // The /48 is full: a fresh /56 in it is refused, another /48 is not.
        signUpChain(slash48 + ":ff00::1", uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
        signUpChain("2001:db9:" + Integer.toHexString(r.nextInt(0x10000)) + "::1", uniqueEmail()).statusCode(201);
    }

    @Test
    void aBurstOfWrongPasswordsForOneAccountChecksAtMostFive() throws Exception {
        String email = uniqueEmail();
        signUp(newAddress(), email).statusCode(201);
        List<Integer> statuses = burst(50, i -> signIn(newAddress(), email, "wrong password " + i));
        assertThat(statuses).filteredOn(s -> s == 401).hasSizeLessThanOrEqualTo(5);
        assertThat(statuses).filteredOn(s -> s == 429).hasSizeGreaterThanOrEqualTo(45);
        assertThat(statuses).containsOnly(401, 429);
    }

    @Test
    void aBurstOfWrongPasswordsFromOneAddressChecksAtMostThirty() throws Exception {
        String from = newAddress();
        // Within the 40 captcha checks per minute of this profile.
        List<Integer> statuses = burst(38, i -> signIn(from, uniqueEmail(), "guess " + i));
        assertThat(statuses).filteredOn(s -> s == 401).hasSizeLessThanOrEqualTo(30);
        assertThat(statuses).containsOnly(401, 429);
    }

    @Test
    void aCheapLimitComesBeforeTheCaptchaProviderIsAsked() {
        String from = newAddress();
        for (int i = 0; i < 40; i++) {
            signIn(from, uniqueEmail(), "").statusCode(400);
        }
        long before = CaptchaStub.calls();
        signIn(from, uniqueEmail(), "guess").statusCode(429).body("code", equalTo("rate_limited"));
        signUp(from, uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(CaptchaStub.calls()).as("siteverify calls").isEqualTo(before);
    }

    private static List<Integer> burst(int n, java.util.function.IntFunction<ValidatableResponse> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.apply(index).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(120, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void tenResetRequestsPerAddressPerHourThenAProblemButNothingAboutTheAccounts() {
        String from = newAddress();
        for (int i = 0; i < 10; i++) {
            given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                    .body(Map.of("email", uniqueEmail(), "captcha", CaptchaStub.PASS)).post(AUTH + "password/reset/").then().statusCode(202);
        }
        ValidatableResponse refused = given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", uniqueEmail(), "captcha", CaptchaStub.PASS)).post(AUTH + "password/reset/").then()
                .statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(retryAfter(refused)).isBetween(3500, 3600);
    }

    @Test
    void resetsHeldBackByTheMailLimitsLeaveTheSameEntriesAccountOrNot() throws Exception {
        String from = newAddress();
        String known = uniqueEmail();
        String unknown = uniqueEmail();
        signUp(from, known).statusCode(201);
        MailServer.awaitCode(known, 1);
        // The sign-up mail fills the known mailbox's interval (60 s here): its reset is held back;
        // the unknown address's first one is not. Neither answer nor entry may tell them apart.
        for (int round = 0; round < 2; round++) {
            resetRequest(from, known).statusCode(202);
            resetRequest(from, unknown).statusCode(202);
            awaitResetRequestsHandled(known, unknown);
            assertThat(QuarkusTransaction.requiringNew().call(() -> VerificationCode.count("codeKey in ?1",
                    List.of(resetEntryKey(known, from), resetEntryKey(unknown, from))))).isEqualTo(2);
            for (int guess = 0; guess < 2; guess++) {
                ValidatableResponse k = confirmReset(from, known).statusCode(400).body("code", equalTo("invalid_code"))
                        .body("attempts_remaining", equalTo(4 - 2 * round - guess));
                assertThat(confirmReset(from, unknown).extract().asString()).isEqualTo(k.extract().asString());
            }
        }
    }

    /**
     * The key of an address's reset entry for one requesting client: the purpose, the SHA-256 of
     * the address's lower-case form, and 64 bits of the SHA-256 of the client's address.
     */
    private static String resetEntryKey(String email, String client) throws Exception {
        return "reset_password:" + sha256(email.toLowerCase(Locale.ROOT)) + ":" + sha256(client).substring(0, 16);
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static ValidatableResponse resetRequest(String from, String email) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "captcha", CaptchaStub.PASS)).post(AUTH + "password/reset/").then();
    }

    private static ValidatableResponse confirmReset(String from, String email) {
        return given().header("X-Forwarded-For", from).contentType(ContentType.JSON)
                .body(Map.of("email", email, "code", "000000", "new_password", "a brand new passphrase"))
                .post(AUTH + "password/reset/confirm/").then();
    }

    @Test
    void wrongResetCodesCountAsFailedSignInsFromTheirAddress() {
        String from = newAddress();
        for (int i = 0; i < 30; i++) {
            confirmReset(from, uniqueEmail()).statusCode(400).body("code", equalTo("invalid_code"));
        }
        confirmReset(from, uniqueEmail()).statusCode(429).body("code", equalTo("rate_limited"));
        signIn(from, uniqueEmail(), "guess").statusCode(429);
    }

    @Test
    void thirtyFailuresFromOneAddressLockThatAddress() {
        String from = newAddress();
        for (int i = 0; i < 30; i++) {
            signIn(from, uniqueEmail(), "guess").statusCode(401);
        }
        ValidatableResponse refused = signIn(from, uniqueEmail(), "guess").statusCode(429).body("code", equalTo("rate_limited"));
        assertThat(retryAfter(refused)).isBetween(850, 900);
        signIn(newAddress(), uniqueEmail(), "guess").statusCode(401);
    }
}
