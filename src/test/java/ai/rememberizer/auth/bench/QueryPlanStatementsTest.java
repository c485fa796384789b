package ai.rememberizer.auth.bench;

import static ai.rememberizer.auth.support.Api.PASSWORD;
import static ai.rememberizer.auth.support.Api.signIn;
import static ai.rememberizer.auth.support.Api.signUp;
import static ai.rememberizer.auth.support.Api.uniqueEmail;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.housekeeping.Housekeeping;
import ai.rememberizer.auth.support.MailServer;
import ai.rememberizer.auth.support.SqlCapture;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * {@code bench/explain.sh} shows the plans of the statements in {@code bench/sql/}; this test
 * proves each of them is a statement the service really sends: it drives every hot path once,
 * records the SQL Hibernate hands to the driver, and finds each file's statement in it
 * (parameters as {@code ?}, whitespace and case aside). A statement changed in the code and
 * not in {@code bench/sql/} fails here.
 */
@QuarkusTest
class QueryPlanStatementsTest {

    @Inject
    Housekeeping housekeeping;

    @Test
    void everyStatementOfTheQueryPlanScriptIsOneTheServiceSends() throws IOException {
        List<String> captured;
        SqlCapture.start();
        try {
            String email = uniqueEmail();
            signUp(email, PASSWORD).then().statusCode(201);
            MailServer.awaitCode(email, 1);
            signIn(email, "wrong password").then().statusCode(401);
            Response signedIn = signIn(email, PASSWORD);
            signedIn.then().statusCode(204);
            Response refreshed = given().cookie("refresh_token", signedIn.cookie("refresh_token")).post("/api/v1/auth/custom-refresh/");
            refreshed.then().statusCode(204);
            given().auth().oauth2(refreshed.cookie("access_token")).get("/api/v1/account/").then().statusCode(200);
            given().cookie("refresh_token", refreshed.cookie("refresh_token")).post("/api/v1/auth/custom-logout/").then().statusCode(204);
            housekeeping.purge();
        } finally {
            captured = SqlCapture.stop();
        }
        Set<String> sent = captured.stream().map(QueryPlanStatementsTest::normalise).collect(Collectors.toSet());
        List<Path> files;
        try (Stream<Path> list = Files.list(Path.of("bench/sql"))) {
            files = list.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
        }
        assertThat(files).as("bench/sql/*.sql").isNotEmpty();
        for (Path file : files) {
            String statement = normalise(Files.readAllLines(file).stream().filter(line -> !line.startsWith("--"))
                    .collect(Collectors.joining("\n")));
            assertThat(sent).as(file + " is not a statement the service sends; it sent:\n" + String.join("\n", sent))
                    .contains(statement);
        }
    }

    /** Parameters as {@code ?} (psql's {@code :name} included), one space for any whitespace, lower case, no trailing semicolon. */
    static String normalise(String sql) {
        return sql.replaceAll("(?<!:):[a-z_]+", "?").replaceAll("\\s+", " ").replaceAll("\\s*([(),=<>])\\s*", "$1")
                .trim().replaceAll(";$", "").toLowerCase();
    }
}
