package ai.rememberizer.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.rememberizer.auth.support.PackagedApp;
import ai.rememberizer.auth.support.PackagedCommand;
import ai.rememberizer.auth.support.PackagedCommand.Result;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * {@code java -jar quarkus-run.jar import-users ...} on the packaged application, each test on
 * a schema of its own: the Django fixtures imported (their test-only fields ignored as unknown)
 * and then signed in over HTTP by the service, each imported hash replaced by our Argon2id; a
 * run killed halfway and run again; and the exit statuses of an import that cannot run.
 */
class UserImportIT {

    private static final Duration RUN = Duration.ofMinutes(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DIR = Path.of("target/it-import");
    /** What our Argon2id hashes begin with, at the service's default parameters. */
    private static final String OURS = "$argon2id$v=19$m=19456,t=2,p=1$";

    @BeforeAll
    static void setUp() throws IOException {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Files.createDirectories(DIR);
    }

    private static List<JsonNode> fixtures() throws IOException {
        List<JsonNode> users = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of("src/test/resources/import/django-users.jsonl"))) {
            users.add(JSON.readTree(line));
        }
        return users;
    }

    private static List<JsonNode> report(Path file) throws IOException {
        List<JsonNode> entries = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            entries.add(JSON.readTree(line));
        }
        return entries;
    }

    private static Connection database(String schema) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema, "postgres",
                "postgres");
    }

    /** A schema left by an earlier run would fool the counts below before the first process cleans it. */
    private static void dropSchema(String schema) throws SQLException {
        try (Connection c = database("public")) {
            c.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    private static String hashOf(String schema, String email) throws SQLException {
        try (Connection c = database(schema); PreparedStatement s = c.prepareStatement("SELECT password_hash FROM users WHERE email_key = ?")) {
            s.setString(1, email.toLowerCase());
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : null;
            }
        }
    }

    private static long users(String schema) {
        try (Connection c = database(schema); ResultSet r = c.createStatement().executeQuery("SELECT count(*) FROM users")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            return -1; // not migrated yet
        }
    }

    @Test
    void theDjangoUsersAreImportedThenSignInAndTheirHashesBecomeOurs() throws Exception {
        String schema = "auth_it_import";
        dropSchema(schema);
        Path file = DIR.resolve("django-users.jsonl");
        Files.copy(Path.of("src/test/resources/import/django-users.jsonl"), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path reportFile = DIR.resolve("django-users.report.jsonl");
        List<JsonNode> fixtures = fixtures();

        Result imported;
        // The import must not listen: its port is taken, and it still runs.
        try (ServerSocket taken = new ServerSocket(0)) {
            Map<String, String> env = PackagedApp.freshEnvironment(schema);
            env.put("PORT", String.valueOf(taken.getLocalPort()));
            imported = PackagedCommand.run("import-django", env, RUN, "import-users", file.toString(), "--report",
                    reportFile.toString());
        }

        assertThat(imported.exitCode()).as(imported.output()).isZero();
        assertThat(imported.output()).contains("127 lines: 127 imported, 0 updated, 0 unchanged, 0 skipped, 0 refused")
                .contains("scheduler is disabled").doesNotContain("Listening on: http");
        List<JsonNode> report = report(reportFile);
        assertThat(report).hasSize(1); // no refusal, the summary
        assertThat(report.get(0).get("outcome").asText()).isEqualTo("summary");
        assertThat(report.get(0).get("imported").asLong()).isEqualTo(127);
        assertThat(report.get(0).get("completed").asBoolean()).isTrue();
        for (JsonNode user : fixtures) {
            assertThat(hashOf(schema, user.get("email").asText())).isEqualTo(user.get("password_hash").asText());
        }

        // The service on the same schema: each imported user signs in with the password that
        // worked in Django, and the sign-in replaces the imported hash by our Argon2id.
        Map<String, String> env = PackagedApp.environment(schema);
        env.put("AUTH_LIMITS_SIGNIN_FAILURES_PER_ADDRESS", "100000");
        List<String> problems = new ArrayList<>();
        try (PackagedApp app = PackagedApp.start("import-signin", env)) {
            for (JsonNode user : fixtures) {
                String email = user.get("email").asText();
                String password = user.get("test_password").asText();
                String what = email + " " + user.get("test_format").asText() + " (" + user.get("test_note").asText() + ")";
                Response answer = given().baseUri(app.baseUrl()).contentType(ContentType.JSON)
                        .body(Map.of("login", email, "password", password, "captcha", "any"))
                        .post("/api/v1/auth/signin/");
                if (password.isEmpty()) { // sign-in refuses an empty password before any lookup
                    if (answer.statusCode() != 400) {
                        problems.add(what + ": empty password answered " + answer.statusCode());
                    }
                    continue;
                }
                if (answer.statusCode() != 204) {
                    problems.add(what + ": sign-in answered " + answer.statusCode());
                    continue;
                }
                JsonNode account = JSON.readTree(given().baseUri(app.baseUrl()).cookie("access_token", answer.cookie("access_token"))
                        .get("/api/v1/account/").asString());
                if (!account.get("name").asText().equals(user.get("name").asText())
                        || account.get("email_verified").asBoolean() != user.get("email_verified").asBoolean()
                        || !Instant.parse(account.get("created_at").asText()).equals(Instant.parse(user.get("created_at").asText()))) {
                    problems.add(what + ": the account reads " + account);
                }
                String stored = hashOf(schema, email);
                if (!stored.startsWith(OURS)) {
                    problems.add(what + ": the stored hash is still " + stored.substring(0, Math.min(20, stored.length())) + "...");
                }
            }
        }
        assertThat(problems).as(problems.size() + " problems").isEmpty();

        // The same file again (skip): nothing changes, the upgraded hashes stay ours.
        Result again = PackagedCommand.run("import-django-again", PackagedApp.environment(schema), RUN, "import-users",
                file.toString(), "--report", reportFile.toString());
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("127 lines: 0 imported, 0 updated, 0 unchanged, 127 skipped, 0 refused");
        assertThat(hashOf(schema, fixtures.get(0).get("email").asText())).startsWith(OURS);
    }

    @Test
    void aRunKilledHalfwayIsFinishedByRunningItAgain() throws Exception {
        String schema = "auth_it_import_kill";
        dropSchema(schema);
        int total = 200_000;
        Path file = DIR.resolve("kill.jsonl");
        List<JsonNode> fixtures = fixtures();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int n = 1; n <= total; n++) {
                JsonNode f = fixtures.get(n % fixtures.size());
                out.write("{\"email\": \"kill-" + n + "@example.com\", \"name\": " + JSON.writeValueAsString(f.get("name").asText())
                        + ", \"email_verified\": " + f.get("email_verified").asBoolean() + ", \"password_hash\": "
                        + JSON.writeValueAsString(f.get("password_hash").asText()) + ", \"created_at\": \"2018-02-03T04:05:06Z\"}\n");
            }
        }

        Process first = PackagedCommand.start("import-kill-first", PackagedApp.freshEnvironment(schema), "import-users", file.toString());
        await("some batches committed").atMost(RUN).pollInterval(Duration.ofMillis(100))
                .failFast("the import ended before it could be killed", () -> !first.isAlive())
                .until(() -> users(schema) >= 3000);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no summary
        first.waitFor();
        long committed = users(schema);
        assertThat(committed).as("whole batches only").isBetween(3000L, total - 1L);
        assertThat(committed % 1000).as("whole batches only").isZero();

        Result rerun = PackagedCommand.run("import-kill-rerun", PackagedApp.environment(schema), RUN, "import-users", file.toString());
        assertThat(rerun.exitCode()).as(rerun.output()).isZero();
        List<JsonNode> report = report(Path.of(file + ".report.jsonl"));
        JsonNode summary = report.get(report.size() - 1);
        long afterKill = summary.get("skipped").asLong();
        assertThat(afterKill).as("what the killed run committed (more may have committed after the count above)")
                .isGreaterThanOrEqualTo(committed);
        assertThat(summary.get("imported").asLong() + afterKill).isEqualTo(total);
        assertThat(summary.get("refused").asLong()).isZero();
        try (Connection c = database(schema); ResultSet r = c.createStatement().executeQuery(
                "SELECT count(*), count(DISTINCT email_key), count(*) FILTER (WHERE email_key LIKE 'kill-%@example.com') FROM users")) {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(total);
            assertThat(r.getLong(2)).isEqualTo(total);
            assertThat(r.getLong(3)).isEqualTo(total);
        }
    }

    @Test
    void anImportThatCannotRunSaysWhyWithItsOwnExitStatus() throws Exception {
        String schema = "auth_it_import_exit";
        dropSchema(schema);
        Path file = DIR.resolve("exit.jsonl");
        Files.writeString(file, fixtures().get(0).toString() + "\n");

        Result missing = PackagedCommand.run("import-missing", PackagedApp.environment(schema), RUN, "import-users",
                DIR.resolve("no-such-file.jsonl").toString());
        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(3);
        assertThat(missing.output()).contains("no-such-file.jsonl: no such file");

        Result badArguments = PackagedCommand.run("import-bad-arguments", PackagedApp.environment(schema), RUN, "import-users",
                file.toString(), "--on-conflict", "overwrite");
        assertThat(badArguments.exitCode()).as(badArguments.output()).isEqualTo(2);
        assertThat(badArguments.output()).contains("--on-conflict is skip or update").contains("Usage: import-users FILE");

        Result help = PackagedCommand.run("import-help", PackagedApp.environment(schema), RUN, "import-users", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.output()).contains("Usage: import-users FILE");

        Map<String, String> noDatabase = PackagedApp.environment(schema);
        noDatabase.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/postgres");
        Result unreachable = PackagedCommand.run("import-no-database", noDatabase, RUN, "import-users", file.toString());
        assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(4);
        assertThat(unreachable.output()).contains("import-users: the database cannot be reached");

        noDatabase.put("AUTH_MIGRATE_AT_START", "false"); // found by the import itself, not by the migrations
        Result unreachableLater = PackagedCommand.run("import-no-database-later", noDatabase, RUN, "import-users", file.toString());
        assertThat(unreachableLater.exitCode()).as(unreachableLater.output()).isEqualTo(4);
        assertThat(unreachableLater.output()).contains("import-users: the database cannot be reached");

        // And with a database, the same file imports.
        Result works = PackagedCommand.run("import-exit-works", PackagedApp.freshEnvironment(schema), RUN, "import-users",
                file.toString());
        assertThat(works.exitCode()).as(works.output()).isZero();
    }
}
