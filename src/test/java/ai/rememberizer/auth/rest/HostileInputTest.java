package ai.rememberizer.auth.rest;

import static ai.rememberizer.auth.support.Api.AUTH;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import ai.rememberizer.auth.user.User;
import ai.rememberizer.auth.mail.QueuedMail;
import ai.rememberizer.auth.session.RefreshToken;
import ai.rememberizer.auth.session.Session;
import ai.rememberizer.auth.support.Api;
import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.Jwts;
import ai.rememberizer.auth.verification.VerificationCode;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;

/**
 * Malformed and hostile requests. Each must get a 4xx problem+json answer (never a 5xx),
 * leave no row behind, and leave the service ready.
 */
@QuarkusTest
class HostileInputTest {

    /** A real account and session, made once, that the token cases aim at. */
    private static Response victim;

    private static Response victim() {
        if (victim == null) {
            victim = Api.newAccount();
        }
        return victim;
    }

    private static String sub() {
        return victim().path("id");
    }

    private static String sid() {
        return Jwts.payload(victim().cookie("access_token")).get("sid").toString();
    }

    private static final String OK = CaptchaStub.PASS;

    private static Arguments c(String name, int status, Supplier<Response> call) {
        return Arguments.of(name, status, call);
    }

    private static Response signUpRaw(String body) {
        return given().contentType(ContentType.JSON).body(body).post(AUTH + "signup/");
    }

    private static Response signInRaw(String body) {
        return given().contentType(ContentType.JSON).body(body).post(AUTH + "signin/");
    }

    private static String signUpJson(String email, String password, String name) {
        return "{\"email\":" + email + ",\"password\":" + password + ",\"name\":" + name + ",\"captcha\":\"" + OK + "\"}";
    }

    private static String signInJson(String login, String password) {
        return "{\"login\":" + login + ",\"password\":" + password + ",\"captcha\":\"" + OK + "\"}";
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }

    private static Response account(String bearer) {
        return given().header("Authorization", "Bearer " + bearer).get("/api/v1/account/");
    }

