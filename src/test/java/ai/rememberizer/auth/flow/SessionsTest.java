package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.as;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.Jwts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class SessionsTest {

    private static Response signInWith(String email, String userAgent) {
        Response response = json().header("User-Agent", userAgent)
                .body(Map.of("login", email, "password", PASSWORD, "captcha", CaptchaStub.PASS)).post(AUTH + "signin/");
        response.then().statusCode(204);
        return response;
    }

    private static String sid(Response response) {
        return Jwts.payload(response.cookie("access_token")).get("sid").toString();
    }

    private static JsonPath list(Response signedIn) {
        return as(signedIn).get(AUTH + "sessions/").then().statusCode(200).header("Cache-Control", "no-store").extract().jsonPath();
    }

    @Test
    void listsTheLiveSessionsMostRecentlyUsedFirst() throws Exception {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        Response laptop = signInWith(email, "Laptop/1.0");
        Response phone = signInWith(email, "Phone/2.0");
        Thread.sleep(20);
        // The laptop refreshes: it becomes the most recently used.
        Response laptopAgain = given().header("User-Agent", "Laptop/1.1").cookie("refresh_token", laptop.cookie("refresh_token"))
                .post(AUTH + "custom-refresh/");
        laptopAgain.then().statusCode(204);

        JsonPath sessions = list(phone);
        List<Map<String, Object>> items = sessions.getList("sessions");
        assertThat(items).hasSize(3);
        assertThat(items.get(0)).containsEntry("id", sid(laptop)).containsEntry("user_agent", "Laptop/1.1")
                .containsEntry("current", false).containsEntry("ip", "127.0.0.1");
        assertThat(items.get(1)).containsEntry("id", sid(phone)).containsEntry("user_agent", "Phone/2.0").containsEntry("current", true);
        assertThat(items).allSatisfy(item -> assertThat(item).containsKeys("created_at", "last_used_at", "expires_at"));
        assertThat(items.get(0).get("last_used_at").toString()).isGreaterThan(items.get(1).get("last_used_at").toString());
    }

    @Test
    void theUserAgentIsCutTo256Characters() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        Response signedIn = signInWith(email, "A".repeat(600));
        String agent = list(signedIn).getString("sessions.find { it.current }.user_agent");
        assertThat(agent).hasSize(256);
    }

    @Test
    void revokingOneSessionStopsItsRefreshTokenAndOnlyThat() {
        String email = uniqueEmail();
        Response first = signUp(email, PASSWORD);
        Response second = signInWith(email, "Second");
        as(first).delete(AUTH + "sessions/" + sid(second) + "/").then().statusCode(204);
        refresh(second.cookie("refresh_token")).then().statusCode(401);
        refresh(first.cookie("refresh_token")).then().statusCode(204);
        // Not one of the caller's live sessions any more, or never one: 404.
        as(first).delete(AUTH + "sessions/" + sid(second)).then().statusCode(404).body("code", equalTo("not_found"));
        as(first).delete(AUTH + "sessions/" + UUID.randomUUID()).then().statusCode(404).body("code", equalTo("not_found"));
        as(first).delete(AUTH + "sessions/not-a-session-id").then().statusCode(404).body("code", equalTo("not_found"));
        Response stranger = signUp(uniqueEmail(), PASSWORD);
        as(stranger).delete(AUTH + "sessions/" + sid(first)).then().statusCode(404);
    }

    @Test
    void revokingEveryOtherSessionKeepsOnlyTheCurrentOne() {
        String email = uniqueEmail();
        Response here = signUp(email, PASSWORD);
        Response a = signInWith(email, "A");
        Response b = signInWith(email, "B");
        as(here).delete(AUTH + "sessions/").then().statusCode(204);
        refresh(a.cookie("refresh_token")).then().statusCode(401);
        refresh(b.cookie("refresh_token")).then().statusCode(401);
        assertThat(list(here).getList("sessions.id")).containsExactly(sid(here));
    }

    @Test
    void needsAToken() {
        given().get(AUTH + "sessions").then().statusCode(401).body("code", equalTo("unauthenticated"));
        given().delete(AUTH + "sessions/" + UUID.randomUUID()).then().statusCode(401);
    }
}
