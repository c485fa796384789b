package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * No enumeration by hash format: a wrong password costs the same whether the account has
 * our hash, an imported one far cheaper (PBKDF2 at 10,000 iterations, bcrypt at cost 5) or
 * far dearer (Django 3.2's defaults: bcrypt at cost 12, PBKDF2 at 260,000 iterations), or
 * no account at all. Kinds are interleaved so all see the same machine noise; medians are
 * compared, as in {@link SignInTimingTest}.
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

    private static long timeSignIn(String login) {
        long start = System.nanoTime();
        signIn(login, "not the password").then().statusCode(401);
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
    }

    private static Map<String, String> fixtureHashes() throws IOException {
        Map<String, String> hashes = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = ImportedTimingTest.class.getResourceAsStream("/import/django-users.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode node = json.readTree(line);
                hashes.put(node.get("email").asText(), node.get("password_hash").asText());
            }
        }
        return hashes;
    }

    private static String importUser(String hash) {
        String email = "imported-" + UUID.randomUUID() + "@example.com";
        QuarkusTransaction.requiringNew().run(() -> {
            User user = new User();
            user.id = UUID.randomUUID();
            user.email = email;
            user.emailKey = User.keyOf(email);
            user.name = "Imported";
            user.emailVerified = true;
            user.passwordHash = hash;
            user.createdAt = Instant.now();
            user.persist();
        });
        return email;
    }

    @Test
    void aWrongPasswordCostsTheSameWhateverTheHashAndWithoutAnAccount() throws Exception {
        Map<String, List<String>> accounts = new LinkedHashMap<>();
        accounts.put("no account", new ArrayList<>());
        accounts.put("ours", new ArrayList<>());
        Map<String, String> fixtures = fixtureHashes();
        IMPORTED.values().forEach(kind -> accounts.put(kind, new ArrayList<>()));
        for (int i = 0; i < ACCOUNTS; i++) {
            accounts.get("no account").add(uniqueEmail());
            String ours = uniqueEmail();
            signUp(ours, PASSWORD).then().statusCode(201);
            accounts.get("ours").add(ours);
            IMPORTED.forEach((fixture, kind) -> accounts.get(kind).add(importUser(fixtures.get(fixture))));
        }
        try {
            floor.refresh();
            for (List<String> logins : accounts.values()) {
                timeSignIn(logins.get(0)); // warm-up: JIT, pool, each hasher
            }
            Map<String, long[]> took = new LinkedHashMap<>();
            accounts.keySet().forEach(kind -> took.put(kind, new long[ACCOUNTS * TRIES_PER_ACCOUNT]));
            List<String> kinds = new ArrayList<>(accounts.keySet());
            for (int t = 0; t < ACCOUNTS * TRIES_PER_ACCOUNT; t++) {
                for (int k = 0; k < kinds.size(); k++) {
                    String kind = kinds.get((k + t) % kinds.size()); // a different order each round
                    took.get(kind)[t] = timeSignIn(accounts.get(kind).get(t % ACCOUNTS));
                }
            }
            double baseline = median(took.get("no account"));
            StringBuilder report = new StringBuilder("wrong-password timing, medians:");
            took.forEach((kind, times) -> report.append(String.format(" %s %.1f ms,", kind, median(times) / 1e6)));
            System.out.println(report);
            took.forEach((kind, times) -> assertThat(median(times) / baseline).as(kind + " against no account")
                    .isBetween(0.75, 1.25));
        } finally {
            QuarkusTransaction.requiringNew().run(() -> User.delete("name = ?1 and passwordHash not like ?2", "Imported", "$argon2id$%"));
            floor.refresh();
        }
    }
}
