package ai.rememberizer.auth.support;

import static io.restassured.RestAssured.given;

import java.util.Map;
import java.util.UUID;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Small helpers over REST-assured for the auth endpoints. */
public final class Api {

    public static final String AUTH = "/api/v1/auth/";
    public static final String PASSWORD = "correct horse battery";

    static {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
    }

    private Api() {
    }

    public static String uniqueEmail() {
        return "user-" + UUID.randomUUID() + "@example.com";
    }

    public static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    public static Response signUp(String email, String password) {
        return json().body(Map.of("email", email, "password", password, "name", "Test User", "captcha", CaptchaStub.PASS))
                .post(AUTH + "signup/");
    }

    /** Signs up a new account and returns the response (cookies of the first session). */
    public static Response newAccount() {
        Response response = signUp(uniqueEmail(), PASSWORD);
        response.then().statusCode(201);
        return response;
    }

    public static Response signIn(String login, String password) {
        return json().body(Map.of("login", login, "password", password, "captcha", CaptchaStub.PASS))
                .post(AUTH + "signin/");
    }

    /** A request as a signed-in client makes it: the access token as a Bearer header. */
    public static RequestSpecification as(Response signedIn) {
        return given().header("Authorization", "Bearer " + signedIn.cookie("access_token"));
    }

    public static Response requestReset(String email) {
        return json().body(Map.of("email", email, "captcha", CaptchaStub.PASS)).post(AUTH + "password/reset/");
    }

    public static Response confirmReset(String email, String code, String newPassword) {
        return json().body(Map.of("email", email, "code", code, "new_password", newPassword)).post(AUTH + "password/reset/confirm/");
    }

    public static Response refresh(String refreshToken) {
        return given().cookie("refresh_token", refreshToken).post(AUTH + "custom-refresh/");
    }
}
