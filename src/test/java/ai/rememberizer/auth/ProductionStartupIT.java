package ai.rememberizer.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.support.PackagedApp;
import ai.rememberizer.auth.support.Pem;

/**
 * The packaged application in production refuses settings that would silently weaken it, with a
 * message naming them, and its readiness answer names no host, user or error.
 */
class ProductionStartupIT {

    private static final String SCHEMA = "auth_it_startup";
    private static final Duration STOP = Duration.ofSeconds(90);

    private static Map<String, String> env() {
        Map<String, String> env = PackagedApp.freshEnvironment(SCHEMA);
        env.put("QUARKUS_MAILER_MOCK", "false");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        return env;
    }

    private static void expectRefusal(String name, Map<String, String> env, String message) {
        PackagedApp.Exit exit = PackagedApp.runUntilExit(name, env, STOP);
        assertThat(exit.code()).as(name + " exit code").isNotZero();
        assertThat(exit.output()).as(name).contains(message);
    }

    @Test
    void aWildcardCorsOriginStopsTheStart() {
        Map<String, String> env = env();
        env.put("QUARKUS_HTTP_CORS_ORIGINS", "*");
        expectRefusal("startup-cors", env, "QUARKUS_HTTP_CORS_ORIGINS");
    }

    @Test
    void noMailServerStopsTheStart() {
        Map<String, String> env = env();
        env.remove("QUARKUS_MAILER_HOST");
        expectRefusal("startup-mailer", env, "QUARKUS_MAILER_HOST");
    }

    @Test
    void noDataSecretStopsTheStart() {
        Map<String, String> env = env();
        env.remove("AUTH_DATA_SECRET");
        expectRefusal("startup-secret", env, "AUTH_DATA_SECRET");
    }

    @Test
    void aPublicKeyThatIsNotThePrivateKeysStopsTheStart() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/startup-keys"));
        KeyPair one = Pem.rsa();
        KeyPair two = Pem.rsa();
        Files.writeString(dir.resolve("private.pem"), Pem.encode("PRIVATE KEY", one.getPrivate().getEncoded()));
        Files.writeString(dir.resolve("other-public.pem"), Pem.encode("PUBLIC KEY", two.getPublic().getEncoded()));
        Map<String, String> env = env();
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", dir.resolve("private.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("other-public.pem").toAbsolutePath().toString());
        expectRefusal("startup-mismatch", env, "does not match");
    }

    @Test
    void anRsaKeyUnder2048BitsStopsTheStart() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(1024);
        Path dir = Pem.write(generator.generateKeyPair(), Path.of("target/startup-keys/weak"));
        Map<String, String> env = env();
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", dir.resolve("private.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", dir.resolve("public.pem").toAbsolutePath().toString());
        expectRefusal("startup-weak-key", env, "2048");
    }

    @Test
    void theMockMailerStopsTheStart() {
        Map<String, String> env = env();
        env.put("QUARKUS_MAILER_MOCK", "true");
        expectRefusal("startup-mock-mailer", env, "QUARKUS_MAILER_MOCK");
    }

    @Test
    void forwardingWithoutTrustedProxiesStopsTheStart() {
        Map<String, String> env = env();
        env.put("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING", "true");
        env.put("QUARKUS_HTTP_PROXY_ALLOW_X_FORWARDED", "true");
        expectRefusal("startup-forwarding", env, "QUARKUS_HTTP_PROXY_TRUSTED_PROXIES");
    }

    @Test
    void aCorsPatternThatAcceptsAForeignOriginStopsTheStart() {
        Map<String, String> env = env();
        env.put("QUARKUS_HTTP_CORS_ORIGINS", "/https://.+/");
        expectRefusal("startup-cors-pattern", env, "QUARKUS_HTTP_CORS_ORIGINS");
    }

    @Test
    void requestsFromALoopbackPeerWithForwardingOffAreWarnedOfOnceAndPlainCookiesAtStart() throws Exception {
        Map<String, String> env = env();
        try (PackagedApp app = PackagedApp.start("startup-local-peer", env)) {
            for (int i = 0; i < 3; i++) {
                given().baseUri(app.baseUrl()).contentType("application/json").body("{}").post("/api/v1/auth/signin/")
                        .then().statusCode(400);
            }
            String log = Files.readString(PackagedApp.log("startup-local-peer").toPath());
            assertThat(log.split("a loopback or link-local peer", -1)).as("one warning").hasSize(2);
            assertThat(log).contains("AUTH_COOKIE_SECURE=false").contains("AUTH_CAPTCHA_PROVIDER=disabled");
        }
    }

    @Test
    void metricsAreOnTheManagementInterfaceOnlyAndHealthStaysOnThePublicPort() {
        try (PackagedApp app = PackagedApp.start("startup-management", env())) {
            given().baseUri(app.baseUrl()).get("/q/metrics").then().statusCode(404);
            given().baseUri(app.baseUrl()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(app.baseUrl()).get("/q/health/live").then().statusCode(200);
            assertThat(given().baseUri(app.managementUrl()).get("/q/metrics").then().statusCode(200).extract().asString())
                    .contains("# TYPE http_server_active_connections gauge");
        }
    }

    @Test
    void readinessSaysDownWithoutNamingTheDatabaseOrTheError() {
        Map<String, String> env = PackagedApp.environment(SCHEMA);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/no_such_database_here");
        env.put("AUTH_MIGRATE_AT_START", "false");
        try (PackagedApp app = PackagedApp.startWithoutReadiness("startup-readiness", env)) {
            var answer = given().baseUri(app.baseUrl()).get("/q/health/ready");
            assertThat(answer.statusCode()).isEqualTo(503);
            assertThat(answer.asString()).contains("DOWN").doesNotContain("no_such_database_here").doesNotContain("postgres")
                    .doesNotContain("127.0.0.1").doesNotContain("Exception").doesNotContain("FATAL");
        }
    }
}
