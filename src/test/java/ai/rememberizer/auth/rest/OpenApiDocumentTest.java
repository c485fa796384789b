package ai.rememberizer.auth.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
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
        // The reference spelled the paths without the trailing slash every client sends.
        @SuppressWarnings("unchecked")
        Map<String, Object> referencePaths = (Map<String, Object>) ((Map<String, Object>) reference).get("paths");
        Map<String, Object> slashed = new java.util.LinkedHashMap<>();
        referencePaths.forEach((path, item) -> slashed.put(path.startsWith("/.well-known/") ? path : path + "/", item));
        ((Map<String, Object>) reference).put("paths", slashed);
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
                    Map<String, Object> resolved = resolve(doc, response);
                    assertThat(resolved).as(method + " " + path + " " + status).containsKey("content");
                    assertThat(((Map<?, ?>) resolved.get("content")).containsKey(Problem.MEDIA_TYPE))
                            .as(method + " " + path + " " + status + " is problem+json").isTrue();
                }
            });
        }));
    }

    @Test
    void theLifecycleEndpointsAreDocumented() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        Map<String, Object> paths = doc.getMap("paths");
        assertThat(paths).containsKeys("/api/v1/auth/password/reset/", "/api/v1/auth/password/reset/confirm/",
                "/api/v1/auth/password/change/", "/api/v1/auth/sessions/", "/api/v1/auth/sessions/{id}/", "/api/v1/account/email/",
                "/api/v1/account/email/confirm/");
        assertThat(doc.getMap("paths.'/api/v1/account/'")).containsKeys("get", "patch", "delete");
        assertThat(doc.getMap("paths.'/api/v1/auth/password/reset/confirm/'.post.responses")).containsKeys("204", "400", "429");
        assertThat(doc.getMap("paths.'/api/v1/auth/sessions/{id}/'.delete.responses")).containsKeys("204", "401", "404");
    }

    /** The methods whose body BodyGuard checks (413, 415). */
    private static final Set<String> WITH_BODY = Set.of("post", "put", "patch", "delete");

    /**
     * The refusals that come before any resource (the README's "rules common to all") are on
     * every operation they can answer: 403, 414 and 431 on all, 413 and 415 on the methods that
     * carry a body, 404 where a path parameter may name nothing; each a problem with its code.
     */
    @Test
    void everyOperationListsTheProblemsCommonToAll() {
        var doc = document();
        Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
        List<String> missing = new ArrayList<>();
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("403", "origin_not_allowed");
            expected.put("414", "uri_too_long");
            expected.put("431", "headers_too_large");
            if (WITH_BODY.contains(method)) {
                expected.put("413", "payload_too_large");
                expected.put("415", "unsupported_media_type");
            }
            if (path.contains("{")) {
                expected.put("404", "not_found");
            }
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> responses = (Map<String, Map<String, Object>>) operation.get("responses");
            expected.forEach((status, code) -> {
                Map<String, Object> response = responses.get(status) == null ? null : resolve(doc, responses.get(status));
                if (response == null || !String.valueOf(response.get("description")).contains(code)
                        || !(response.get("content") instanceof Map<?, ?> content) || !content.containsKey(Problem.MEDIA_TYPE)) {
                    missing.add(method + " " + path + " " + status + " " + code);
                }
            });
        }));
        assertThat(missing).as("common problems not documented").isEmpty();
    }

    @Test
    void theCaptchaIsRequiredWhereTheServiceAsksForIt() {
        var doc = document();
        for (String schema : List.of("SignInRequest", "SignUpRequest", "PasswordResetRequest")) {
            assertThat(doc.getList("components.schemas." + schema + ".required", String.class)).as(schema).contains("captcha");
        }
    }

    /**
     * Every path is written as clients call it, with its trailing slash (the key set keeps its
     * well-known name), and answers as written: no documented path is a 404 or a 405.
     */
    @Test
    void everyPathIsWrittenAsClientsCallIt() {
        Map<String, Map<String, Object>> paths = document().getMap("paths");
        assertThat(paths).containsKey("/.well-known/jwks.json");
        assertThat(paths.keySet()).filteredOn(path -> !path.equals("/.well-known/jwks.json")).isNotEmpty()
                .allSatisfy(path -> assertThat(path).endsWith("/"));
        paths.forEach((path, operations) -> operations.keySet().forEach(method -> {
            String concrete = path.replace("{id}", UUID.randomUUID().toString());
            var request = given().redirects().follow(false);
            if (WITH_BODY.contains(method)) {
                request = request.contentType("application/json").body("{}");
            }
            int status = request.request(method.toUpperCase(java.util.Locale.ROOT), concrete).statusCode();
            assertThat(status).as(method + " " + concrete).isNotIn(404, 405);
        }));
    }

    @Test
    void theDocumentSaysWhatTheServiceIs() {
        var doc = document();
        assertThat(doc.getString("info.title")).isEqualTo("Rememberizer authentication API");
        assertThat(doc.getString("info.description")).isNotBlank().contains("problem+json").contains("trailing slash");
    }

    /** The key set's schema names {@code keys}, and every member of a served key is documented. */
    @Test
    void theKeySetSchemaDescribesTheServedKeys() {
        var doc = document();
        for (String media : List.of("application/json", "application/jwk-set+json")) {
            Map<String, Object> set = resolve(doc,
                    doc.getMap("paths.'/.well-known/jwks.json'.get.responses.'200'.content.'" + media + "'.schema"));
            assertThat(set).as(media).containsKey("properties");
            assertThat(set.get("required")).as(media).asInstanceOf(InstanceOfAssertFactories.LIST).contains("keys");
            @SuppressWarnings("unchecked")
            Map<String, Map<String, Object>> properties = (Map<String, Map<String, Object>>) set.get("properties");
            assertThat(properties).as(media).containsKey("keys");
            assertThat(properties.get("keys")).containsEntry("type", "array");
            @SuppressWarnings("unchecked")
            Map<String, Object> key = resolve(doc, (Map<String, Object>) properties.get("keys").get("items"));
            @SuppressWarnings("unchecked")
            Set<String> documented = ((Map<String, Object>) key.get("properties")).keySet();
            List<Map<String, Object>> served = given().get("/.well-known/jwks.json").then().statusCode(200).extract().jsonPath()
                    .getList("keys");
            assertThat(served).isNotEmpty().allSatisfy(jwk -> assertThat(documented).containsAll(jwk.keySet()));
        }
    }

    @Test
    void everySchemaIsNamedForWhatItHolds() {
        var doc = document();
        assertThat(doc.getMap("components.schemas")).doesNotContainKey("Item").containsKey("Session");
        assertThat(doc.getString("components.schemas.SessionsResponse.properties.sessions.items.'$ref'"))
                .isEqualTo("#/components/schemas/Session");
    }

    private static io.restassured.path.json.JsonPath document() {
        return given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
    }

    /** The object a {@code $ref} names ({@code #/components/responses/…}, {@code #/components/schemas/…}), or the object itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolve(io.restassured.path.json.JsonPath doc, Map<String, Object> object) {
        Object ref = object.get("$ref");
        if (!(ref instanceof String name)) {
            return object;
        }
        assertThat(name).startsWith("#/components/");
        String[] parts = name.substring("#/".length()).split("/");
        Map<String, Object> target = doc.getMap("$");
        for (String part : parts) {
            target = (Map<String, Object>) target.get(part);
            assertThat(target).as(name).isNotNull();
        }
        return target;
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
