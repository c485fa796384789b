package ai.rememberizer.auth.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real HTTP siteverify endpoint (WireMock) for the whole test run, so every test drives
 * the production captcha implementation. The answer depends on the captcha token sent:
 * {@link #PASS} and anything unknown pass; the other constants fail in their own way.
 */
public class CaptchaStub implements QuarkusTestResourceLifecycleManager {

    public static final String SECRET = "test-captcha-secret";
    public static final String PASS = "captcha-ok";
    public static final String REFUSED = "captcha-refused";
    public static final String LOW_SCORE = "captcha-low-score";
    public static final String OTHER_HOST = "captcha-other-host";
    public static final String SLOW = "captcha-slow";
    public static final String SERVER_ERROR = "captcha-server-error";
    public static final String SECRET_REFUSED = "captcha-secret-refused";
    public static final String EXPECTED_HOSTNAME = "app.rememberizer.test";

    private static WireMockServer server;

    /** How many siteverify requests the stub has answered so far. */
    public static long calls() {
        return server == null ? 0 : server.getAllServeEvents().size();
    }

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(options().dynamicPort());
        server.start();
        stub(server);
        return Map.of(
                "auth.captcha.provider", "recaptcha",
                "auth.captcha.secret", SECRET,
                "auth.captcha.verify-url", server.baseUrl() + "/siteverify",
                "auth.captcha.expected-hostname", EXPECTED_HOSTNAME,
                "auth.captcha.timeout", "PT2S");
    }

    /** The stub mappings, also used by the unit tests of the verifier. */
    public static void stub(WireMockServer server) {
        String ok = "{\"success\":true,\"score\":0.9,\"action\":\"signup\",\"hostname\":\"" + EXPECTED_HOSTNAME + "\"}";
        server.stubFor(post(urlPathEqualTo("/siteverify")).atPriority(10).willReturn(okJson(ok)));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=" + REFUSED)).atPriority(1)
                .willReturn(okJson("{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}")));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=" + LOW_SCORE)).atPriority(1)
                .willReturn(okJson("{\"success\":true,\"score\":0.1,\"hostname\":\"" + EXPECTED_HOSTNAME + "\"}")));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=" + OTHER_HOST)).atPriority(1)
                .willReturn(okJson("{\"success\":true,\"score\":0.9,\"hostname\":\"evil.example\"}")));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=" + SLOW)).atPriority(1)
                .willReturn(okJson(ok).withFixedDelay(3000)));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=" + SERVER_ERROR)).atPriority(1)
                .willReturn(aResponse().withStatus(500)));
        server.stubFor(post(urlPathEqualTo("/siteverify")).withRequestBody(containing("response=" + SECRET_REFUSED)).atPriority(1)
                .willReturn(okJson("{\"success\":false,\"error-codes\":[\"invalid-input-secret\"]}")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
