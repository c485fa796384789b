package ai.rememberizer.auth.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Users as another application left them: the Django fixtures of
 * {@code src/test/resources/import/} (made by Django's own hashers by
 * {@code scripts/make-django-fixtures.py}), and accounts written straight into the table with
 * one of their hashes.
 */
public final class ImportedUsers {

    /** The name of every account {@link #withHash} writes. */
    public static final String NAME = "Imported";

    /** One fixture line: an account, its hash, and the password that made it. */
    public record Fixture(String email, String format, String note, String hash, String password) {
        @Override
        public String toString() {
            return format + ": " + note;
        }
    }

    private ImportedUsers() {
    }

    public static List<Fixture> djangoFixtures() {
        List<Fixture> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = ImportedUsers.class.getResourceAsStream("/import/django-users.jsonl")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                JsonNode node = json.readTree(line);
                all.add(new Fixture(node.get("email").asText(), node.get("test_format").asText(), node.get("test_note").asText(),
                        node.get("password_hash").asText(), node.get("test_password").asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    public static Fixture djangoFixture(String email) {
        return djangoFixtures().stream().filter(f -> f.email().equals(email)).findFirst().orElseThrow();
    }

    /** A new verified account with this stored hash, as an import writes it; returns its address. */
    public static String withHash(String hash) {
        String email = "imported-" + UUID.randomUUID() + "@example.com";
        QuarkusTransaction.requiringNew().run(() -> {
            User user = new User();
            user.id = UUID.randomUUID();
            user.email = email;
            user.emailKey = User.keyOf(email);
            user.name = NAME;
            user.emailVerified = true;
            user.passwordHash = hash;
            user.createdAt = Instant.parse("2019-01-09T03:04:06Z");
            user.persist();
        });
        return email;
    }

    /** The hash stored for an address now. */
    public static String storedHash(String email) {
        return QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow().passwordHash);
    }
}
