package ai.rememberizer.auth.importer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.support.Api;
import ai.rememberizer.auth.support.Authenticator;
import ai.rememberizer.auth.support.ImportedUsers;
import ai.rememberizer.auth.support.MailServer;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The import in process, through {@link ImportCommand} as the command line runs it: what each
 * kind of line becomes, the conflict modes, duplicates in the file, idempotence. Addresses
 * are unique to each test ({@link #prefix}), so the shared test schema may hold anything else.
 * (The packaged command, its exit statuses, a killed run and the sign-in of imported users are
 * {@code UserImportIT}.)
 */
@QuarkusTest
class UserImportTest {

    static final String PBKDF2 = "pbkdf2_sha256$10000$baocj6NXE07B2eeFr2GiHh$O8dW2s5PQ4AMbt33RNPJXLhCeh+tWzjFGcSOJ6pxqzg=";
    static final String BCRYPT = "$2b$05$aWhKjO2zpcplZ9ha1O1HZOkcMVOpeaEIFhWD2nAEYOvz3tQS06gTC";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ImportCommand command;

    @Inject
    AgroalDataSource dataSource;

    private final String prefix = "imp-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    private final Path dir = Path.of("target/import-test");

    /** What a run printed and wrote. */
    record Run(int status, String out, String err, List<JsonNode> report) {
        JsonNode summary() {
            return report.get(report.size() - 1);
        }

        Map<Long, String> refusals() {
            Map<Long, String> refusals = new LinkedHashMap<>();
            report.stream().filter(e -> "refused".equals(e.path("outcome").asText()))
                    .forEach(e -> refusals.put(e.get("line").asLong(), e.get("reason").asText()));
            return refusals;
        }

        long count(String field) {
            return summary().get(field).asLong();
        }
    }

    private String email(String local) {
        return prefix + local + "@example.com";
    }

    private String user(String local, String name, boolean verified, String hash) {
        return "{\"email\": \"" + email(local) + "\", \"name\": \"" + name + "\", \"email_verified\": " + verified
                + ", \"password_hash\": \"" + hash + "\", \"created_at\": \"2019-05-06T07:08:09Z\"}";
    }

    private Path write(String name, List<String> lines) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(prefix + name + ".jsonl");
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    private Run run(Path file, String... options) throws IOException {
        List<String> args = new ArrayList<>(List.of(file.toString()));
        args.addAll(List.of(options));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = command.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        Path report = Path.of(file + ".report.jsonl");
        List<JsonNode> entries = new ArrayList<>();
        if (Files.exists(report)) {
            for (String line : Files.readAllLines(report)) {
                entries.add(JSON.readTree(line));
            }
        }
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), entries);
    }

    /** This test's rows, by address key, as comparable text. */
    private Map<String, String> rows() throws SQLException {
        Map<String, String> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT email_key, id, email, name, password_hash, email_verified, created_at, imported_at
                        FROM users WHERE email_key LIKE ? ORDER BY email_key""")) {
            s.setString(1, prefix + "%");
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    rows.put(r.getString(1), String.join("|", r.getString(2), r.getString(3), r.getString(4), r.getString(5),
                            r.getString(6), r.getString(7), String.valueOf(r.getString(8))));
                }
            }
        }
        return rows;
    }

    private Map<String, Object> row(String local) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        SELECT id, email, name, password_hash, email_verified, created_at, imported_at FROM users
                        WHERE email_key = ?""")) {
            s.setString(1, email(local).toLowerCase());
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (String column : List.of("id", "email", "name", "password_hash", "email_verified", "created_at", "imported_at")) {
                    row.put(column, r.getObject(column));
                }
                return row;
            }
        }
    }

    @Test
    void everyKindOfBadLineIsRefusedWithItsReasonAndEveryGoodLineIsImported() throws Exception {
        List<String> lines = new ArrayList<>();
        Map<Integer, String> expected = new LinkedHashMap<>();
        lines.add(user("good1", "Ada", true, PBKDF2));
        lines.add("{\"email\": \"" + email("broken") + "\", \"name\": ");
        expected.put(2, "not valid JSON (at column");
        lines.add(user("unknown-hash", "Md Five", false, "md5$salt$0123456789abcdef0123456789abcdef"));
        expected.put(3, "password_hash: has a format we do not accept ('md5')");
        lines.add(user("over-the-cap", "Cost", false, "$2b$16$aWhKjO2zpcplZ9ha1O1HZOkcMVOpeaEIFhWD2nAEYOvz3tQS06gTC"));
        expected.put(4, "password_hash: has bcrypt cost 16, over the cap of 13 (docs/LEGACY-HASHES.md)");
        lines.add(user("not an address", "Bad Address", false, PBKDF2).replace(email("not an address"), "not an address"));
        expected.put(5, "email: is not a valid e-mail address");
        lines.add(user("GOOD1", "Ada Again", true, PBKDF2)); // the same address in another case
        expected.put(6, "duplicate address in the file: line 1 has it");
        lines.add("{\"email\": \"" + email("no-hash") + "\", \"name\": \"No Hash\"}");
        expected.put(7, "password_hash: is required");
        lines.add(user("wrong-type", "Wrong", false, PBKDF2).replace("\"email_verified\": false", "\"email_verified\": \"false\""));
        expected.put(8, "email_verified: must be true or false");
        lines.add(user("nul", "nul\\u0000name", false, PBKDF2));
        expected.put(9, "name: must be text without control or format characters");
        lines.add(user("long-name", "x".repeat(151), false, PBKDF2));
        expected.put(10, "name: must be at most 150 characters");
        lines.add("");
        expected.put(11, "empty line");
        lines.add("[\"" + email("array") + "\"]");
        expected.put(12, "not a JSON object");
        lines.add(user("unusable", "Social Only", false, "!XyZ"));
        expected.put(13, "password_hash: is an unusable password");
        lines.add(user("twice", "Twice", false, PBKDF2).replace("{", "{\"name\": \"Other\", "));
        expected.put(14, "a field appears twice");
        lines.add(user("future", "Future", false, PBKDF2).replace("2019-05-06T07:08:09Z", "2999-01-01T00:00:00Z"));
        expected.put(15, "created_at: is in the future");
        lines.add(user("good2", "Grace", false, BCRYPT));
        lines.add(user("second-copy", "One", false, PBKDF2));
        lines.add(user("good3", "Zoë Ñúñez", true, "$2y$05$aWhKjO2zpcplZ9ha1O1HZOkcMVOpeaEIFhWD2nAEYOvz3tQS06gTC"));
        lines.add(user("second-copy", "Two", false, PBKDF2)); // a later batch (batches of 3 below)
        expected.put(19, "duplicate address in the file: an earlier line has it");
        lines.add("{\"email\": 42, \"name\": [\"x\"], \"password_hash\": true, \"created_at\": 1}");
        expected.put(20, "email: must be a string; name: must be a string; password_hash: must be a string; created_at: must be a string");
        Path file = write("bad", lines);
        // Bytes no JSON writer makes: broken UTF-8 and a line over 64 KiB.
        Files.write(file, new byte[] { '{', '"', (byte) 0xFF, '"', '}', '\n' }, java.nio.file.StandardOpenOption.APPEND);
        expected.put(21, "not valid UTF-8");
        Files.writeString(file, "{\"pad\": \"" + "a".repeat(70_000) + "\"}\n", java.nio.file.StandardOpenOption.APPEND);
        expected.put(22, "line longer than 65536 bytes");
        Files.writeString(file, user("last", "No Newline", false, PBKDF2), java.nio.file.StandardOpenOption.APPEND);

        Run run = run(file, "--batch-size", "3");

        assertThat(run.status()).as(run.err()).isZero();
        Map<Long, String> refusals = run.refusals();
        assertThat(refusals.keySet()).containsExactlyElementsOf(expected.keySet().stream().map(Long::valueOf).toList());
        expected.forEach((line, reason) -> assertThat(refusals.get((long) line)).as("line " + line).startsWith(reason));
        assertThat(run.count("lines")).isEqualTo(23);
        assertThat(run.count("imported")).isEqualTo(5);
        assertThat(run.count("refused")).isEqualTo(18);
        assertThat(run.summary().get("completed").asBoolean()).isTrue();
        assertThat(rows().keySet()).containsExactlyInAnyOrder(email("good1"), email("good2"), email("good3"), email("last"),
                email("second-copy"));
        assertThat(row("good1").get("name")).isEqualTo("Ada");
        assertThat(row("second-copy").get("name")).isEqualTo("One");
        assertThat(String.join("\n", Files.readAllLines(Path.of(file + ".report.jsonl")))).doesNotContain(PBKDF2)
                .doesNotContain("0123456789abcdef");
        assertThat(run.out()).contains("23 lines: 5 imported, 0 updated, 0 unchanged, 0 skipped, 18 refused");
    }

    @Test
    void theSameFileImportedTwiceChangesNothingTheSecondTime() throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2500; i++) {
            lines.add(user("same-" + i, "Name " + i, i % 2 == 0, i % 3 == 0 ? BCRYPT : PBKDF2));
        }
        Path file = write("twice", lines);
        Run first = run(file);
        assertThat(first.count("imported")).isEqualTo(2500);
        Map<String, String> before = rows();
        assertThat(before).hasSize(2500);

        Run second = run(file);
        assertThat(second.status()).isZero();
        assertThat(second.count("imported")).isZero();
        assertThat(second.count("skipped")).isEqualTo(2500);
        assertThat(rows()).isEqualTo(before);

        // With update, the values are written again, the same: only imported_at moves.
        Run third = run(file, "--on-conflict", "update");
        assertThat(third.count("unchanged")).isEqualTo(2500);
        assertThat(third.count("updated")).isZero();
        Map<String, String> after = rows();
        before.replaceAll((k, v) -> v.substring(0, v.lastIndexOf('|')));
        after.replaceAll((k, v) -> v.substring(0, v.lastIndexOf('|')));
        assertThat(after).isEqualTo(before);
    }

    @Test
    void updateReplacesNameAndHashKeepsIdAddressAndDateAndNeverTakesVerificationBack() throws Exception {
        Path original = write("original", List.of(user("Ann", "Ann", false, PBKDF2), user("bob", "Bob", true, PBKDF2)));
        assertThat(run(original).count("imported")).isEqualTo(2);
        Map<String, Object> ann = row("ann");
        Map<String, Object> bob = row("bob");

        Path changed = write("changed", List.of(
                user("ANN", "Ann Changed", true, BCRYPT).replace("2019-05-06", "2020-01-01"),
                user("bob", "Bob", false, PBKDF2)));
        Run skipped = run(changed);
        assertThat(skipped.count("skipped")).isEqualTo(2);
        assertThat(row("ann")).isEqualTo(ann);
        assertThat(row("bob")).isEqualTo(bob);

        Run updated = run(changed, "--on-conflict=update");
        assertThat(updated.status()).isZero();
        assertThat(updated.count("updated")).isEqualTo(1);
        assertThat(updated.count("unchanged")).isEqualTo(1); // bob: the same name and hash, and stays verified
        Map<String, Object> annAfter = row("ann");
        assertThat(annAfter.get("name")).isEqualTo("Ann Changed");
        assertThat(annAfter.get("password_hash")).isEqualTo(BCRYPT);
        assertThat(annAfter.get("email_verified")).isEqualTo(true);
        assertThat(annAfter.get("id")).isEqualTo(ann.get("id"));
        assertThat(annAfter.get("email")).isEqualTo(email("Ann")); // as first typed
        assertThat(annAfter.get("created_at")).isEqualTo(ann.get("created_at"));
        assertThat(annAfter.get("imported_at")).isNotEqualTo(ann.get("imported_at"));
        assertThat(row("bob").get("email_verified")).isEqualTo(true);
    }

    @Test
    void anAccountMadeHereIsSkippedOrUpdatedLikeAnyOther() throws Exception {
        Api.signUp(email("signed-up"), Api.PASSWORD).then().statusCode(201);
        Map<String, Object> before = row("signed-up");
        assertThat(before.get("imported_at")).isNull();
        Path file = write("here", List.of(user("signed-up", "From The File", true, PBKDF2)));
        assertThat(run(file).count("skipped")).isEqualTo(1);
        assertThat(row("signed-up")).isEqualTo(before);
        assertThat(run(file, "--on-conflict", "update").count("updated")).isEqualTo(1);
        assertThat(row("signed-up").get("password_hash")).isEqualTo(PBKDF2);
        assertThat(row("signed-up").get("id")).isEqualTo(before.get("id"));
    }

    @Test
    void updateOverAnAccountSignedUpHereEndsItsSessionsCodesAndUnsentMail() throws Exception {
        ImportedUsers.Fixture owner = ImportedUsers.djangoFixture("user013@example.com");
        // Someone signs the owner's address up here before the import, and keeps the session...
        Response squatter = Api.signUp(email("squatted"), Api.PASSWORD);
        squatter.then().statusCode(201);
        String verificationCode = MailServer.awaitCode(email("squatted"), 1);
        // ...starts moving the account to an address of their own (once the account's code-mail
        // interval, 2 s in tests, has passed since the sign-up mail)...
        Thread.sleep(2_200);
        Api.as(squatter).contentType(ContentType.JSON).body(Map.of("new_email", email("squatters-own"), "password", Api.PASSWORD))
                .post("/api/v1/account/email/").then().statusCode(202);
        // ...and has mail still waiting to go to the owner's address.
        queueMailTo(email("squatted"));
        // A second one in the same batch whose session was already over: the account is claimed all the same.
        Response gone = Api.signUp(email("squatted-2"), Api.PASSWORD);
        gone.then().statusCode(201);
        given().cookie("refresh_token", gone.cookie("refresh_token")).post(Api.AUTH + "custom-logout/").then().statusCode(204);
        UUID id = (UUID) row("squatted").get("id");
        Path file = write("claimed", List.of(user("squatted", "The Owner", false, owner.hash()), user("fresh", "Fresh", true, PBKDF2),
                user("squatted-2", "Second Owner", true, PBKDF2)));

        Run run = run(file, "--on-conflict", "update");

        assertThat(run.status()).as(run.err()).isZero();
        // The squatter's refresh token is dead, and so is the session behind the access token.
        Api.refresh(squatter.cookie("refresh_token")).then().statusCode(401);
        Api.as(squatter).get(Api.AUTH + "sessions/").then().statusCode(401);
        // The owner signs in with the imported password; the code mailed for the squatter's sign-up does not verify.
        Response signedIn = Api.signIn(email("squatted"), owner.password());
        signedIn.then().statusCode(204);
        Api.as(signedIn).contentType(ContentType.JSON).body(Map.of("verification_code", verificationCode))
                .post(Api.AUTH + "verify-email/").then().statusCode(400).body("code", equalTo("code_expired"));
        assertThat(count("SELECT count(*) FROM verification_codes WHERE user_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM mail_outbox WHERE lower(recipient) IN (lower(?), lower(?)) AND sent_at IS NULL",
                email("squatted"), email("squatters-own"))).isZero();
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ? AND revoke_reason = 'claimed_by_import'", id)).isEqualTo(1);

        // And the report says so.
        assertThat(run.count("imported")).isEqualTo(1);
        assertThat(run.count("updated")).isEqualTo(2);
        assertThat(run.count("claimed")).isEqualTo(2);
        assertThat(run.count("sessions_revoked")).isEqualTo(1);
        Map<Long, JsonNode> claimed = claims(run);
        assertThat(claimed.keySet()).containsExactly(1L, 3L);
        assertThat(claimed.get(1L).get("outcome").asText()).isEqualTo("updated");
        assertThat(claimed.get(1L).get("email").asText()).isEqualTo(email("squatted"));
        assertThat(claimed.get(1L).get("sessions_revoked").asLong()).isEqualTo(1);
        assertThat(claimed.get(1L).get("codes_deleted").asLong()).isEqualTo(2); // the verification code and the address change
        assertThat(claimed.get(1L).get("mails_deleted").asLong()).isPositive(); // the queued one, and the change's code if unsent
        assertThat(claimed.get(3L).get("sessions_revoked").asLong()).isZero();
        assertThat(run.out()).contains("2 of the updated accounts were signed up here, never imported");
        assertThat(Files.readString(Path.of("target/quarkus-test.log")))
                .contains("\"event\":\"account_claimed\",\"outcome\":\"success\",\"user_id\":\"" + id + "\",\"sessions_revoked\":1,");
    }

    @Test
    void updateOverASquatterEndsTheSecondFactorTheSquatterSetUp() throws Exception {
        ImportedUsers.Fixture owner = ImportedUsers.djangoFixture("user013@example.com");
        // Someone signs the owner's address up here (and, the mailbox being theirs too for a while,
        // verifies it) and puts an authenticator of their own on it...
        Authenticator.awaitFreshStep();
        Response squatter = Api.signUp(email("held"), Api.PASSWORD);
        squatter.then().statusCode(201);
        Api.as(squatter).contentType(ContentType.JSON).body(Map.of("verification_code", MailServer.awaitCode(email("held"), 1)))
                .post(Api.AUTH + "verify-email/").then().statusCode(200);
        Response enrolment = Api.as(squatter).contentType(ContentType.JSON).body(Map.of("password", Api.PASSWORD))
                .post(Api.AUTH + "mfa/totp/");
        enrolment.then().statusCode(201);
        Api.as(squatter).contentType(ContentType.JSON).body(Map.of("code", new Authenticator(enrolment.path("secret")).code(0)))
                .post(Api.AUTH + "mfa/totp/confirm/").then().statusCode(200);
        // ...and leaves a second step open.
        Api.signIn(email("held"), Api.PASSWORD).then().statusCode(401).body("code", equalTo("mfa_required"));
        UUID id = (UUID) row("held").get("id");

        Run run = run(write("held", List.of(user("held", "The Owner", true, owner.hash()))), "--on-conflict", "update");

        assertThat(run.status()).as(run.err()).isZero();
        // The owner signs in with the imported password and no second step of the squatter's.
        Api.signIn(email("held"), owner.password()).then().statusCode(204);
        assertThat(count("SELECT count(*) FROM totp_factors WHERE user_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM recovery_codes WHERE user_id = ?", id)).isZero();
        assertThat(count("SELECT count(*) FROM mfa_challenges WHERE user_id = ?", id)).isZero();
        assertThat(claims(run).get(1L).get("second_factors_deleted").asLong()).isEqualTo(1);
    }

    @Test
    void updateKeepsTheSessionsOfAnAccountThatAnImportWrote() throws Exception {
        ImportedUsers.Fixture owner = ImportedUsers.djangoFixture("user013@example.com");
        Path file = write("reimport", List.of(user("reimported", "Owner", true, owner.hash())));
        assertThat(run(file).count("imported")).isEqualTo(1);
        Response signedIn = Api.signIn(email("reimported"), owner.password());
        signedIn.then().statusCode(204);

        Run again = run(file, "--on-conflict", "update");

        assertThat(again.status()).as(again.err()).isZero();
        assertThat(again.count("updated")).isEqualTo(1); // the sign-in replaced the hash; the line puts the imported one back
        assertThat(again.count("claimed")).isZero();
        assertThat(claims(again)).isEmpty();
        Response refreshed = Api.refresh(signedIn.cookie("refresh_token"));
        refreshed.then().statusCode(204);
        Api.as(refreshed).get(Api.AUTH + "sessions/").then().statusCode(200);
    }

    @Test
    void aBatchThatLosesADeadlockToARequestOnTheClaimedAccountIsWrittenAgain() throws Exception {
        Api.signUp(email("contended"), Api.PASSWORD).then().statusCode(201);
        UUID id = (UUID) row("contended").get("id");
        Path file = write("contended", List.of(user("contended", "The Owner", true, PBKDF2)));
        Run run;
        try (Connection request = dataSource.getConnection()) {
            // What verify-email does: the code's row locked first, then the account's row written.
            request.setAutoCommit(false);
            try (PreparedStatement lock = request.prepareStatement("SELECT 1 FROM verification_codes WHERE user_id = ? FOR UPDATE")) {
                lock.setObject(1, id);
                assertThat(lock.executeQuery().next()).isTrue();
            }
            CompletableFuture<Run> importing = CompletableFuture.supplyAsync(() -> {
                try {
                    return run(file, "--on-conflict", "update");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            // The import has the account's row and waits for the code's...
            await().atMost(Duration.ofSeconds(30)).until(() -> count("""
                    SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'WITH claimed AS%'""") > 0);
            // ...and the request now waits for the account's: a deadlock, which the import, waiting longer, loses.
            try (PreparedStatement write = request.prepareStatement("UPDATE users SET email_verified = true WHERE id = ?")) {
                write.setObject(1, id);
                write.executeUpdate();
            }
            request.commit();
            run = importing.get(60, TimeUnit.SECONDS);
        }
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.count("claimed")).isEqualTo(1);
        assertThat(claims(run).get(1L).get("sessions_revoked").asLong()).isEqualTo(1);
        assertThat(row("contended").get("name")).isEqualTo("The Owner");
        assertThat(count("SELECT count(*) FROM sessions WHERE user_id = ? AND revoked_at IS NULL", id)).isZero();
    }

    /** The report's entries of claimed accounts, by line. */
    private static Map<Long, JsonNode> claims(Run run) {
        Map<Long, JsonNode> claims = new LinkedHashMap<>();
        run.report().stream().filter(e -> "updated".equals(e.path("outcome").asText()) && e.has("claimed")).forEach(e -> claims.put(e.get("line").asLong(), e));
        return claims;
    }

    /** Mail for this address in the outbox, not due for a day: the sender leaves it alone meanwhile. */
    private void queueMailTo(String recipient) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("""
                        INSERT INTO mail_outbox (id, kind, recipient, created_at, next_attempt_at, attempts)
                        VALUES (gen_random_uuid(), 'password_changed', ?, now(), now() + interval '1 day', 0)""")) {
            s.setString(1, recipient);
            s.executeUpdate();
        }
    }

    private long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    @Test
    void withUpdateTooTheFirstLineOfAnAddressWinsAcrossBatches() throws Exception {
        Path file = write("first-wins", List.of(user("dup", "First", false, PBKDF2), user("x1", "X", false, PBKDF2),
                user("x2", "X", false, PBKDF2), user("DUP", "Second", true, BCRYPT)));
        Run run = run(file, "--on-conflict", "update", "--batch-size", "2");
        assertThat(run.count("imported")).isEqualTo(3);
        assertThat(run.refusals()).containsExactly(Map.entry(4L, "duplicate address in the file: an earlier line has it"));
        assertThat(row("dup").get("name")).isEqualTo("First");
        assertThat(row("dup").get("password_hash")).isEqualTo(PBKDF2);
        assertThat(row("dup").get("email_verified")).isEqualTo(false);
    }

    @Test
    void theImportIsOneAuditEventWithItsCounts() throws Exception {
        Path file = write("audit", List.of(user("audited", "Audited", true, PBKDF2), "not json"));
        assertThat(run(file).status()).isZero();
        String log = Files.readString(Path.of("target/quarkus-test.log"));
        assertThat(log).contains("\"event\":\"users_imported\",\"outcome\":\"success\",\"lines\":2,\"imported\":1,"
                + "\"updated\":0,\"unchanged\":0,\"skipped\":0,\"refused\":1");
    }

    @Test
    void aMissingFileOrAnUnwritableReportStopsBeforeAnything() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertThat(command.run(List.of(dir.resolve(prefix + "absent.jsonl").toString()), System.out, errors))
                .isEqualTo(ImportCommand.FILE_PROBLEM);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
        Path file = write("report", List.of(user("r", "R", false, PBKDF2)));
        assertThat(command.run(List.of(file.toString(), "--report", "/nonexistent-dir/r.jsonl"), System.out, errors))
                .isEqualTo(ImportCommand.FILE_PROBLEM);
        assertThat(command.run(List.of(file.toString(), "--on-conflict", "merge"), System.out, errors))
                .isEqualTo(ImportCommand.BAD_ARGUMENTS);
        Path link = dir.resolve(prefix + "link-to-input.jsonl");
        Files.createSymbolicLink(link, file.toAbsolutePath());
        assertThat(command.run(List.of(file.toString(), "--report", link.toString()), System.out, errors))
                .isEqualTo(ImportCommand.BAD_ARGUMENTS);
        assertThat(Files.readString(file)).contains(email("r"));
        assertThat(row("r")).isNull();
    }
}
