package ai.rememberizer.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Two instances of the packaged application on two ports against one database, as on a
 * serverless platform: limits, reuse detection and the outbox must hold across them.
 */
class TwoInstancesIT {

    private static final String SCHEMA = "auth_it";
    private static final String PASSWORD = "correct horse battery";
    private static final List<Process> instances = new ArrayList<>();
    private static GreenMail smtp;
    private static int smtpPort;
    private static String a;
    private static String b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        RestAssured.enableLoggingOfRequestAndResponseIfValidationFails();
        Path keys = Files.createDirectories(Path.of("target/it-keys"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Files.writeString(keys.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        Files.writeString(keys.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));

        smtpPort = freePort();
        startSmtp();

        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + SCHEMA);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_FLYWAY_SCHEMAS", SCHEMA);
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.resolve("private.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public.pem").toAbsolutePath().toString());
        env.put("AUTH_CAPTCHA_PROVIDER", "disabled");
        env.put("AUTH_COOKIE_SECURE", "false");
        env.put("AUTH_REFRESH_REUSE_GRACE", "PT2S");
        env.put("AUTH_OUTBOX_INTERVAL", "1s");
        env.put("AUTH_LIMITS_SIGNUPS_PER_ADDRESS", "1000");
        env.put("AUTH_OUTBOX_RETRY_BASE", "PT0.2S");
        env.put("AUTH_OUTBOX_RETRY_MAX", "PT1S");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        env.put("QUARKUS_MAILER_FROM", "no-reply@rememberizer.test");

        Map<String, String> first = new HashMap<>(env);
        first.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        first.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        a = start("a", first);
        b = start("b", env);
    }

    @AfterAll
    static void stopAll() {
        instances.forEach(Process::destroy);
        if (smtp != null) {
            smtp.stop();
        }
    }

    private static String start(String name, Map<String, String> env) throws Exception {
        int port = freePort();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", "target/quarkus-app/quarkus-run.jar");
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        builder.redirectErrorStream(true).redirectOutput(new File("target/it-instance-" + name + ".log"));
        instances.add(builder.start());
        String base = "http://localhost:" + port;
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            try {
                if (given().baseUri(base).get("/q/health/ready").statusCode() == 200) {
                    return base;
                }
            } catch (Exception notYet) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Instance " + name + " did not become ready; see target/it-instance-" + name + ".log");
    }

    private static synchronized void startSmtp() {
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static RequestSpecification on(String base) {
        return given().baseUri(base);
    }

    private static Response signUp(String base, String email) {
        return on(base).contentType(ContentType.JSON)
                .body(Map.of("email", email, "password", PASSWORD, "name", "Two", "captcha", "any"))
                .post("/api/v1/auth/signup/");
    }

    private static Response signIn(String base, String email, String password) {
        return on(base).contentType(ContentType.JSON)
                .body(Map.of("login", email, "password", password, "captcha", "any"))
                .post("/api/v1/auth/signin/");
    }

    private static String email() {
        return "two-" + UUID.randomUUID() + "@example.com";
    }

    @Test
    void failedSignInsSpreadOverBothInstancesHitOnePerAccountLimit() {
        String email = email();
        signUp(a, email).then().statusCode(201);
        for (int i = 0; i < 5; i++) {
            signIn(i % 2 == 0 ? a : b, email, "wrong " + i).then().statusCode(401);
        }
        signIn(a, email, PASSWORD).then().statusCode(429).body("code", equalTo("rate_limited"));
        signIn(b, email, PASSWORD).then().statusCode(429).body("code", equalTo("rate_limited"));
    }

    @Test
    void aTokenRotatedOnOneAndReplayedOnTheOtherAfterTheGraceRevokesTheSession() throws Exception {
        Response signUp = signUp(a, email());
        signUp.then().statusCode(201);
        String original = signUp.cookie("refresh_token");
        Response rotated = on(a).cookie("refresh_token", original).post("/api/v1/auth/custom-refresh/");
        rotated.then().statusCode(204);
        String current = rotated.cookie("refresh_token");

        Thread.sleep(2700);
        on(b).cookie("refresh_token", original).post("/api/v1/auth/custom-refresh/").then()
                .statusCode(401).body("code", equalTo("refresh_token_reused"));
        on(a).cookie("refresh_token", current).post("/api/v1/auth/custom-refresh/").then()
                .statusCode(401).body("code", equalTo("invalid_refresh_token"));
    }

    @Test
    void outboxMailIsSentOnceWhateverInstanceSendsIt() throws Exception {
        List<String> emails = new ArrayList<>();
        smtp.stop();
        try {
            for (int i = 0; i < 10; i++) {
                String email = email();
                emails.add(email);
                signUp(i % 2 == 0 ? a : b, email).then().statusCode(201);
            }
            Thread.sleep(1000);
        } finally {
            startSmtp();
        }
        // Both instances' senders now race for the same due rows.
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && !emails.stream().allMatch(e -> received(e) >= 1)) {
            Thread.sleep(200);
        }
        Thread.sleep(2000);
        for (String email : emails) {
            assertThat(received(email)).as(email).isEqualTo(1);
        }
    }

    private static synchronized long received(String email) {
        return java.util.Arrays.stream(smtp.getReceivedMessages()).filter(m -> {
            try {
                return m.getAllRecipients()[0].toString().equalsIgnoreCase(email);
            } catch (jakarta.mail.MessagingException e) {
                return false;
            }
        }).count();
    }
}
