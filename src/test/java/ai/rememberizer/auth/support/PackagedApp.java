package ai.rememberizer.auth.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The packaged application started as a process of its own, in the production profile, against
 * the local PostgreSQL: for the {@code *IT} tests that need more than one instance, or a
 * signal. Which artefact runs is the one the build wrote into
 * {@code target/quarkus-artifact.properties}, as for {@code @QuarkusIntegrationTest}: the jar
 * ({@code target/quarkus-app/quarkus-run.jar}) by default, the native executable with
 * {@code -Dnative}.
 */
public final class PackagedApp implements AutoCloseable {

    private final Process process;
    private final String baseUrl;
    private final String managementUrl;
    private final String name;

    private PackagedApp(Process process, String baseUrl, String managementUrl, String name) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
        this.name = name;
    }

    /** The data secret of the test instances (made for tests, public). */
    public static final String DATA_SECRET = "dGVzdC1pbnN0YW5jZXMtZGF0YS1zZWNyZXQtMzItYnl0ZXMhIQ==";

    /** Production settings for a test run: its own schema, keys made now, no captcha, plain-http cookies. */
    public static Map<String, String> environment(String schema) {
        Path keys = Path.of("target/it-keys");
        if (!Files.exists(keys.resolve("public.pem"))) {
            Pem.write(Pem.rsa(), keys);
        }
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=" + schema);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        env.put("QUARKUS_FLYWAY_SCHEMAS", schema);
        env.put("SMALLRYE_JWT_SIGN_KEY_LOCATION", keys.resolve("private.pem").toAbsolutePath().toString());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.resolve("public.pem").toAbsolutePath().toString());
        env.put("AUTH_CAPTCHA_PROVIDER", "disabled");
        env.put("AUTH_COOKIE_SECURE", "false");
        env.put("AUTH_LIMITS_SIGNUPS_PER_ADDRESS", "1000");
        env.put("AUTH_LIMITS_CAPTCHA_CHECKS_PER_ADDRESS", "100000");
        env.put("AUTH_DATA_SECRET", DATA_SECRET);
        // Production refuses the mock mailer: mail goes to an SMTP server of the test run.
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", String.valueOf(sinkPort()));
        env.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        return env;
    }

    private static GreenMail sink;

    /** An SMTP server (GreenMail) that takes every mail of the instances no test reads mail from, for the whole run. */
    private static synchronized int sinkPort() {
        if (sink == null) {
            sink = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            sink.start();
        }
        return sink.getSmtp().getPort();
    }

    /** Same, wiping the schema at start (for the first instance of a test). */
    public static Map<String, String> freshEnvironment(String schema) {
        Map<String, String> env = environment(schema);
        env.put("QUARKUS_FLYWAY_CLEAN_DISABLED", "false");
        env.put("QUARKUS_FLYWAY_CLEAN_AT_START", "true");
        return env;
    }

    /** How a start that was meant to fail ended: the exit code, and what the process printed. */
    public record Exit(int code, String output) {
    }

    /** Starts the jar with settings it must refuse, and waits for it to stop. */
    public static Exit runUntilExit(String name, Map<String, String> env, Duration timeout) {
        PackagedApp app = launch(name, env);
        try {
            if (!app.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                app.process.destroyForcibly();
                throw new AssertionError("Instance " + name + " did not stop within " + timeout + "; see " + log(name));
            }
            return new Exit(app.process.exitValue(), Files.readString(log(name).toPath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static PackagedApp start(String name, Map<String, String> env) {
        PackagedApp app = launch(name, env);
        app.awaitReady(Duration.ofSeconds(90));
        return app;
    }

    /** Started, listening, but not necessarily ready (for a test of readiness itself). */
    public static PackagedApp startWithoutReadiness(String name, Map<String, String> env) {
        PackagedApp app = launch(name, env);
        try {
            await("instance " + name + " live").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> given().baseUri(app.baseUrl).get("/q/health/live").statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            app.process.destroyForcibly();
            throw new IllegalStateException("Instance " + name + " did not start; see " + log(name), e);
        }
        return app;
    }

    private static PackagedApp launch(String name, Map<String, String> env) {
        int port = freePort();
        int managementPort = freePort();
        ProcessBuilder builder = new ProcessBuilder(command());
        builder.environment().putAll(env);
        builder.environment().put("PORT", String.valueOf(port));
        // Each instance its own management interface (metrics), so that several run side by side.
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        builder.redirectErrorStream(true).redirectOutput(log(name));
        try {
            Process process = builder.start();
            // Never outlive the test JVM, whatever happens to the test.
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new PackagedApp(process, "http://localhost:" + port, "http://localhost:" + managementPort, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command that runs the packaged artefact: {@code java -jar ...} or the native executable. */
    public static List<String> command() {
        Properties artifact = new Properties();
        try (InputStream in = Files.newInputStream(Path.of("target/quarkus-artifact.properties"))) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no target/quarkus-artifact.properties: package the application first", e);
        }
        Path path = Path.of("target").resolve(artifact.getProperty("path"));
        return switch (artifact.getProperty("type")) {
            case "native" -> List.of(path.toAbsolutePath().toString());
            case "jar" -> List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", path.toString());
            default -> throw new IllegalStateException("cannot run a packaged artefact of type " + artifact.getProperty("type"));
        };
    }

    public static File log(String name) {
        return new File("target/it-instance-" + name + ".log");
    }

    private void awaitReady(Duration timeout) {
        try {
            await("instance " + name + " ready").atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .failFast("instance " + name + " exited; see " + log(name), () -> !process.isAlive())
                    .ignoreExceptions() // still starting: REST-assured throws ConnectException undeclared
                    .until(() -> given().baseUri(baseUrl).get("/q/health/ready").statusCode() == 200);
        } catch (RuntimeException | AssertionError e) {
            process.destroyForcibly();
            throw new IllegalStateException("Instance " + name + " did not become ready; see " + log(name), e);
        }
    }

    /** Quarkus's management interface of this instance (metrics), on a port of its own. */
    public String managementUrl() {
        return managementUrl;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Process process() {
        return process;
    }

    @Override
    public void close() {
        process.destroy();
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
