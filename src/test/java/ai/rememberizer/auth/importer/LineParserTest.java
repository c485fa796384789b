package ai.rememberizer.auth.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.importer.LineParser.Accepted;
import ai.rememberizer.auth.importer.LineParser.Parsed;
import ai.rememberizer.auth.importer.LineParser.Refused;

/** The rules of one line (the whole file's are in {@code UserImportTest}). */
class LineParserTest {

    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00.123456789Z");
    private static final LineParser PARSER = new LineParser(VALIDATOR, NOW);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String HASH = "pbkdf2_sha256$10000$baocj6NXE07B2eeFr2GiHh$O8dW2s5PQ4AMbt33RNPJXLhCeh+tWzjFGcSOJ6pxqzg=";

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static Map<String, Object> line() {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("email", "Ada@Example.com");
        line.put("name", "Ada Lovelace");
        line.put("email_verified", true);
        line.put("password_hash", HASH);
        line.put("created_at", "2019-01-09T03:04:06Z");
        return line;
    }

    private static Parsed parse(Map<String, Object> line) throws Exception {
        return PARSER.parse(7, JSON.writeValueAsString(line));
    }

    private static String refusal(Map<String, Object> line) throws Exception {
        Parsed parsed = parse(line);
        assertThat(parsed).as(line.toString()).isInstanceOf(Refused.class);
        assertThat(((Refused) parsed).line()).isEqualTo(7);
        return ((Refused) parsed).reason();
    }

    @Test
    void aGoodLineIsNormalisedAsSignUpDoesIt() throws Exception {
        Map<String, Object> line = line();
        line.put("email", "  Ade\u0301le@Example.com "); // decomposed: NFC makes it "Adèle"
        line.put("name", "  Ada  ");
        line.put("test_password", "ignored, as every unknown field");
        ImportedUser user = ((Accepted) parse(line)).user();
        assertThat(user.email()).isEqualTo("Ad\u00e9le@Example.com");
        assertThat(user.emailKey()).isEqualTo("ad\u00e9le@example.com");
        assertThat(user.name()).isEqualTo("Ada");
        assertThat(user.passwordHash()).isEqualTo(HASH);
        assertThat(user.emailVerified()).isTrue();
        assertThat(user.createdAt()).isEqualTo(Instant.parse("2019-01-09T03:04:06Z"));
        assertThat(user.line()).isEqualTo(7);
        assertThat(user.toString()).doesNotContain(HASH);
    }

