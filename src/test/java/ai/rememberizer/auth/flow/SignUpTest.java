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

import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.support.CaptchaStub;
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
