package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.json;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.CaptchaStub;
import ai.rememberizer.auth.support.TransactionCounter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * Sign-in runs in at most two transactions: one before the captcha call (the captcha budget,
 * the attempt's counters and the account), one after a right password (the session, or the
 * second step). A wrong password costs the first only; a failed captcha, a second that takes
 * the attempt back.
 */
@QuarkusTest
class SignInTransactionsTest {

    /** The transactions the request threads began for one request (all over once it is answered). */
    private static int transactionsOf(Runnable request) {
        TransactionCounter.start();
        request.run();
        return TransactionCounter.stop();
    }

    private static ValidatableResponse signInWithRefusedCaptcha(String email) {
        return json().body(Map.of("login", email, "password", PASSWORD, "captcha", CaptchaStub.REFUSED)).post(AUTH + "signin/").then();
    }

    @Test
    void aRightPasswordTakesTwoTransactionsAndAWrongOneOne() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);

        int right = transactionsOf(() -> signIn(email, PASSWORD).then().statusCode(204));
        int wrong = transactionsOf(() -> signIn(email, "not the password").then().statusCode(401));
        int unknown = transactionsOf(() -> signIn(uniqueEmail(), PASSWORD).then().statusCode(401));

        assertThat(right).isEqualTo(2);
        assertThat(wrong).isEqualTo(1);
        assertThat(unknown).isEqualTo(1);
    }

    @Test
    void aFailedCaptchaTakesItsAttemptBack() {
        String email = uniqueEmail();
        signUp(email, PASSWORD).then().statusCode(201);
        int refused = transactionsOf(() -> signInWithRefusedCaptcha(email).statusCode(400));
        assertThat(refused).isEqualTo(2);
        // More refused captchas than the account's 5 attempts: each was taken back, so none is 429...
        for (int i = 0; i < 6; i++) {
            signInWithRefusedCaptcha(email).statusCode(400).body("code", equalTo("captcha_invalid"));
        }
        // ...and a wrong password is still checked.
        signIn(email, "not the password").then().statusCode(401).body("code", equalTo("invalid_credentials"));
    }
}
