package ai.rememberizer.auth.password;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static ai.rememberizer.auth.support.ImportedUsers.withHash;
import static ai.rememberizer.auth.support.Timing.nanos;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.crypto.HashingPool;
import ai.rememberizer.auth.crypto.PasswordHasher;
import ai.rememberizer.auth.support.ImportedUsers;
import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * One dear imported hash (bcrypt at cost 13, the cap: here a hundred of our checks, made
 * cheap for the test) must not make every
 * wrong password dear: a failed check of another login, an unknown one above all, costs the
 * hashing pool one of our own checks and waits out the rest of the floor, holding no pool
 * thread and no request thread, so a real sign-in beside a flood of them is not held up.
 * (Before, the floor was made up by occupying a pool thread: every wrong password cost the
 * pool the dearest check.) The floor's own rounds are out of the way ({@code cost-refresh}
 * of an hour, and the test asks for one itself).
 */
@QuarkusTest
@TestProfile(FailedCheckCostTest.Profile.class)
class FailedCheckCostTest {

    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Our hash made cheap (4 MiB, one pass) against the dear one, so the difference stands out of the noise.
            return Map.of("auth.password.cost-refresh", "1h", "auth.password.memory-kib", "4096", "auth.password.iterations", "1");
        }
    }

    @Inject
    FailedCheckFloor floor;
    @Inject
    HashingPool pool;
    @Inject
    PasswordHasher hasher;
    @Inject
    Passwords passwords;

    private long ours;

    @BeforeEach
    void storeADearHash() {
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 7);
        withHash(OpenBSDBCrypt.generate("2b", "a password of another application".getBytes(StandardCharsets.UTF_8), salt, 13));
        floor.refresh();
        long[] took = new long[3];
        for (int i = 0; i < took.length; i++) {
            long before = pool.nanosRun();
            hasher.verifyDummy("not the password");
            took[i] = pool.nanosRun() - before;
        }
        ours = Arrays.stream(took).min().orElseThrow();
        assertThat(floor.floorNanos()).as("the dear hash sets the floor").isGreaterThan(10 * ours);
    }

    @AfterEach
    void forgetIt() {
        QuarkusTransaction.requiringNew().run(() -> User.delete("name = ?1 and passwordHash not like ?2", ImportedUsers.NAME, "$argon2id$%"));
        floor.refresh();
    }

    @Test
    void aWrongPasswordForAnUnknownLoginCostsThePoolOneOfOurChecksAndStillAnswersAtTheFloor() {
        signIn(uniqueEmail(), "not the password").then().statusCode(401); // warm-up
        int failures = 4;
        long[] answered = new long[failures];
        long before = pool.totalNanosRun();
        for (int i = 0; i < failures; i++) {
            answered[i] = nanos(() -> signIn(uniqueEmail(), "not the password").then().statusCode(401));
        }
        long perFailure = (pool.totalNanosRun() - before) / failures;
        System.out.printf("unknown login, wrong password: %.0f ms of the pool each (ours %.0f ms, floor %.0f ms),"
                + " answered after %.0f ms at least%n", perFailure / 1e6, ours / 1e6, floor.floorNanos() / 1e6,
                Arrays.stream(answered).min().orElseThrow() / 1e6);
        // Occupying the pool, each failure cost it the floor.
        assertThat(perFailure).as("pool time per failure, against the floor").isLessThan(floor.floorNanos() / 5);
        assertThat(Arrays.stream(answered).min().orElseThrow()).as("still answered no sooner than the floor")
                .isGreaterThan(floor.floorNanos() * 9 / 10);
    }

    @Test
    void anUnknownLoginCostsOneOfOurHashesEvenForAPasswordThatNormalisesOtherwise() {
        // "ﬁ" (U+FB01) becomes "fi" under NFKC: a known account is tried both ways, an unknown one once, and waits the rest.
        for (String typed : new String[] { "not the password", "\uFB01ne, not the password" }) {
            long before = pool.tasksRun();
            FailedCheckWait.Collected<Passwords.Checked> done = FailedCheckWait.collect(() -> passwords.check(Optional.empty(), typed));
            assertThat(done.result().user()).isEmpty();
            assertThat(pool.tasksRun() - before).as("hashes run for " + typed).isEqualTo(1);
            int checks = typed.equals(Passwords.normalise(typed)) ? 1 : 2;
            assertThat(done.owedNanos()).as("owed for " + typed).isGreaterThan(checks * floor.floorNanos() - 2 * ours - 50_000_000L);
        }
    }

    @Test
    void aFloodOfWrongPasswordsForUnknownLoginsDoesNotHoldUpARealSignIn() throws Exception {
        String account = uniqueEmail();
        signUp(account, PASSWORD).then().statusCode(201);
        signIn(account, PASSWORD).then().statusCode(204);
        int flood = 16;
        ExecutorService clients = Executors.newFixedThreadPool(flood);
        try {
            List<Future<long[]>> wrong = new ArrayList<>();
            for (int i = 0; i < flood; i++) {
                wrong.add(clients.submit(() -> {
                    long start = System.nanoTime();
                    int status = signIn(uniqueEmail(), "not the password").statusCode();
                    return new long[] { status, System.nanoTime() - start };
                }));
            }
            Thread.sleep(1000); // the flood is in: its checks ran or queue on the pool, its answers wait
            long real = nanos(() -> signIn(account, PASSWORD).then().statusCode(204));
            for (Future<long[]> answer : wrong) {
                long[] got = answer.get(60, TimeUnit.SECONDS);
                assertThat(got[0]).isEqualTo(401);
                assertThat(got[1]).as("each wrong password still waits the floor").isGreaterThan(floor.floorNanos() * 9 / 10);
            }
            // Occupying the pool, the flood would hold its threads for flood / threads floors.
            long occupied = flood * floor.floorNanos() / pool.threads();
            System.out.printf("a real sign-in beside %d wrong passwords: %.0f ms (occupying the pool would take %.0f ms)%n",
                    flood, real / 1e6, occupied / 1e6);
            assertThat(real).isLessThan(occupied / 4);
        } finally {
            clients.shutdownNow();
        }
    }
}
