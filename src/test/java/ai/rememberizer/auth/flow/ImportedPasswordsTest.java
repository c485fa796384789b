package ai.rememberizer.auth.flow;

import static ai.rememberizer.auth.support.Api.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.user.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Users imported with the hashes another application made (the Django fixtures of
 * {@code src/test/resources/import/}, made by the real hashers): their passwords work at
 * sign-in exactly as typed, and the first success replaces the imported hash by ours.
 */
@QuarkusTest
class ImportedPasswordsTest {

    private static final String OURS = "$argon2id$v=19$m=19456,t=2,p=1$";

    record Fixture(String email, String format, String note, String hash, String password) {
        @Override
        public String toString() {
            return format + ": " + note;
        }
    }

    private static List<Fixture> all() {
        List<Fixture> all = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        try (InputStream in = ImportedPasswordsTest.class.getResourceAsStream("/import/django-users.jsonl")) {
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

    /** One account per format (its ASCII password), and every password of plain bcrypt {@code $2b$} and Django's PBKDF2. */
    static Stream<Fixture> fixtures() {
        return all().stream().filter(f -> !f.password().isEmpty())
                .filter(f -> f.note().endsWith("password: ASCII") || f.hash().startsWith("$2b$")
                        || (f.format().equals("DJANGO_PBKDF2_SHA256") && f.note().contains("10000 iterations")));
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
            user.createdAt = Instant.parse("2019-01-09T03:04:06Z");
            user.persist();
        });
        return email;
    }

    private static String storedHash(String email) {
        return QuarkusTransaction.requiringNew().call(() -> User.findByEmail(email).orElseThrow().passwordHash);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void theOldPasswordSignsInAndItsHashBecomesOurs(Fixture fixture) {
        String email = importUser(fixture.hash());

        // Prefixed, not suffixed: bcrypt reads only the first 72 bytes, as it did for the old application.
        signIn(email, "x" + fixture.password()).then().statusCode(401).body("code", equalTo("invalid_credentials"));
        assertThat(storedHash(email)).isEqualTo(fixture.hash());

        signIn(email, fixture.password()).then().statusCode(204);
        assertThat(storedHash(email)).startsWith(OURS);
        signIn(email, fixture.password()).then().statusCode(204);
    }

    @Test
    void anImportedHashIsCheckedAsTypedAndOursAfterwardsNormalises() {
        // Django never normalised: the full-width password is the only one its hash takes.
        Fixture fixture = all().stream().filter(f -> f.email().equals("user007@example.com")).findFirst().orElseThrow();
        String fullWidth = "\uff50\uff41\uff53\uff53\uff57\uff4f\uff52\uff44\uff11\uff12\uff13";
        assertThat(fixture.password()).isEqualTo(fullWidth);
        String email = importUser(fixture.hash());

        signIn(email, "password123").then().statusCode(401);
        assertThat(storedHash(email)).doesNotStartWith("$argon2id$");
        signIn(email, fullWidth).then().statusCode(204);
        // Ours hashes the NFKC form, so either spelling now works.
        signIn(email, "password123").then().statusCode(204);
        signIn(email, fullWidth).then().statusCode(204);
    }

    @Test
    void aStoredValueOfNoKnownFormatMatchesNothing() {
        for (String junk : new String[] { "!unusable", "", "pbkdf2_sha256$0$salt$hash", "$2b$99$" + "a".repeat(53) }) {
            String email = importUser(junk);
            signIn(email, "anything at all").then().statusCode(401).body("code", equalTo("invalid_credentials"));
            assertThat(storedHash(email)).isEqualTo(junk);
        }
    }
}
