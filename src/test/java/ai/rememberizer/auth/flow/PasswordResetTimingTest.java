package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.confirmReset;
import static ai.rememberizer.auth.support.Api.requestReset;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.QueuedMails.awaitResetRequestsHandled;
import static ai.rememberizer.auth.support.Timing.median;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * No account enumeration by the timing of the forgotten-password endpoints, measured the way
 * SignInTimingTest measures sign-in: requests for addresses with and without an account, and
 * wrong codes for both, interleaved so both see the same machine noise, medians compared.
 */
@QuarkusTest
class PasswordResetTimingTest {

    private static final int TRIES = 30;
    private static final Function<String, Response> REQUEST = address -> requestReset(address);
    private static final Function<String, Response> WRONG_CODE = address -> confirmReset(address, "000000", "some new passphrase");

    private static long time(Function<String, Response> call, String address, int status) {
        long start = System.nanoTime();
        call.apply(address).then().statusCode(status);
        return System.nanoTime() - start;
    }

    private static double ratio(Function<String, Response> call, List<String> known, List<String> unknown, int status) {
        long[] withAccount = new long[TRIES];
        long[] without = new long[TRIES];
        for (int i = 0; i < TRIES; i++) {
            if (i % 2 == 0) {
                without[i] = time(call, unknown.get(i), status);
                withAccount[i] = time(call, known.get(i), status);
            } else {
                withAccount[i] = time(call, known.get(i), status);
                without[i] = time(call, unknown.get(i), status);
            }
        }
        double ratio = median(without) / median(withAccount);
        System.out.printf("reset timing: no account %.2f ms, account %.2f ms, ratio %.3f%n", median(without) / 1e6,
                median(withAccount) / 1e6, ratio);
        return ratio;
    }

    @Test
    void requestsAndWrongCodesTakeTheSameTimeAccountOrNot() {
        List<String> known = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String email = uniqueEmail();
            signUp(email, PASSWORD).then().statusCode(201);
            known.add(email);
            unknown.add(uniqueEmail());
        }
        for (int i = 0; i < 5; i++) {
            time(REQUEST, uniqueEmail(), 202);
            time(WRONG_CODE, uniqueEmail(), 400);
        }
        assertThat(ratio(REQUEST, known, unknown, 202)).isBetween(0.75, 1.25);
        // Then the codes those requests left, real or not: an attacker guesses after asking.
        awaitResetRequestsHandled(known.toArray(String[]::new));
        awaitResetRequestsHandled(unknown.toArray(String[]::new));
        assertThat(ratio(WRONG_CODE, known, unknown, 400)).isBetween(0.75, 1.25);
    }
}
