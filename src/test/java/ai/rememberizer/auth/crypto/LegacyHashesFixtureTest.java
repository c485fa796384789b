package ai.rememberizer.auth.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.crypto.LegacyHashes.Format;

/**
 * Every user of {@code import/django-users.jsonl} (made by Django's own hashers, python bcrypt
 * and argon2-cffi: {@code scripts/make-django-fixtures.py}) signs in with exactly the password
 * that worked there, and with nothing else.
 */
class LegacyHashesFixtureTest {

    private static final String FIXTURE = "/import/django-users.jsonl";
    private static final HashingPool POOL = new HashingPool(2);
    private static final LegacyHashes LEGACY = new LegacyHashes(POOL);

    record User(String email, String hash, String password, Format format, String note) {
        @Override
        public String toString() {
            return email + " " + note;
        }

        /** bcrypt of the password itself: Python's bcrypt reads its first 72 bytes only. */
        boolean truncatesAt72() {
            return format == Format.BCRYPT || format == Format.DJANGO_BCRYPT;
        }

        int utf8Length() {
            return password.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    static List<User> users() throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<User> users = new ArrayList<>();
        try (InputStream in = LegacyHashesFixtureTest.class.getResourceAsStream(FIXTURE);
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode node = json.readTree(line);
                for (String field : List.of("email", "name", "email_verified", "password_hash", "created_at")) {
                    assertThat(node.has(field)).as(field + " in " + line).isTrue();
                }
                users.add(new User(node.get("email").asText(), node.get("password_hash").asText(),
                        node.get("test_password").asText(), Format.valueOf(node.get("test_format").asText()),
                        node.get("test_note").asText()));
            }
        }
        return users;
    }

    @Test
    void coversEveryFormatAndTheAwkwardPasswords() throws IOException {
        List<User> users = users();
        Set<Format> formats = EnumSet.noneOf(Format.class);
        users.forEach(u -> formats.add(u.format));
        assertThat(formats).containsExactlyInAnyOrder(Format.values());
        assertThat(users).extracting(User::hash).anyMatch(h -> h.startsWith("$2a$")).anyMatch(h -> h.startsWith("$2b$"))
                .anyMatch(h -> h.startsWith("$2y$")).anyMatch(h -> h.startsWith("argon2$argon2i$m="))
                .anyMatch(h -> h.startsWith("argon2$argon2i$v=16$")).anyMatch(h -> h.startsWith("argon2$argon2i$v=19$"));
        assertThat(users).extracting(User::password).contains("")
                .anyMatch(p -> !Normalizer.normalize(p, Normalizer.Form.NFKC).equals(p))
                .anyMatch(p -> p.codePoints().anyMatch(Character::isSupplementaryCodePoint))
                .anyMatch(p -> p.getBytes(StandardCharsets.UTF_8).length > 72);
        assertThat(users).filteredOn(User::truncatesAt72).anyMatch(u -> u.utf8Length() > 72);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void recognisedAsItsFormat(User user) {
        assertThat(LegacyHashes.recognise(user.hash)).contains(user.format);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("users")
    void signsInWithThePasswordAsTypedOnly(User user) {
        assertThat(LEGACY.verify(user.password, user.hash)).as("the password").isTrue();
        assertThat(LEGACY.verify("x" + user.password, user.hash)).as("a wrong password").isFalse();
        String nfkc = Normalizer.normalize(user.password, Normalizer.Form.NFKC);
        if (!nfkc.equals(user.password)) {
            assertThat(LEGACY.verify(nfkc, user.hash)).as("its NFKC form " + nfkc).isFalse();
        }
        String trimmed = user.password.strip();
        if (!trimmed.equals(user.password)) {
            assertThat(LEGACY.verify(trimmed, user.hash)).as("trimmed").isFalse();
        }
    }

    /** Python's bcrypt cuts the password at 72 bytes; everything else reads all of it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("longPasswords")
    void onlyBcryptOfThePasswordItselfStopsAt72Bytes(User user) {
        boolean cut = user.truncatesAt72();
        assertThat(LEGACY.verify(user.password + "tail", user.hash)).as("more after the password").isEqualTo(cut);
        if (user.password.contains("é")) {
            // The 72nd byte is the first of "é" (C3 A9); "è" (C3 A8) shares it.
            assertThat(LEGACY.verify(user.password.replace('é', 'è'), user.hash)).as("é -> è after byte 72")
                    .isEqualTo(cut);
            assertThat(LEGACY.verify(user.password.substring(0, 71), user.hash)).as("71 bytes").isFalse();
        } else {
            assertThat(LEGACY.verify(user.password.substring(0, 72), user.hash)).as("the first 72 bytes")
                    .isEqualTo(cut);
            assertThat(LEGACY.verify(user.password.substring(0, 71), user.hash)).as("71 bytes").isFalse();
        }
    }

    static Stream<User> longPasswords() throws IOException {
        return users().stream().filter(u -> u.utf8Length() > 72);
    }
}
