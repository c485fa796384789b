package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.Timing.median;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * No account enumeration by timing: a sign-in for an unknown login takes as long as one
 * with a wrong password. Tries are interleaved so both kinds see the same machine noise,
 * and medians are compared.
 */
@QuarkusTest
class SignInTimingTest {

    private static final int TRIES = 40;

    private static long timeSignIn(String login, String password) {
        long start = System.nanoTime();
        signIn(login, password).then().statusCode(401);
        return System.nanoTime() - start;
    }

    @Test
    void unknownLoginAndWrongPasswordTakeTheSameTime() {
        // One account per wrong-password try, so the per-account limit never answers first.
        List<String> accounts = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            String email = uniqueEmail();
            signUp(email, PASSWORD).then().statusCode(201);
            accounts.add(email);
        }
        // Warm-up: JIT, connection pool, the dummy hash.
        for (int i = 0; i < 5; i++) {
            timeSignIn(uniqueEmail(), "warm up password");
        }
        long[] unknown = new long[TRIES];
        long[] wrong = new long[TRIES];
        for (int i = 0; i < TRIES; i++) {
            if (i % 2 == 0) {
                unknown[i] = timeSignIn(uniqueEmail(), "not the password");
                wrong[i] = timeSignIn(accounts.get(i), "not the password");
            } else {
                wrong[i] = timeSignIn(accounts.get(i), "not the password");
                unknown[i] = timeSignIn(uniqueEmail(), "not the password");
            }
        }
        double unknownMedian = median(unknown);
        double wrongMedian = median(wrong);
        double ratio = unknownMedian / wrongMedian;
        System.out.printf("sign-in timing: unknown login median %.1f ms, wrong password median %.1f ms, ratio %.3f%n",
                unknownMedian / 1e6, wrongMedian / 1e6, ratio);
        assertThat(ratio).isBetween(0.75, 1.25);
    }
}
