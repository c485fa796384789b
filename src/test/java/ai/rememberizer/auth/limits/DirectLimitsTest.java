package ai.rememberizer.auth.limits;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Without proxy forwarding, a client cannot pick its address with a header. */
@QuarkusTest
@TestProfile(DirectLimitsTest.Profile.class)
class DirectLimitsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.limits.signups-per-address", "10");
        }
    }

    @Test
    void forwardedHeadersAreIgnoredUnlessForwardingIsOn() {
        for (int i = 0; i < 11; i++) {
            var response = given().header("X-Forwarded-For", "203.0.113." + (i + 1))
                    .header("Forwarded", "for=203.0.113." + (i + 1))
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "N", "captcha", CaptchaStub.PASS))
                    .post(AUTH + "signup/").then();
            if (i < 10) {
                response.statusCode(201);
            } else {
                response.statusCode(429).body("code", equalTo("rate_limited"));
            }
        }
    }
}
