package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.Api;
import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.support.Jwts;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

@QuarkusTest
class SignUpTest {

    private static Map<String, Object> body(String email, Object password, Object name) {
        Map<String, Object> body = new HashMap<>();
        body.put("email", email);
        body.put("password", password);
        body.put("name", name);
        body.put("captcha", CaptchaStub.PASS);
        return body;
    }

    private static void expectFieldError(Map<String, Object> body, String field) {
        json().body(body).post(AUTH + "signup/").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("code", equalTo("validation_failed"))
                .body("errors." + field, notNullValue());
    }

    @Test
    void createsTheAccountAndSignsItIn() {
        String email = "  New.User+" + System.nanoTime() + "@Example.com ";
        Response response = signUp(email, PASSWORD);

        response.then()
                .statusCode(201)
                .header("Location", "/api/v1/account/")
                .header("Cache-Control", "no-store")
                .contentType("application/json")
                .body("id", matchesPattern("[0-9a-f-]{36}"))
                .body("email", equalTo(email.strip()))
                .body("name", equalTo("Test User"))
                .body("email_verified", equalTo(false))
                .body("created_at", notNullValue());
        Instant created = Instant.parse(response.path("created_at"));
        assertThat(created).isCloseTo(Instant.now(), org.assertj.core.api.Assertions.within(1, ChronoUnit.MINUTES));

        String access = response.cookie("access_token");
        Map<String, Object> claims = Jwts.payload(access);
        assertThat(claims.get("sub")).isEqualTo(response.path("id"));
        assertThat(claims.get("email_verified")).isEqualTo(false);
        assertThat(response.cookie("refresh_token")).isNotBlank();

        // The account is usable at once: the Location answers with the same account.
        io.restassured.RestAssured.given().cookie("access_token", access).get("/api/v1/account/").then()
                .statusCode(200).body("id", equalTo(response.path("id")));
    }

    @Test
    void setsBothCookiesWithTheContractsAttributes() {
        Response response = signUp(uniqueEmail(), PASSWORD);
        response.then().statusCode(201);

        Cookie access = response.detailedCookie("access_token");
        assertThat(access.isHttpOnly()).isTrue();
        assertThat(access.getPath()).isEqualTo("/");
        assertThat(access.getSameSite()).isEqualToIgnoringCase("Lax");
        assertThat(access.getMaxAge()).isEqualTo(900);
        assertThat(access.getDomain()).isNull();

        Cookie refresh = response.detailedCookie("refresh_token");
        assertThat(refresh.isHttpOnly()).isTrue();
        assertThat(refresh.getPath()).isEqualTo("/api/v1/auth/");
        assertThat(refresh.getSameSite()).isEqualToIgnoringCase("Strict");
        assertThat(refresh.getMaxAge()).isEqualTo(14 * 24 * 3600);
        assertThat(refresh.getValue()).matches("[A-Za-z0-9_-]{43,}");

        // Secure is off in the test profile (plain http); the production default is on.
        assertThat(access.isSecured()).isFalse();
    }

