package ai.rememberizer.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.PackagedApp;

/**
 * The packaged application in production serves the OpenAPI document on its public port only
 * when {@code AUTH_OPENAPI_PUBLIC=true} says so, and Swagger UI never.
 */
class OpenApiExposureIT {

    private static final String SCHEMA = "auth_it_openapi";

    @Test
    void theDocumentIsNotServedByDefault() {
        try (PackagedApp app = PackagedApp.start("openapi-default", PackagedApp.freshEnvironment(SCHEMA))) {
            for (String path : new String[] { "/q/openapi", "/q/openapi?format=json", "/q/openapi/", "/q/openapi.json",
                    "/q/openapi.yaml" }) {
                var answer = given().baseUri(app.baseUrl()).get(path);
                assertThat(answer.statusCode()).as(path).isEqualTo(404);
                assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
                assertThat(answer.asString()).as(path).doesNotContain("openapi").doesNotContain("/api/v1/auth/signin");
            }
            assertSwaggerUiIsAbsent(app);
        }
    }

    @Test
    void theDocumentIsServedWhenTheSettingSaysSo() {
        Map<String, String> env = PackagedApp.freshEnvironment(SCHEMA);
        env.put("AUTH_OPENAPI_PUBLIC", "true");
        try (PackagedApp app = PackagedApp.start("openapi-public", env)) {
            var doc = given().baseUri(app.baseUrl()).queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(doc.getMap("paths")).containsKey("/api/v1/auth/signin/");
            assertThat(doc.getString("info.title")).isEqualTo("Rememberizer authentication API");
            assertSwaggerUiIsAbsent(app);
        }
    }

    private static void assertSwaggerUiIsAbsent(PackagedApp app) {
        for (String path : new String[] { "/q/swagger-ui", "/q/swagger-ui/", "/q/swagger-ui/index.html" }) {
            var answer = given().baseUri(app.baseUrl()).redirects().follow(false).get(path);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).startsWith("application/problem+json");
        }
    }
}
