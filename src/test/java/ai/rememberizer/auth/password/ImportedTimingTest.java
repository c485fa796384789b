package ai.rememberizer.auth.password;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.ImportedUsers.djangoFixture;
import static ai.rememberizer.auth.support.ImportedUsers.withHash;
import static ai.rememberizer.auth.support.Timing.median;
import static ai.rememberizer.auth.support.Timing.nanos;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.ImportedUsers;
import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No enumeration by hash format: a wrong password costs the same whether the account has
 * our hash, an imported one far cheaper (PBKDF2 at 10,000 iterations, bcrypt at cost 5) or
 * far dearer (Django 3.2's defaults: bcrypt at cost 12, PBKDF2 at 260,000 iterations), or
 * no account at all. Kinds are interleaved so all see the same machine noise; medians are
 * compared, as in {@code flow.SignInTimingTest}. The floor is a wait, not hashing ({@link
 * FailedCheckCostTest}): a burst of wrong passwords for the dear account itself queues on the
 * pool as its checks do (its per-account limit bounds it at five), while a burst for another
 * login, ours or none, waits the floor without holding the pool, the same for both.
 */
@QuarkusTest
class ImportedTimingTest {

    private static final int ACCOUNTS = 10;
    private static final int TRIES_PER_ACCOUNT = 2;
    /** Fixture accounts whose hashes are the kinds compared (see {@code src/test/resources/import/}). */
    private static final Map<String, String> IMPORTED = Map.of(
            "user001@example.com", "pbkdf2_sha256 10,000",
            "user066@example.com", "bcrypt 5",
            "user122@example.com", "pbkdf2_sha256 260,000",
            "user126@example.com", "bcrypt 12");

    @Inject
    FailedCheckFloor floor;

    /** Five wrong passwords at once for a login (all the per-account limit allows); how long the slowest took. */
    private static long burst(ExecutorService clients, String login) throws Exception {
        List<Future<Integer>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            answers.add(clients.submit(() -> signIn(login, "not the password").statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isEqualTo(401);
        }
        return System.nanoTime() - start;
    }

    @Test
    void fiveWrongPasswordsAtOnceAnswerAlikeForOurHashAndForNoAccountWhileADearOneIsStored() throws Exception {
        int trials = 6;
        withHash(djangoFixture("user126@example.com").hash());
        List<String> ours = new ArrayList<>();
        for (int i = 0; i <= trials; i++) {
            String login = uniqueEmail();
            signUp(login, PASSWORD).then().statusCode(201);
            ours.add(login);
        }
        ExecutorService clients = Executors.newFixedThreadPool(5);
        try {
            floor.refresh();
            burst(clients, ours.get(trials));
            burst(clients, uniqueEmail());
            long[] account = new long[trials];
            long[] none = new long[trials];
            for (int t = 0; t < trials; t++) {
                if (t % 2 == 0) {
                    account[t] = burst(clients, ours.get(t));
                    none[t] = burst(clients, uniqueEmail());
                } else {
                    none[t] = burst(clients, uniqueEmail());
                    account[t] = burst(clients, ours.get(t));
                }
            }
            System.out.printf("five wrong passwords at once, bcrypt 12 stored, slowest answer, medians: ours %.0f ms,"
                    + " no account %.0f ms (floor %.0f ms)%n", median(account) / 1e6, median(none) / 1e6,
                    floor.floorNanos() / 1e6);
            assertThat(median(none)).as("the floor still pads the burst").isGreaterThan(floor.floorNanos() * 0.9);
            assertThat(median(account) / median(none)).isBetween(0.75, 1.25);
        } finally {
            clients.shutdownNow();
            forgetImported();
        }
    }

    private void forgetImported() {
        QuarkusTransaction.requiringNew().run(() -> User.delete("name = ?1 and passwordHash not like ?2", ImportedUsers.NAME, "$argon2id$%"));
        floor.refresh();
    }

    private static long timeWrongPassword(String login) {
        return nanos(() -> signIn(login, "not the password").then().statusCode(401));
    }

    @Test
    void aWrongPasswordCostsTheSameWhateverTheHashAndWithoutAnAccount() {
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        accounts.put("no account", new ArrayList<>());
        accounts.put("ours", new ArrayList<>());
        IMPORTED.values().forEach(kind -> accounts.put(kind, new ArrayList<>()));
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.get("no account").add(uniqueEmail());
            String ours = uniqueEmail();
            signUp(ours, PASSWORD).then().statusCode(201);
            accounts.get("ours").add(ours);
            IMPORTED.forEach((fixture, kind) -> accounts.get(kind).add(withHash(djangoFixture(fixture).hash())));
        }
        try {
            floor.refresh();
            for (List<String> logins : accounts.values()) {
                timeWrongPassword(logins.get(0)); // warm-up: JIT, pool, each hasher
            }
            Map<String, long[]> took = new LinkedHashMap<>();
            accounts.keySet().forEach(kind -> took.put(kind, new long[ACCOUNTS * TRIES_PER_ACCOUNT]));
            List<String> kinds = new ArrayList<>(accounts.keySet());
            for (int t = 0; t < ACCOUNTS * TRIES_PER_ACCOUNT; t++) {
                for (int k = 0; k < kinds.size(); k++) {
                    String kind = kinds.get((k + t) % kinds.size()); // a different order each round
                    took.get(kind)[t] = timeWrongPassword(accounts.get(kind).get(t % ACCOUNTS));
                }
            }
            double baseline = median(took.get("no account"));
            StringBuilder report = new StringBuilder("wrong-password timing, medians:");
            took.forEach((kind, times) -> report.append(String.format(" %s %.1f ms,", kind, median(times) / 1e6)));
            System.out.println(report);
            took.forEach((kind, times) -> assertThat(median(times) / baseline).as(kind + " against no account")
                    .isBetween(0.75, 1.25));
        } finally {
            forgetImported();
        }
    }
}