    @Test
    void refusesAnAddressTakenInAnotherCase() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        signUp(email.toUpperCase(), PASSWORD).then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("code", equalTo("email_taken"))
                .body("status", equalTo(409))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue());
        long count = QuarkusTransaction.requiringNew().call(() -> User.count("emailKey", User.keyOf(email)));
        assertThat(count).isEqualTo(1);
    }

    @Test
    void storesThePasswordOnlyAsAnArgon2idHash() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        User user = QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow());
        assertThat(user.passwordHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain(PASSWORD);
    }

    @Test
    void checksTheCaptchaBeforeTheFields() {
        Map<String, Object> body = body("not-an-email", "short", "");
        body.put("captcha", CaptchaStub.REFUSED);
        json().body(body).post(AUTH + "signup/").then().statusCode(400).body("code", equalTo("captcha_invalid"));
    }

    @Test
    void aMissingOrEmptyCaptchaIsCaptchaInvalid() {
        Map<String, Object> body = body(uniqueEmail(), PASSWORD, "Name");
        body.remove("captcha");
        json().body(body).post(AUTH + "signup/").then().statusCode(400).body("code", equalTo("captcha_invalid"));
        body.put("captcha", "");
        json().body(body).post(AUTH + "signup/").then().statusCode(400).body("code", equalTo("captcha_invalid"));
    }

    @Test
    void refusesAnInvalidEmail() {
        expectFieldError(body("not-an-email", PASSWORD, "Name"), "email");
        expectFieldError(body("", PASSWORD, "Name"), "email");
        expectFieldError(body(null, PASSWORD, "Name"), "email");
        expectFieldError(body("a".repeat(250) + "@example.com", PASSWORD, "Name"), "email");
    }

    @Test
    void acceptsOnlyAddressesAMailServerDeliversTo() {
        // Quoted local parts, comments, IP literals, dotless or numeric domains: a mail to them
        // fails for ever, and each would sit in the outbox.
        for (String address : new String[] { "\"a b\"@example.com", "\"quoted\"@example.com", "a(comment)@example.com",
                "user@[127.0.0.1]", "user@[IPv6:::1]", "user@localhost", "user@example", "user@1.2.3.4", "user@-example.com",
                "user@example-.com", "user@exa_mple.com", ".user@example.com", "user.@example.com", "us..er@example.com",
                "user@@example.com", "a@b@example.com", "user @example.com", "x".repeat(65) + "@example.com",
                "user@" + "a".repeat(64) + ".com", "user\u202e@example.com" }) {
            expectFieldError(body(address, PASSWORD, "Name"), "email");
        }
        for (String address : new String[] { "first.last+tag@example.co.uk", "o'neil@example.com", "x_y-z@sub.example.org",
                "josé@example.com", "用户@例子.广告", "user@xn--bcher-kva.example" }) {
            json().body(body(address.replace("@", System.nanoTime() + "@"), PASSWORD, "Name")).post(AUTH + "signup/")
                    .then().statusCode(201);
        }
    }

    @Test
    void normalisesTheAddressToNfcSoTwoSpellingsAreOneAccount() {
        String local = "jose" + System.nanoTime();
        String composed = local + "\u00e9@example.com";
        String decomposed = local + "e\u0301@example.com";
        json().body(body(decomposed, PASSWORD, "Name")).post(AUTH + "signup/").then().statusCode(201)
                .body("email", equalTo(composed));
        json().body(body(composed, PASSWORD, "Name")).post(AUTH + "signup/").then().statusCode(409);
    }

    @Test
    void anAddressWhoseLowerCaseIsLongerIsOneAccountInEveryCase() {
        // "İ" lowers to two characters: the key is longer than the address.
        String address = "\u0130".repeat(10) + System.nanoTime() + "@example.com";
        json().body(body(address, PASSWORD, "Name")).post(AUTH + "signup/").then().statusCode(201);
        json().body(body(address.toLowerCase(java.util.Locale.ROOT), PASSWORD, "Name")).post(AUTH + "signup/").then()
                .statusCode(409).body("code", equalTo("email_taken"));
    }

    @Test
    void onlyTheAddressesUniqueConstraintMeansTaken() {
        var taken = new org.hibernate.exception.ConstraintViolationException("duplicate", null, User.EMAIL_KEY_UNIQUE);
        var other = new org.hibernate.exception.ConstraintViolationException("other", null, "users_pkey");
        assertThat(Accounts.violates(new jakarta.persistence.PersistenceException(taken), User.EMAIL_KEY_UNIQUE)).isTrue();
        assertThat(Accounts.violates(new jakarta.persistence.PersistenceException(other), User.EMAIL_KEY_UNIQUE)).isFalse();
        assertThat(Accounts.violates(new jakarta.persistence.PersistenceException("value too long"), User.EMAIL_KEY_UNIQUE))
                .isFalse();
    }

    @Test
    void passwordsAreNfkcNormalisedSoAnotherKeyboardStillWorks() {
        String email = uniqueEmail();
        // Full-width letters, as an East Asian keyboard may type them; NFKC makes them ASCII.
        json().body(body(email, "\uff43\uff4f\uff52\uff52\uff45\uff43\uff54 \uff48\uff4f\uff52\uff53\uff45 staple", "Name"))
                .post(AUTH + "signup/").then().statusCode(201);
        Api.signIn(email, "correct horse staple").then().statusCode(204);
        Api.signIn(email, "\uff43\uff4f\uff52\uff52\uff45\uff43\uff54 \uff48\uff4f\uff52\uff53\uff45 staple").then().statusCode(204);
        // The rules apply to the normalised form: full-width "password" is a common password.
        expectFieldError(body(uniqueEmail(), "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44", "Name"), "password");
    }

    @Test
    void countsPasswordLengthInCodePoints() {
        // Seven emoji are 14 UTF-16 units but 7 characters: too short.
        expectFieldError(body(uniqueEmail(), "😀".repeat(7), "Name"), "password");
        // 128 emoji are 256 UTF-16 units but 128 characters: accepted, never truncated.
        json().body(body(uniqueEmail(), "😀".repeat(128), "Name")).post(AUTH + "signup/").then().statusCode(201);
        expectFieldError(body(uniqueEmail(), "x".repeat(129), "Name"), "password");
    }

    @Test
    void refusesCommonPasswordsInAnyCase() {
        expectFieldError(body(uniqueEmail(), "password1", "Name"), "password");
        expectFieldError(body(uniqueEmail(), "Iloveyou", "Name"), "password");
        expectFieldError(body(uniqueEmail(), "qwertyuiop", "Name"), "password");
    }

    @Test
    void refusesThePasswordEqualToTheEmail() {
        String email = uniqueEmail();
        expectFieldError(body(email, email.toUpperCase(), "Name"), "password");
    }

    @Test
    void acceptsAnyCompositionOfALongEnoughPassword() {
        json().body(body(uniqueEmail(), "all lower case words", "Name")).post(AUTH + "signup/").then().statusCode(201);
    }

    @Test
    void validatesTheName() {
        expectFieldError(body(uniqueEmail(), PASSWORD, "   "), "name");
        expectFieldError(body(uniqueEmail(), PASSWORD, null), "name");
        expectFieldError(body(uniqueEmail(), PASSWORD, "x".repeat(151)), "name");
        expectFieldError(body(uniqueEmail(), PASSWORD, "bad\u0000name"), "name");
        expectFieldError(body(uniqueEmail(), PASSWORD, "bad\nname"), "name");
        // Format characters: a bidi override, zero-width characters, a line separator.
        for (String name : new String[] { "evil\u202egnp.exe", "zero\u200bwidth", "joiner\u200dname", "\u2066isolate\u2069",
                "line\u2028separator", "bom\ufeff" }) {
            expectFieldError(body(uniqueEmail(), PASSWORD, name), "name");
        }
        json().body(body(uniqueEmail(), PASSWORD, "  " + "é".repeat(150) + "  ")).post(AUTH + "signup/").then()
                .statusCode(201).body("name", equalTo("é".repeat(150)));
    }

    @Test
    void refusesWrongTypesWithoutCoercion() {
        expectFieldError(body(uniqueEmail(), PASSWORD, 42), "name");
        expectFieldError(body(uniqueEmail(), 12345678, "Name"), "password");
        expectFieldError(body(uniqueEmail(), true, "Name"), "password");
        expectFieldError(body(uniqueEmail(), PASSWORD, java.util.List.of("a")), "name");
        expectFieldError(body(uniqueEmail(), PASSWORD, Map.of("a", "b")), "name");
    }

    @Test
    void ignoresUnknownFields() {
        Map<String, Object> body = body(uniqueEmail(), PASSWORD, "Name");
        body.put("is_admin", true);
        body.put("email_verified", true);
        json().body(body).post(AUTH + "signup/").then().statusCode(201).body("email_verified", equalTo(false));
    }

    @Test
    void invalidInputCreatesNoAccount() {
        String email = uniqueEmail();
        expectFieldError(body(email, "password", "Name"), "password");
        long count = QuarkusTransaction.requiringNew().call(() -> User.count("emailKey", User.keyOf(email)));
        assertThat(count).isZero();
    }
}
