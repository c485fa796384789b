package ai.rememberizer.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import ai.rememberizer.auth.support.PackagedApp;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * SIGTERM, as a serverless platform sends it when it scales an instance down: a request in
 * flight still gets its answer, then the process exits cleanly.
 */
class GracefulShutdownIT {

    @Test
    void aRequestInFlightAtSigtermStillGetsItsAnswer() throws Exception {
        // A captcha provider that takes 2 s keeps a sign-up in flight while the signal comes.
        WireMockServer captcha = new WireMockServer(options().dynamicPort());
        captcha.start();
        captcha.stubFor(post(urlPathEqualTo("/siteverify"))
                .willReturn(okJson("{\"success\":true,\"score\":0.9}").withFixedDelay(2000)));
        Map<String, String> env = PackagedApp.freshEnvironment("auth_shutdown");
        env.put("AUTH_CAPTCHA_PROVIDER", "turnstile");
        env.put("AUTH_CAPTCHA_SECRET", "test-secret");
        env.put("AUTH_CAPTCHA_VERIFY_URL", captcha.baseUrl() + "/siteverify");
        PackagedApp app = PackagedApp.start("shutdown", env);
        try {
            CompletableFuture<Response> signUp = CompletableFuture.supplyAsync(() -> given().baseUri(app.baseUrl())
                    .contentType(ContentType.JSON)
                    .body(Map.of("email", "sigterm@example.com", "password", "correct horse battery", "name", "Sig",
                            "captcha", "token"))
                    .post("/api/v1/auth/signup/"));
            Thread.sleep(700);
            app.process().destroy(); // SIGTERM

            assertThat(signUp.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
            assertThat(app.process().waitFor(20, TimeUnit.SECONDS)).isTrue();
            String log = Files.readString(PackagedApp.log("shutdown").toPath());
            assertThat(log).contains("stopped in");
        } finally {
            app.process().destroyForcibly();
            captcha.stop();
        }
    }
}
