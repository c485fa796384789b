package ai.rememberizer.auth.rest;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Health, metrics and the OpenAPI document. */
@QuarkusTest
class OperabilityTest {

    @Test
    void livenessAndReadinessAreUpAndReadinessChecksTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("database"));
    }

    private static double counter(String metrics, String event, String outcome, String reason) {
        Pattern line = Pattern.compile("^auth_events_total\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(metrics);
        double total = 0;
        while (matcher.find()) {
            String labels = matcher.group(1);
            if (labels.contains("event=\"" + event + "\"") && labels.contains("outcome=\"" + outcome + "\"")
                    && labels.contains("reason=\"" + reason + "\"")) {
                total += Double.parseDouble(matcher.group(2));
            }
        }
        return total;
    }

    @Test
    void eachAuthEventIsCountedByOutcome() {
        double before = counter(given().get("/q/metrics").asString(), "signin", "failure", "invalid_credentials");
        signIn(uniqueEmail(), PASSWORD).then().statusCode(401);
        signIn(uniqueEmail(), PASSWORD).then().statusCode(401);
        double after = counter(given().get("/q/metrics").asString(), "signin", "failure", "invalid_credentials");
        assertThat(after - before).isEqualTo(2.0);
    }

    @Test
    void theOpenApiDocumentCoversEveryEndpointWithItsProblems() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String path : new String[] { "/api/v1/auth/signup/", "/api/v1/auth/signin/", "/api/v1/auth/verify-email/",
                "/api/v1/auth/custom-refresh/", "/api/v1/auth/custom-logout/", "/api/v1/auth/resend-verification/",
                "/api/v1/account/" }) {
            assertThat(doc.getMap("paths")).as(path).containsKey(path);
        }
        assertThat(doc.getMap("paths.'/api/v1/auth/signup/'.post.responses")).containsKeys("201", "400", "409", "429", "503");
        assertThat(doc.getMap("paths.'/api/v1/auth/verify-email/'.post.responses")).containsKeys("200", "400", "401", "429");
        assertThat(doc.getString("paths.'/api/v1/auth/signin/'.post.responses.'204'.headers.'Set-Cookie'.description"))
                .contains("refresh_token");
        assertThat(doc.getMap("paths.'/api/v1/auth/signin/'.post.responses.'401'.content")).containsKey("application/problem+json");
        assertThat(doc.getMap("components.securitySchemes")).containsKey("bearer");
        given().get("/.well-known/jwks.json").then().statusCode(200).body("keys", notNullValue());
    }
}