    private static Response verify(String body) {
        return given().header("Authorization", "Bearer " + victim().cookie("access_token")).contentType(ContentType.JSON)
                .body(body).post(AUTH + "verify-email/");
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        String email = "\"hostile@example.com\"";
        String pw = q(Api.PASSWORD);
        String name = "\"Name\"";

        // Broken JSON.
        for (String body : new String[] { "{", "}", "[", "{\"email\":", "{'email':'a@b.c'}", "{\"email\" \"x\"}", "nul",
                "{\"a\":1,}", "{\"email\":\"x\"}}", "{\"email\":\"x\"} trailing", "\uFEFF{", "{\"email\":\"\\x41\"}",
                "{\"email\":\"unterminated}", "{\"email\":01}", "{/*comment*/}" }) {
            cases.add(c("signup broken JSON " + body, 400, () -> signUpRaw(body)));
        }
        cases.add(c("signup nested 5000 deep", 400, () -> signUpRaw("[".repeat(5000) + "]".repeat(5000))));
        cases.add(c("signup invalid UTF-8", 400, () -> given().contentType("application/json")
                .body(new byte[] { '{', '"', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}' }).post(AUTH + "signup/")));
        cases.add(c("signup duplicate keys", 400, () -> signUpRaw("{\"email\":\"a@b.c\",\"email\":\"d@e.f\",\"captcha\":\"x\"}")));

        // Wrong types, nulls, arrays.
        cases.add(c("signup body is a string", 400, () -> signUpRaw("\"text\"")));
        cases.add(c("signup body is a number", 400, () -> signUpRaw("42")));
        cases.add(c("signup body is true", 400, () -> signUpRaw("true")));
        cases.add(c("signup body is an array", 400, () -> signUpRaw("[]")));
        cases.add(c("signup body is an array of objects", 400, () -> signUpRaw("[{}]")));
        cases.add(c("signup body is null", 400, () -> signUpRaw("null")));
        cases.add(c("signup body is empty object", 400, () -> signUpRaw("{}")));
        cases.add(c("signup email is a number", 400, () -> signUpRaw(signUpJson("42", pw, name))));
        cases.add(c("signup email is an array", 400, () -> signUpRaw(signUpJson("[\"a@b.c\"]", pw, name))));
        cases.add(c("signup email is an object", 400, () -> signUpRaw(signUpJson("{\"$ne\":null}", pw, name))));
        cases.add(c("signup email is null", 400, () -> signUpRaw(signUpJson("null", pw, name))));
        cases.add(c("signup password is a number", 400, () -> signUpRaw(signUpJson(email, "12345678", name))));
        cases.add(c("signup password is a boolean", 400, () -> signUpRaw(signUpJson(email, "true", name))));
        cases.add(c("signup password is null", 400, () -> signUpRaw(signUpJson(email, "null", name))));
        cases.add(c("signup name is a boolean", 400, () -> signUpRaw(signUpJson(email, pw, "false"))));
        cases.add(c("signup name is a float", 400, () -> signUpRaw(signUpJson(email, pw, "1.5"))));
        cases.add(c("signup name is huge number", 400, () -> signUpRaw(signUpJson(email, pw, "1e999999"))));
        cases.add(c("signup captcha is an object", 400, () -> signUpRaw("{\"email\":" + email + ",\"captcha\":{}}")));

        // Huge strings, odd Unicode, SQL-looking text.
        cases.add(c("signup 15000-character email", 400, () -> signUpRaw(signUpJson(q("a".repeat(15000) + "@example.com"), pw, name))));
        cases.add(c("signup 255-character email", 400, () -> signUpRaw(signUpJson(q("a".repeat(243) + "@example.com"), pw, name))));
        cases.add(c("signup 151-character name", 400, () -> signUpRaw(signUpJson(email, pw, q("n".repeat(151))))));
        cases.add(c("signup 129-character password", 400, () -> signUpRaw(signUpJson(email, q("p".repeat(129)), name))));
        cases.add(c("signup common password", 400, () -> signUpRaw(signUpJson(email, q("password"), name))));
        cases.add(c("signup password is the email", 400, () -> signUpRaw(signUpJson(email, email, name))));
        cases.add(c("signup lone surrogate in email", 400, () -> signUpRaw(signUpJson(q("a\\ud800@example.com"), pw, name))));
        cases.add(c("signup lone surrogate in name", 400, () -> signUpRaw(signUpJson(email, pw, q("x\\udc00y")))));
        cases.add(c("signup lone surrogate in password", 400, () -> signUpRaw(signUpJson(email, q("abcdefgh\\ud800"), name))));
        cases.add(c("signup NUL in email", 400, () -> signUpRaw(signUpJson(q("a\\u0000b@example.com"), pw, name))));
        cases.add(c("signup NUL in name", 400, () -> signUpRaw(signUpJson(email, pw, q("a\\u0000b")))));
        cases.add(c("signup bell in email", 400, () -> signUpRaw(signUpJson(q("a\\u0007@example.com"), pw, name))));
        cases.add(c("signup newline in name", 400, () -> signUpRaw(signUpJson(email, pw, q("a\\nb")))));
        cases.add(c("signup SQL as email", 400, () -> signUpRaw(signUpJson(q("' OR 1=1 --"), pw, name))));
        cases.add(c("signup SQL drop as email", 400, () -> signUpRaw(signUpJson(q("x'); DROP TABLE users;--"), pw, name))));
        cases.add(c("signup script as email", 400, () -> signUpRaw(signUpJson(q("<script>alert(1)</script>"), pw, name))));
        cases.add(c("signup refused captcha with SQL name", 400, () -> signUpRaw("{\"email\":" + email + ",\"password\":" + pw
                + ",\"name\":\"Robert'); DROP TABLE users;--\",\"captcha\":\"" + CaptchaStub.REFUSED + "\"}")));

        // Sign-in.
        cases.add(c("signin SQL login", 401, () -> signInRaw(signInJson(q("' OR '1'='1"), q("x")))));
        cases.add(c("signin SQL comment login", 401, () -> signInRaw(signInJson(q("admin'--"), q("x")))));
        cases.add(c("signin SQL password", 401, () -> signInRaw(signInJson(q("nobody@example.com"), q("' OR 1=1 --")))));
        cases.add(c("signin NoSQL operator login", 400, () -> signInRaw(signInJson("{\"$ne\":null}", q("x")))));
        cases.add(c("signin NUL in login", 400, () -> signInRaw(signInJson(q("a\\u0000@example.com"), q("x")))));
        cases.add(c("signin lone surrogate login", 400, () -> signInRaw(signInJson(q("\\ud800@example.com"), q("x")))));
        cases.add(c("signin header injection login", 400, () -> signInRaw(signInJson(q("a@b.c\\r\\nX-Injected: 1"), q("x")))));
        cases.add(c("signin 300-character login", 400, () -> signInRaw(signInJson(q("l".repeat(300)), q("x")))));
        cases.add(c("signin 2000-character password", 400, () -> signInRaw(signInJson(q("nobody@example.com"), q("p".repeat(2000))))));
        cases.add(c("signin login is an array", 400, () -> signInRaw(signInJson("[]", q("x")))));
        cases.add(c("signin password is null", 400, () -> signInRaw(signInJson(q("a@b.c"), "null"))));
        cases.add(c("signin password is a number", 400, () -> signInRaw(signInJson(q("a@b.c"), "12345678"))));
        cases.add(c("signin math-alphabet login", 401, () -> signInRaw(signInJson(q("\uD835\uDCCA\uD835\uDCC8@example.com"), q("x")))));
        cases.add(c("signin zero-width login", 401, () -> signInRaw(signInJson(q("us\u200Ber@example.com"), q("x")))));
        cases.add(c("signin homoglyph login", 401, () -> signInRaw(signInJson(q("\u0430dmin@example.com"), q("x")))));
        cases.add(c("signin right-to-left override login", 401, () -> signInRaw(signInJson(q("\u202Emoc.elpmaxe@resu"), q("x")))));
        cases.add(c("signin broken JSON", 400, () -> signInRaw("{\"login\":")));
        cases.add(c("signin without captcha", 400, () -> signInRaw("{\"login\":\"a@b.c\",\"password\":\"x\"}")));

        // Content types and sizes.
        cases.add(c("signin form body", 415, () -> given().contentType("application/x-www-form-urlencoded")
                .body("login=a%40b.c&password=x&captcha=y").post(AUTH + "signin/")));
        for (String type : new String[] { "text/plain", "application/xml", "text/html",
                "multipart/form-data; boundary=x", "application/jsonp", "application/octet-stream", ";;;", "json" }) {
            cases.add(c("signin content type " + type, 415,
                    () -> given().contentType(type).body(signInJson(q("a@b.c"), q("x")).getBytes(StandardCharsets.UTF_8))
                            .post(AUTH + "signin/")));
        }
        cases.add(c("signup 17 KiB body", 413, () -> signUpRaw(signUpJson(email, pw, q("n".repeat(17 * 1024))))));
        cases.add(c("signup 20 KiB chunked body", 413, () -> given().contentType(ContentType.JSON)
                .body(new ByteArrayInputStream(signUpJson(email, pw, q("n".repeat(20 * 1024))).getBytes(StandardCharsets.UTF_8)))
                .post(AUTH + "signup/")));

        // Refresh tokens.
        cases.add(c("refresh garbage cookie", 401, () -> Api.refresh("garbage")));
        cases.add(c("refresh SQL cookie", 401, () -> Api.refresh("'%20OR%20'1'='1")));
        cases.add(c("refresh 5000-character cookie", 401, () -> Api.refresh("r".repeat(5000))));
        cases.add(c("refresh well-formed unknown token", 401, () -> Api.refresh("A".repeat(43))));
        cases.add(c("refresh tampered real token", 401, () -> {
            String token = victim().cookie("refresh_token");
            return Api.refresh((token.charAt(0) == 'A' ? "B" : "A") + token.substring(1));
        }));
        cases.add(c("refresh empty cookie", 401, () -> Api.refresh("")));
        cases.add(c("refresh body number", 400, () -> given().contentType(ContentType.JSON).body("{\"refresh\":1}").post(AUTH + "custom-refresh/")));
        cases.add(c("refresh body array", 400, () -> given().contentType(ContentType.JSON).body("[\"x\"]").post(AUTH + "custom-refresh/")));
        cases.add(c("refresh body broken", 400, () -> given().contentType(ContentType.JSON).body("{\"refresh\":").post(AUTH + "custom-refresh/")));
        cases.add(c("refresh body null token", 401, () -> given().contentType(ContentType.JSON).body("{\"refresh\":null}").post(AUTH + "custom-refresh/")));
        cases.add(c("refresh body as text/plain", 415, () -> given().contentType("text/plain").body("refresh=x").post(AUTH + "custom-refresh/")));

        // Access tokens.
        cases.add(c("account without token", 401, () -> given().get("/api/v1/account/")));
        cases.add(c("account empty bearer", 401, () -> account("")));
        cases.add(c("account garbage bearer", 401, () -> account("abc")));
        cases.add(c("account three empty parts", 401, () -> account("..")));
        cases.add(c("account alg none", 401, () -> account(Jwts.unsigned(sub(), sid()))));
        cases.add(c("account expired", 401, () -> {
            Instant past = Instant.now().minusSeconds(3600);
            return account(Jwts.sign(Jwts.claims(sub(), sid()).issuedAt(past.minusSeconds(900)).expiresAt(past), Jwts.serviceKey()));
        }));
        cases.add(c("account wrong issuer", 401, () -> account(Jwts.sign(Jwts.claims(sub(), sid()).issuer("https://evil.example"), Jwts.serviceKey()))));
        cases.add(c("account re-signed with another key", 401, () -> account(Jwts.sign(Jwts.claims(sub(), sid()), Jwts.otherKey()))));
        cases.add(c("account payload swapped", 401, () -> {
            String[] parts = victim().cookie("access_token").split("\\.");
            String other = Jwts.sign(Jwts.claims(sub(), sid()).claim("email_verified", true), Jwts.otherKey()).split("\\.")[1];
            return account(parts[0] + "." + other + "." + parts[2]);
        }));
        cases.add(c("account signature cut", 401, () -> {
            String token = victim().cookie("access_token");
            return account(token.substring(0, token.lastIndexOf('.') + 1));
        }));
        cases.add(c("account HS256 with the public key as secret", 401, () -> {
            byte[] publicKey = given().get("/.well-known/jwks.json").asString().getBytes(StandardCharsets.UTF_8);
            return account(Jwts.claims(sub(), sid()).jws().algorithm(SignatureAlgorithm.HS256)
                    .sign(new SecretKeySpec(java.util.Arrays.copyOf(publicKey, 64), "HmacSHA256")));
        }));
        cases.add(c("account Basic scheme", 401, () -> given().header("Authorization", "Basic dXNlcjpwYXNz").get("/api/v1/account/")));
        cases.add(c("account garbage cookie", 401, () -> given().cookie("access_token", "x.y.z").get("/api/v1/account/")));
        cases.add(c("account token of an unknown user", 401, () -> account(Jwts.sign(Jwts.claims(java.util.UUID.randomUUID().toString(), sid()),
                Jwts.serviceKey()))));
        cases.add(c("account subject not a UUID", 401, () -> account(Jwts.sign(Jwts.claims("' OR 1=1", sid()), Jwts.serviceKey()))));
        cases.add(c("account 6000-character bearer", 401, () -> account("a".repeat(6000))));

        // Verification.
        cases.add(c("verify without token", 401, () -> given().contentType(ContentType.JSON).body("{\"verification_code\":\"123456\"}")
                .post(AUTH + "verify-email/")));
        cases.add(c("verify code as number", 400, () -> verify("{\"verification_code\":123456}")));
        cases.add(c("verify code letters", 400, () -> verify("{\"verification_code\":\"abcdef\"}")));
        cases.add(c("verify code SQL", 400, () -> verify("{\"verification_code\":\"1' OR '1'='1\"}")));
        cases.add(c("verify code seven digits", 400, () -> verify("{\"verification_code\":\"1234567\"}")));
        cases.add(c("verify code with NUL", 400, () -> verify("{\"verification_code\":\"12345\\u0000\"}")));
        cases.add(c("verify code fullwidth digits", 400, () -> verify("{\"verification_code\":\"\uFF11\uFF12\uFF13\uFF14\uFF15\uFF16\"}")));
        cases.add(c("verify body array", 400, () -> verify("[]")));
        cases.add(c("verify alg none token", 401, () -> given().header("Authorization", "Bearer " + Jwts.unsigned(sub(), sid()))
                .contentType(ContentType.JSON).body("{\"verification_code\":\"123456\"}").post(AUTH + "verify-email/")));
        cases.add(c("resend without token", 401, () -> given().post(AUTH + "resend-verification/")));
        cases.add(c("resend forged token", 401, () -> given().header("Authorization", "Bearer " + Jwts.sign(Jwts.claims(sub(), sid()),
                Jwts.otherKey())).post(AUTH + "resend-verification/")));

        // Methods, paths, headers, origins.
        cases.add(c("unknown path", 404, () -> given().get("/api/v1/auth/nothing")));
        cases.add(c("PROPFIND on signin", 405, () -> given().request("PROPFIND", AUTH + "signin/")));
        cases.add(c("DELETE on signup", 405, () -> given().delete(AUTH + "signup/")));
        cases.add(c("PUT on signin", 405, () -> given().contentType(ContentType.JSON).body("{}").put(AUTH + "signin/")));
        cases.add(c("GET on logout", 405, () -> given().get(AUTH + "custom-logout/")));
        cases.add(c("10 KiB header", 431, () -> given().header("X-Filler", "a".repeat(10 * 1024)).get("/api/v1/account/")));
        cases.add(c("200 headers", 431, () -> {
            var request = given();
            for (int i = 0; i < 200; i++) {
                request = request.header("X-Filler-" + i, "v".repeat(40));
            }
            return request.post(AUTH + "custom-logout/");
        }));
        cases.add(c("10 KiB cookie", 431, () -> given().cookie("refresh_token", "r".repeat(10 * 1024)).post(AUTH + "custom-refresh/")));
        cases.add(c("5000-character URI", 414, () -> given().get("/api/v1/account/?q=" + "u".repeat(5000))));
        cases.add(c("foreign Origin on signup", 403, () -> given().header("Origin", "https://evil.example").contentType(ContentType.JSON)
                .body(signUpJson(email, pw, name)).post(AUTH + "signup/")));
        cases.add(c("Origin null on logout", 403, () -> given().header("Origin", "null").post(AUTH + "custom-logout/")));
        cases.add(c("Origin garbage on refresh", 403, () -> given().header("Origin", "\u00ff\u00fe").post(AUTH + "custom-refresh/")));
        cases.add(c("Origin lookalike on signin", 403, () -> given().header("Origin", "http://localhost.evil.example").contentType(ContentType.JSON)
                .body("{}").post(AUTH + "signin/")));

        // Found by a later review: no 5xx, no bare answers.
        for (String body : new String[] { "null", "[]", "42", "{\"refresh\":null}", "{\"refresh\":42}",
                "{\"refresh\":[\"a\"]}" }) {
            int expected = body.equals("null") || body.equals("{\"refresh\":null}") ? 401 : 400;
            cases.add(c("refresh body " + body, expected, () -> given().contentType(ContentType.JSON).body(body)
                    .post(AUTH + "custom-refresh/")));
        }
        cases.add(c("signin login longer in lower case", 401,
                () -> signInRaw(signInJson(q("\u0130".repeat(220) + System.nanoTime() + "@example.com"), pw))));
        cases.add(c("signin login of dotted capital I only", 401, () -> signInRaw(signInJson(q("\u0130\u0130@\u0130.com"), pw))));
        for (String address : new String[] { "\"\\\"a b\\\"@example.com\"", "\"user@[127.0.0.1]\"", "\"user@[IPv6:::1]\"",
                "\"user@localhost\"", "\"user@1.2.3.4\"", "\"\u0130\u0130@[192.0.2.1]\"" }) {
            cases.add(c("signup address " + address, 400, () -> signUpRaw(signUpJson(address, pw, name))));
        }
        cases.add(c("signup name with a bidi override", 400, () -> signUpRaw(signUpJson(email, pw, q("a\u202eb")))));
        // The lifecycle bodies.
        String token = "Bearer not.a.jwt";
        for (String body : new String[] { "null", "[]", "42", "{\"email\":42,\"captcha\":\"" + OK + "\"}", "{\"email\":[\"a\"]}",
                "{\"email\":\"a@example.com\"}", "{\"email\":\"user@localhost\",\"captcha\":\"" + OK + "\"}",
                "{\"email\":\"\\u0000@example.com\",\"captcha\":\"" + OK + "\"}",
                "{\"email\":\"\\\"a b\\\"@example.com\",\"captcha\":\"" + OK + "\"}",
                "{\"email\":\"" + "a".repeat(250) + "@example.com\",\"captcha\":\"" + OK + "\"}" }) {
            cases.add(c("reset request " + body.substring(0, Math.min(60, body.length())), 400,
                    () -> given().contentType(ContentType.JSON).body(body).post(AUTH + "password/reset/")));
        }
        for (String body : new String[] { "null", "{}", "{\"email\":\"a@example.com\",\"code\":123456,\"new_password\":\"x\"}",
                "{\"email\":\"a@example.com\",\"code\":\"12345x\",\"new_password\":\"long enough password\"}",
                "{\"email\":\"a@example.com\",\"code\":\"123456\",\"new_password\":\"\\ud800 unpaired surrogate\"}",
                "{\"email\":\"a@example.com\",\"code\":\"123456\",\"new_password\":" + q("p".repeat(200)) + "}" }) {
            cases.add(c("reset confirm " + body, 400, () -> given().contentType(ContentType.JSON).body(body)
                    .post(AUTH + "password/reset/confirm/")));
        }
        for (String body : new String[] { "null", "{}", "{\"current_password\":1,\"new_password\":2}",
                "{\"current_password\":\"" + "x".repeat(2000) + "\",\"new_password\":\"long enough password\"}" }) {
            cases.add(c("password change " + body.substring(0, Math.min(40, body.length())), 400, () -> given()
                    .header("Authorization", "Bearer " + victim().cookie("access_token")).contentType(ContentType.JSON).body(body)
                    .post(AUTH + "password/change/")));
        }
        cases.add(c("password change without a token", 401, () -> given().contentType(ContentType.JSON).body("{}")
                .post(AUTH + "password/change/")));
        cases.add(c("password change with a junk token", 401, () -> given().header("Authorization", token)
                .contentType(ContentType.JSON).body("{}").post(AUTH + "password/change/")));
        for (String id : new String[] { "not-a-uuid", "%00", "'%20OR%201=1", "00000000-0000-0000-0000-000000000000", "1-1-1-1-1" }) {
            cases.add(c("revoke session " + id, 404, () -> given().header("Authorization", "Bearer " + victim().cookie("access_token"))
                    .delete(AUTH + "sessions/" + id)));
        }
        for (String body : new String[] { "null", "{}", "{\"name\":42}", "{\"name\":\"\\u202eevil\"}", "{\"name\":\"\\u0000\"}" }) {
            cases.add(c("rename " + body, 400, () -> given().header("Authorization", "Bearer " + victim().cookie("access_token"))
                    .contentType(ContentType.JSON).body(body).patch("/api/v1/account/")));
        }
        for (String body : new String[] { "null", "{}", "{\"new_email\":\"user@[127.0.0.1]\",\"password\":\"x\"}",
                "{\"new_email\":true,\"password\":\"x\"}" }) {
            cases.add(c("email change " + body, 400, () -> given().header("Authorization", "Bearer " + victim().cookie("access_token"))
                    .contentType(ContentType.JSON).body(body).post("/api/v1/account/email/")));
        }
        for (String body : new String[] { "null", "{}", "{\"code\":123456}", "{\"code\":\"abcdef\"}" }) {
            cases.add(c("email confirm " + body, 400, () -> given().header("Authorization", "Bearer " + victim().cookie("access_token"))
                    .contentType(ContentType.JSON).body(body).post("/api/v1/account/email/confirm/")));
        }
        for (String body : new String[] { "null", "{}", "{\"password\":[]}", "{\"password\":\"\\ud800\"}" }) {
            cases.add(c("delete account " + body, 400, () -> given().header("Authorization", "Bearer " + victim().cookie("access_token"))
                    .contentType(ContentType.JSON).body(body).delete("/api/v1/account/")));
        }
        cases.add(c("delete account with a text body", 415, () -> given().header("Authorization", "Bearer " + victim().cookie("access_token"))
                .contentType("text/plain").body("password").delete("/api/v1/account/")));
        cases.add(c("Origin in upper case", 403, () -> given().header("Origin", "HTTP://LOCALHOST:" + io.restassured.RestAssured.port)
                .contentType(ContentType.JSON).body("{}").post(AUTH + "signin/")));
        cases.add(c("Origin with a trailing slash", 403, () -> given().header("Origin", "http://localhost:"
                + io.restassured.RestAssured.port + "/").post(AUTH + "custom-logout/")));
        return cases.stream();
    }

    private static long[] rows() {
        return QuarkusTransaction.requiringNew().call(() -> new long[] { User.count(), Session.count(), RefreshToken.count(),
                VerificationCode.count(), QueuedMail.count() });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedCleanly(String name, int status, Supplier<Response> call) {
        victim();
        long[] before = rows();

        Response response = call.get();

        assertThat(response.statusCode()).as(name).isEqualTo(status);
        assertThat(response.contentType()).as(name).startsWith("application/problem+json");
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
        assertThat(response.jsonPath().getString("code")).isNotBlank();
        assertThat(response.asString()).doesNotContain("Exception").doesNotContain("at ai.").doesNotContain("SQL");
        assertThat(rows()).as("no row left behind by " + name).containsExactly(before);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @org.junit.jupiter.api.Test
    void thereAreAtLeastAHundredCases() {
        assertThat(cases().count()).isGreaterThanOrEqualTo(100);
    }
}