    @Test
    void absentOrNullVerificationIsFalseAndAbsentCreationIsTheImportsStart() throws Exception {
        Map<String, Object> line = line();
        line.remove("email_verified");
        line.put("created_at", null);
        ImportedUser user = ((Accepted) parse(line)).user();
        assertThat(user.emailVerified()).isFalse();
        assertThat(user.createdAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00.123456Z"));
        line.put("email_verified", null);
        line.put("created_at", "2019-01-09T03:04:06.1234567+02:00"); // kept to the microsecond
        user = ((Accepted) parse(line)).user();
        assertThat(user.emailVerified()).isFalse();
        assertThat(user.createdAt()).isEqualTo(Instant.parse("2019-01-09T01:04:06.123456Z"));
    }

    @Test
    void eachFieldRuleHasItsReason() throws Exception {
        Map<String, String[]> cases = new LinkedHashMap<>();
        cases.put("email", new String[] { null, "email: is required" });
        cases.put("name", new String[] { "   ", "name: is required" });
        cases.put("password_hash", new String[] { "sha1$abc$def", "password_hash: has a format we do not accept ('sha1')" });
        cases.put("created_at", new String[] { "2019-01-09", "created_at: must be an ISO-8601 date-time with an offset" });
        for (var c : cases.entrySet()) {
            Map<String, Object> line = line();
            line.put(c.getKey(), c.getValue()[0]);
            assertThat(refusal(line)).as(c.getKey()).startsWith(c.getValue()[1]);
        }
    }

    @Test
    void noTypeIsCoerced() throws Exception {
        for (String field : new String[] { "email", "name", "password_hash", "created_at" }) {
            Map<String, Object> line = line();
            line.put(field, 42);
            assertThat(refusal(line)).isEqualTo(field + ": must be a string");
        }
        Map<String, Object> line = line();
        line.put("email_verified", "true");
        assertThat(refusal(line)).isEqualTo("email_verified: must be true or false");
        line.put("email_verified", 1);
        assertThat(refusal(line)).isEqualTo("email_verified: must be true or false");
    }

    @Test
    void sevenReasonsAtOnceAreAllGivenInFieldOrder() throws Exception {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("created_at", "1969-12-31T23:59:59Z");
        line.put("password_hash", "!unusable");
        line.put("email_verified", "no");
        line.put("name", "x".repeat(151));
        line.put("email", "not-an-address");
        assertThat(refusal(line)).isEqualTo("email: is not a valid e-mail address; name: must be at most 150 characters; "
                + "email_verified: must be true or false; "
                + "password_hash: is an unusable password (Django's '!'): there is no password to import; "
                + "created_at: is before 1970");
    }

    @Test
    void theFutureIsRefusedButFiveMinutesOfClockSkewIsNot() throws Exception {
        Map<String, Object> line = line();
        line.put("created_at", NOW.plusSeconds(240).toString());
        assertThat(parse(line)).isInstanceOf(Accepted.class);
        line.put("created_at", NOW.plusSeconds(360).toString());
        assertThat(refusal(line)).isEqualTo("created_at: is in the future");
    }

    @Test
    void theSignUpRulesOfAddressAndNameApply() throws Exception {
        String[][] addresses = { { "a@b", "email: is not a valid e-mail address" }, // one label
                { "\"quoted\"@example.com", "email: is not a valid e-mail address" },
                { "a@[127.0.0.1]", "email: is not a valid e-mail address" },
                { "x".repeat(250) + "@example.com", "email: must be at most 254 characters" },
                { "nul\u0000@example.com", "email: is not a valid e-mail address" } };
        for (String[] c : addresses) {
            Map<String, Object> line = line();
            line.put("email", c[0]);
            assertThat(refusal(line)).as(c[0]).isEqualTo(c[1]);
        }
        String[][] names = { { "bidi\u202Eoverride", "name: must be text without control or format characters" },
                { "nul\u0000", "name: must be text without control or format characters" },
                { "\ud800lonely", "name: must be text without control or format characters" },
                { "é".repeat(151), "name: must be at most 150 characters" } };
        for (String[] c : names) {
            Map<String, Object> line = line();
            line.put("name", c[0]);
            assertThat(refusal(line)).as(c[0]).startsWith(c[1]);
        }
        Map<String, Object> line = line();
        line.put("name", "😀".repeat(150)); // 150 code points, 300 UTF-16 units: accepted
        assertThat(parse(line)).isInstanceOf(Accepted.class);
    }

    @Test
    void hashesAreGatedByLegacyHashesAndNeverQuoted() throws Exception {
        String[][] cases = {
                { "$2b$16$" + "a".repeat(53), "password_hash: has bcrypt cost 16, over the cap of 13" },
                { "pbkdf2_sha256$99999999$salt$" + "A".repeat(43) + "=",
                        "password_hash: has 99,999,999 PBKDF2 iterations, over the cap of 2,000,000" },
                { "argon2$argon2id$v=19$m=262144,t=2,p=8$c2FsdHNhbHQ$YC9+jJCrQhs5R6db7LlN8Q",
                        "password_hash: needs 262,144 KiB of Argon2 memory, over the cap of 131,072 KiB" },
                { "pbkdf2_sha256$4096$salt$" + "A".repeat(42) + "=", "password_hash: is a malformed 'pbkdf2_sha256$' hash" },
                { "md5$salt$0123456789abcdef0123456789abcdef", "password_hash: has a format we do not accept ('md5')" },
                { "$1$salt$hash", "password_hash: has a format we do not accept ('1')" },
                { "plain text password", "password_hash: is not a password hash in a format we accept" },
                { "", "password_hash: is empty" } };
        for (String[] c : cases) {
            Map<String, Object> line = line();
            line.put("password_hash", c[0]);
            String reason = refusal(line);
            assertThat(reason).as(c[0]).startsWith(c[1]);
            if (c[0].length() > 8) {
                assertThat(reason).doesNotContain(c[0]);
            }
        }
    }

    @Test
    void notAnObjectOrNotJsonSaysWhereNeverWhat() {
        String secret = "pbkdf2_sha256$10000$SECRET";
        assertThat(((Refused) PARSER.parse(1, "{\"password_hash\": " + secret + "}")).reason()).startsWith("not valid JSON (at column")
                .doesNotContain("SECRET");
        assertThat(((Refused) PARSER.parse(1, "[]")).reason()).isEqualTo("not a JSON object");
        assertThat(((Refused) PARSER.parse(1, "null")).reason()).isEqualTo("not a JSON object");
        assertThat(((Refused) PARSER.parse(1, "  ")).reason()).isEqualTo("empty line");
        assertThat(((Refused) PARSER.parse(1, "{\"email\": \"a@b.co\", \"email\": \"c@d.co\"}")).reason())
                .startsWith("a field appears twice");
        assertThat(((Refused) PARSER.parse(1, "{} {}")).reason()).startsWith("more than one JSON value on the line");
    }
}
