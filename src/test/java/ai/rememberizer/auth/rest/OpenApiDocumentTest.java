package ai.rememberizer.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The OpenAPI document never loses what it said: every path, operation, status, header,
 * media type, schema reference and schema property of the reference document (the one the
 * service served before the code was reshaped, {@code openapi/before-refactor.json}) is still
 * in the live one, which may say more (descriptions and summaries must still be there; their
 * wording may change).
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void theLiveDocumentStillSaysEverythingTheReferenceSaid() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        Object live = mapper.readValue(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString(), Object.class);
        Object reference;
        try (InputStream in = getClass().getResourceAsStream("/openapi/before-refactor.json")) {
            reference = mapper.readValue(in, Object.class);
        }
        List<String> missing = new ArrayList<>();
        // The title and version follow the build and the profile, not the API.
        ((Map<?, ?>) reference).remove("info");
        collectMissing("", reference, live, missing);
        assertThat(missing).as("in the reference document but not in the live one").isEmpty();
    }

    @Test
    void everyErrorResponseIsProblemJson() throws Exception {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            responses.forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertThat(response).as(method + " " + path + " " + status).containsKey("content");
                    assertThat(((Map<?, ?>) response.get("content")).containsKey(Problem.MEDIA_TYPE))
                            .as(method + " " + path + " " + status + " is problem+json").isTrue();
                }
            });
        }));
    }

    @Test
    void theLifecycleEndpointsAreDocumented() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/auth/password/reset", "/api/v1/auth/password/reset/confirm",
                "/api/v1/auth/password/change", "/api/v1/auth/sessions", "/api/v1/auth/sessions/{id}", "/api/v1/account/email",
                "/api/v1/account/email/confirm");
        assertThat(doc.getMap("paths.'/api/v1/account'")).containsKeys("get", "patch", "delete");
        assertThat(doc.getMap("paths.'/api/v1/auth/password/reset/confirm'.post.responses")).containsKeys("204", "400", "429");
        assertThat(doc.getMap("paths.'/api/v1/auth/sessions/{id}'.delete.responses")).containsKeys("204", "401", "404");
    }

    /** Members whose wording may improve: they must still be there, with any text. */
    private static final java.util.Set<Object> PROSE = java.util.Set.of("description", "summary");

    /** Every member of expected is in actual, recursively; a list's every element matches some element of the other. */
    private static void collectMissing(String at, Object expected, Object actual, List<String> missing) {
        if (expected instanceof Map<?, ?> map) {
            if (!(actual instanceof Map<?, ?> other)) {
                missing.add(at + " (not an object)");
                return;
            }
            map.forEach((key, value) -> {
                if (!other.containsKey(key)) {
                    missing.add(at + "/" + key);
                } else if (!PROSE.contains(key)) {
                    collectMissing(at + "/" + key, value, other.get(key), missing);
                }
            });
        } else if (expected instanceof List<?> list) {
            if (!(actual instanceof List<?> other)) {
                missing.add(at + " (not a list)");
                return;
            }
            for (int i = 0; i < list.size(); i++) {
                Object element = list.get(i);
                boolean found = other.stream().anyMatch(candidate -> {
                    List<String> none = new ArrayList<>();
                    collectMissing("", element, candidate, none);
                    return none.isEmpty();
                });
                if (!found) {
                    missing.add(at + "[" + i + "]");
                }
            }
        } else if (!expected.equals(actual)) {
            missing.add(at + " = " + expected + " (now " + actual + ")");
        }
    }
}
