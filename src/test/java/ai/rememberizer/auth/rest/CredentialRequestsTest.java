package ai.rememberizer.auth.rest;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.newAccount;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A flood of sign-ins stuck on a slow captcha provider: past the bounded queue they are
 * refused at once with 503 {@code overloaded}, and the endpoints that need no password keep
 * answering, though the worker pool here is small enough that the flood would have taken it.
 */
@QuarkusTest
@TestProfile(CredentialRequestsTest.Profile.class)
class CredentialRequestsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.password.request-threads", "2", "auth.password.max-queued", "2",
                    "quarkus.thread-pool.max-threads", "6");
        }
    }

    @Test
    void aFloodIsQueuedThenRefusedAndNeverStarvesTheOtherEndpoints() throws Exception {
        Response account = newAccount();
        String access = account.cookie("access_token");
        int flood = 12;
        ExecutorService pool = Executors.newFixedThreadPool(flood);
        try {
            List<Future<Response>> signIns = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                signIns.add(pool.submit(() -> json().body(Map.of("login", uniqueEmail(), "password", "whatever it is",
                        "captcha", CaptchaStub.SLOW)).post(AUTH + "signin/")));
            }
            Thread.sleep(500);
            // While the flood waits on the captcha provider, a refresh-free read is answered at once.
            long started = System.nanoTime();
            given().header("Authorization", "Bearer " + access).get("/api/v1/account/").then().statusCode(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));

            List<Response> answers = new ArrayList<>();
            for (Future<Response> signIn : signIns) {
                answers.add(signIn.get(60, TimeUnit.SECONDS));
            }
            List<Response> overloaded = answers.stream().filter(r -> r.statusCode() == 503
                    && "overloaded".equals(r.jsonPath().getString("code"))).toList();
            assertThat(overloaded).as("refused at once past the queue").hasSizeGreaterThanOrEqualTo(flood - 4 - 2);
            assertThat(overloaded).allSatisfy(r -> {
                assertThat(r.header("Retry-After")).isNotNull();
                assertThat(r.contentType()).startsWith("application/problem+json");
            });
            assertThat(answers).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(503));
        } finally {
            pool.shutdownNow();
        }
    }
}
