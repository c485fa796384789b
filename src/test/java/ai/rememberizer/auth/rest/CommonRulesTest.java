package ai.rememberizer.auth.rest;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.newAccount;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.containsString;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.support.CaptchaStub;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The contract's common rules: paths, problem+json, sizes, content types, the Origin rule. */
@QuarkusTest
class CommonRulesTest {

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String code) {
        return response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("type", notNullValue())
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("at ai.")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "signup", "signin", "custom-refresh", "custom-logout" })
    void everyPathWorksWithAndWithoutItsTrailingSlash(String endpoint) {
        for (String path : new String[] { AUTH + endpoint, AUTH + endpoint + "/" }) {
            int status = given().redirects().follow(false).post(path).then().extract().statusCode();
            assertThat(status).as(path).isNotIn(301, 302, 307, 308, 404, 405);
        }
    }

    @Test
    void signUpAndSignInWorkWithoutTheTrailingSlash() {
        String email = uniqueEmail();
        json().body(Map.of("email", email, "password", PASSWORD, "name", "N", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup").then().statusCode(201);
        json().body(Map.of("login", email, "password", PASSWORD, "captcha", CaptchaStub.PASS))
                .post(AUTH + "signin").then().statusCode(204);
    }

    @Test
    void unknownPathsAreProblem404() {
        expectProblem(given().post(AUTH + "nothing-here/").then(), 404, "not_found");
        expectProblem(given().get("/no/such/thing").then(), 404, "not_found");
    }

    @Test
    void wrongMethodsAreProblem405() {
        expectProblem(given().get(AUTH + "signin/").then(), 405, "method_not_allowed");
        expectProblem(given().delete(AUTH + "custom-refresh/").then(), 405, "method_not_allowed");
    }

    @Test
    void bodiesOver16KiBAreProblem413AndCreateNothing() {
        String email = uniqueEmail();
        String big = "x".repeat(17 * 1024);
        expectProblem(json().body(Map.of("email", email, "password", PASSWORD, "name", big, "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/").then(), 413, "payload_too_large");
        long count = QuarkusTransaction.requiringNew().call(() -> User.count("emailKey", User.keyOf(email)));
        assertThat(count).isZero();
    }

    @Test
    void chunkedBodiesOver16KiBAreProblem413Too() {
        String email = uniqueEmail();
        String body = "{\"email\":\"" + email + "\",\"password\":\"" + PASSWORD + "\",\"captcha\":\"" + CaptchaStub.PASS
                + "\",\"name\":\"" + "x".repeat(17 * 1024) + "\"}";
        // An InputStream body goes out with Transfer-Encoding: chunked and no Content-Length.
        expectProblem(json().body(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .post(AUTH + "signup/").then(), 413, "payload_too_large");
        long count = QuarkusTransaction.requiringNew().call(() -> User.count("emailKey", User.keyOf(email)));
        assertThat(count).isZero();
    }

    @Test
    void aDeclaredLengthOver16KiBIsRefusedBeforeTheBodyIsRead() throws Exception {
        // A raw request: it claims 1 GiB and sends 2 bytes; the answer must not wait for the rest.
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(("POST " + AUTH + "signin/ HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 1073741824\r\n\r\n{}")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = readResponse(socket.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 413").containsIgnoringCase("content-type: application/problem+json")
                    .contains("\"code\":\"payload_too_large\"");
        }
    }

    /** Reads one HTTP response: the head, then as many body bytes as its Content-Length says. */
    private static String readResponse(java.io.InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length:\\s*(\\d+)").matcher(head);
        int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return head + new String(in.readNBytes(bodyLength), java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void smallChunkedBodiesAreRead() {
        String body = "{\"email\":\"" + uniqueEmail() + "\",\"password\":\"" + PASSWORD + "\",\"captcha\":\"" + CaptchaStub.PASS
                + "\",\"name\":\"Chunked\"}";
        json().body(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .post(AUTH + "signup/").then().statusCode(201).body("name", equalTo("Chunked"));
    }

    @Test
    void aBodyJustUnder16KiBIsRead() {
        String padding = "x".repeat(16 * 1024 - 200);
        json().body(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "N", "captcha", CaptchaStub.PASS, "pad", padding))
                .post(AUTH + "signup/").then().statusCode(201);
    }

    @Test
    void nonJsonContentTypesAreProblem415() {
        for (String endpoint : new String[] { "signup/", "signin/", "custom-refresh/", "custom-logout/" }) {
            expectProblem(given().contentType("text/plain").body("hello").post(AUTH + endpoint).then(), 415, "unsupported_media_type");
            expectProblem(given().contentType("application/x-www-form-urlencoded").formParam("login", "x").post(AUTH + endpoint).then(),
                    415, "unsupported_media_type");
        }
    }

    @Test
    void malformedJsonIsValidationFailed() {
        for (String body : new String[] { "{", "{\"email\": }", "[]", "\"text\"", "{\"login\":\"a\"} trailing",
                "{\"login\":\"a\",\"login\":\"b\",\"password\":\"x\",\"captcha\":\"y\"}" }) {
            expectProblem(json().body(body).post(AUTH + "signin/").then(), 400, "validation_failed");
        }
    }

    @Test
    void validationFailuresListTheFields() {
        json().body(Map.of("email", "bad", "password", "short", "name", "", "captcha", CaptchaStub.PASS)).post(AUTH + "signup/").then()
                .statusCode(400)
                .body("code", equalTo("validation_failed"))
                .body("errors.email", notNullValue())
                .body("errors.password", notNullValue())
                .body("errors.name", notNullValue());
    }

    @Test
    void aForeignOriginIsRefusedBeforeAnythingElse() {
        // Even with a content type that would otherwise be 415.
        expectProblem(given().header("Origin", "https://evil.example").contentType("text/plain").body("x")
                .post(AUTH + "signin/").then(), 403, "origin_not_allowed");
        // And even with an oversized body.
        expectProblem(given().header("Origin", "https://evil.example").contentType("application/json").body("x".repeat(20_000))
                .post(AUTH + "signin/").then(), 403, "origin_not_allowed");
        expectProblem(given().header("Origin", "null").post(AUTH + "custom-logout/").then(), 403, "origin_not_allowed");
    }

    @Test
    void aForeignOriginCannotRefreshOrLogOut() {
        String token = newAccount().cookie("refresh_token");
        expectProblem(given().header("Origin", "https://evil.example").cookie("refresh_token", token)
                .post(AUTH + "custom-logout/").then(), 403, "origin_not_allowed");
        // The refused logout revoked nothing.
        given().cookie("refresh_token", token).post(AUTH + "custom-refresh/").then().statusCode(204);
    }

    @Test
    void theServicesOwnOriginAndNoOriginPass() {
        int port = io.restassured.RestAssured.port;
        given().header("Origin", "http://localhost:" + port).post(AUTH + "custom-logout/").then().statusCode(204);
        given().post(AUTH + "custom-logout/").then().statusCode(204);
    }

    @Test
    void aForeignOriginIsRefusedOnReadsAndPreflightsToo() {
        expectProblem(given().header("Origin", "https://evil.example").get("/api/v1/account/").then(), 403, "origin_not_allowed");
        expectProblem(given().header("Origin", "https://evil.example").header("Access-Control-Request-Method", "POST")
                .options(AUTH + "signin/").then(), 403, "origin_not_allowed");
    }

    @Test
    void aConfiguredOriginGetsCredentialedCors() {
        String origin = ai.rememberizer.auth.support.BrowserPage.CONFIGURED_ORIGIN;
        given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .options(AUTH + "signin/").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", "true");
        String token = newAccount().cookie("refresh_token");
        given().header("Origin", origin).cookie("refresh_token", token).post(AUTH + "custom-refresh/").then()
                .statusCode(204)
                .header("Access-Control-Allow-Origin", origin)
                .header("Access-Control-Allow-Credentials", "true");
    }
}
