package ai.rememberizer.auth.mfa;

import static ai.rememberizer.auth.support.Api.AUTH;
import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.as;
import static ai.rememberizer.auth.support.Api.refresh;
import static ai.rememberizer.auth.support.Api.signIn;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The second factor's limits that the default profile cannot show in a test's time: the day's
 * cap on second-step tries (here the window allows many and the day few), and the freshness
 * new recovery codes need (here 3 s).
 */
@QuarkusTest
@TestProfile(SecondFactorLimitsTest.Profile.class)
class SecondFactorLimitsTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("auth.limits.mfa-failures-per-account", "100", "auth.limits.mfa-failures-per-account-per-day", "7",
                    "auth.reauth-max-age", "PT3S");
        }
    }

    @Test
    void theDayCapsTheTriesWhateverTheWindowAllows() {
        SecondFactorTest.Enrolled account = SecondFactorTest.enrolled();
        String wrong = "000000".equals(account.app().code(1)) ? "111111" : "000000";
        int tried = 0;
        while (tried < 7) {
            String token = SecondFactorTest.mfaToken(signIn(account.email(), PASSWORD));
            for (int i = 0; i < 5 && tried < 7; i++, tried++) {
                SecondFactorTest.verify(token, Map.of("code", wrong)).then().statusCode(400).body("code", equalTo("invalid_code"));
            }
        }
        SecondFactorTest.verify(SecondFactorTest.mfaToken(signIn(account.email(), PASSWORD)), Map.of("code", account.app().code(1)))
                .then().statusCode(429).body("code", equalTo("too_many_attempts"));
    }

    @Test
    void newRecoveryCodesNeedARecentSignIn() throws InterruptedException {
        SecondFactorTest.Enrolled account = SecondFactorTest.enrolled();
        Response verified = SecondFactorTest.verify(SecondFactorTest.mfaToken(signIn(account.email(), PASSWORD)),
                Map.of("code", account.app().code(1)));
        verified.then().statusCode(204);
        as(verified).post(AUTH + "mfa/recovery-codes/").then().statusCode(200);
        Thread.sleep(4_000);
        as(verified).post(AUTH + "mfa/recovery-codes/").then().statusCode(403).body("code", equalTo("reauthentication_required"))
                .header("WWW-Authenticate", containsString("insufficient_user_authentication"));
        // A refresh does not make it recent: auth_time stays the sign-in's.
        Response refreshed = refresh(verified.cookie("refresh_token"));
        as(refreshed).post(AUTH + "mfa/recovery-codes/").then().statusCode(403).body("code", equalTo("reauthentication_required"));
    }
}
