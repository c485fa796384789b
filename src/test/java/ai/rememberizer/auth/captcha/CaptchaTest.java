package ai.rememberizer.auth.captcha;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The configured siteverify provider (a WireMock server) decides, end to end. */
@QuarkusTest
class CaptchaTest {

    private static ValidatableResponse signUpWith(String captcha) {
        return json().body(Map.of("email", uniqueEmail(), "password", PASSWORD, "name", "N", "captcha", captcha))
                .post(AUTH + "signup/").then();
    }

    @Test
    void aPassingAnswerLetsTheSignUpThrough() {
        signUpWith(CaptchaStub.PASS).statusCode(201);
    }

    @Test
    void aRefusedTokenIsCaptchaInvalid() {
        signUpWith(CaptchaStub.REFUSED).statusCode(400).body("code", equalTo("captcha_invalid"));
    }

    @Test
    void aScoreBelowTheMinimumIsCaptchaInvalid() {
        signUpWith(CaptchaStub.LOW_SCORE).statusCode(400).body("code", equalTo("captcha_invalid"));
    }

    @Test
    void anotherHostnameIsCaptchaInvalid() {
        signUpWith(CaptchaStub.OTHER_HOST).statusCode(400).body("code", equalTo("captcha_invalid"));
    }

    @Test
    void aSlowProviderIsCaptchaUnavailable() {
        signUpWith(CaptchaStub.SLOW).statusCode(503).contentType("application/problem+json")
                .body("code", equalTo("captcha_unavailable"));
    }

    @Test
    void aFailingProviderIsCaptchaUnavailable() {
        signUpWith(CaptchaStub.SERVER_ERROR).statusCode(503).body("code", equalTo("captcha_unavailable"));
    }

    @Test
    void ourOwnSecretRefusedIsCaptchaUnavailableNotInvalid() {
        signUpWith(CaptchaStub.SECRET_REFUSED).statusCode(503).body("code", equalTo("captcha_unavailable"));
    }
}
