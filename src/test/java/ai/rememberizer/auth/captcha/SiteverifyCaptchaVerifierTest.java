package ai.rememberizer.auth.captcha;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;

import ai.rememberizer.auth.config.AuthConfig;
import ai.rememberizer.auth.problem.AuthException;
import ai.rememberizer.auth.problem.ProblemCode;
import ai.rememberizer.auth.support.CaptchaStub;

/** The siteverify implementation alone, against a real HTTP stub. */
class SiteverifyCaptchaVerifierTest {

    private static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        CaptchaStub.stub(server);
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=v3-login")).atPriority(1)
                .willReturn(okJson("{\"success\":true,\"score\":0.7,\"action\":\"login\",\"hostname\":\"" + CaptchaStub.EXPECTED_HOSTNAME + "\"}")));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=answers-null")).atPriority(1)
                .willReturn(okJson("null")));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=answers-array")).atPriority(1)
                .willReturn(okJson("[true]")));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static SiteverifyCaptchaVerifier verifier(Optional<String> hostname, Optional<String> action, double minScore) {
        return new SiteverifyCaptchaVerifier(URI.create(server.baseUrl() + "/siteverify"), "s3cret",
                new Settings(hostname, action, minScore), new ObjectMapper());
    }

    private static SiteverifyCaptchaVerifier verifier() {
        return verifier(Optional.empty(), Optional.empty(), 0.5);
    }

    private static void expect(ProblemCode code, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOf(AuthException.class)
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((AuthException) e).code()).isEqualTo(code));
    }

    @Test
    void postsTheSecretTheResponseAndTheClientAddressAsAForm() {
        verifier().verify(CaptchaStub.PASS, "203.0.113.7");
        server.verify(postRequestedFor(urlPathEqualTo("/siteverify"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(containing("secret=s3cret"))
                .withRequestBody(containing("response=" + CaptchaStub.PASS))
                .withRequestBody(containing("remoteip=203.0.113.7")));
    }

    @Test
    void refusesEmptyTokensWithoutAsking() {
        int before = server.getAllServeEvents().size();
        expect(ProblemCode.CAPTCHA_INVALID, () -> verifier().verify("", "127.0.0.1"));
        expect(ProblemCode.CAPTCHA_INVALID, () -> verifier().verify(null, "127.0.0.1"));
        org.assertj.core.api.Assertions.assertThat(server.getAllServeEvents()).hasSize(before);
    }

    @Test
    void checksTheScoreAgainstTheMinimum() {
        expect(ProblemCode.CAPTCHA_INVALID, () -> verifier().verify(CaptchaStub.LOW_SCORE, null));
        assertThatCode(() -> verifier(Optional.empty(), Optional.empty(), 0.05).verify(CaptchaStub.LOW_SCORE, null))
                .doesNotThrowAnyException();
    }

    @Test
    void checksTheActionOnlyWhenConfigured() {
        assertThatCode(() -> verifier().verify("v3-login", null)).doesNotThrowAnyException();
        assertThatCode(() -> verifier(Optional.empty(), Optional.of("login"), 0.5).verify("v3-login", null)).doesNotThrowAnyException();
        expect(ProblemCode.CAPTCHA_INVALID, () -> verifier(Optional.empty(), Optional.of("signup"), 0.5).verify("v3-login", null));
    }

    @Test
    void checksTheHostnameOnlyWhenConfigured() {
        assertThatCode(() -> verifier().verify(CaptchaStub.OTHER_HOST, null)).doesNotThrowAnyException();
        expect(ProblemCode.CAPTCHA_INVALID,
                () -> verifier(Optional.of(CaptchaStub.EXPECTED_HOSTNAME), Optional.empty(), 0.5).verify(CaptchaStub.OTHER_HOST, null));
    }

    @Test
    void neverPassesWhenTheProviderGivesNoClearAnswer() {
        expect(ProblemCode.CAPTCHA_UNAVAILABLE, () -> verifier().verify(CaptchaStub.SLOW, null));
        expect(ProblemCode.CAPTCHA_UNAVAILABLE, () -> verifier().verify(CaptchaStub.SERVER_ERROR, null));
        expect(ProblemCode.CAPTCHA_UNAVAILABLE, () -> verifier().verify(CaptchaStub.SECRET_REFUSED, null));
        // A body that is JSON but no answer at all.
        expect(ProblemCode.CAPTCHA_UNAVAILABLE, () -> verifier().verify("answers-null", null));
        expect(ProblemCode.CAPTCHA_UNAVAILABLE, () -> verifier().verify("answers-array", null));
        SiteverifyCaptchaVerifier unreachable = new SiteverifyCaptchaVerifier(URI.create("http://127.0.0.1:9/siteverify"), "s",
                new Settings(Optional.empty(), Optional.empty(), 0.5), new ObjectMapper());
        expect(ProblemCode.CAPTCHA_UNAVAILABLE, () -> unreachable.verify(CaptchaStub.PASS, null));
    }

    @Test
    void theDisabledVerifierAcceptsAnyNonEmptyToken() {
        DisabledCaptchaVerifier disabled = new DisabledCaptchaVerifier();
        assertThatCode(() -> disabled.verify("anything", null)).doesNotThrowAnyException();
        expect(ProblemCode.CAPTCHA_INVALID, () -> disabled.verify(" ", null));
        expect(ProblemCode.CAPTCHA_INVALID, () -> disabled.verify(null, null));
    }

    record Settings(Optional<String> expectedHostname, Optional<String> expectedAction, double minScore) implements AuthConfig.Captcha {
        @Override
        public AuthConfig.CaptchaProvider provider() {
            return AuthConfig.CaptchaProvider.RECAPTCHA;
        }

        @Override
        public Optional<String> secret() {
            return Optional.of("s3cret");
        }

        @Override
        public Optional<URI> verifyUrl() {
            return Optional.empty();
        }

        @Override
        public Duration timeout() {
            return Duration.ofSeconds(2);
        }
    }
}
