package ai.rememberizer.auth.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged application ({@link PackagedApp#command}: the jar or the native executable) run
 * as a command ({@code java -jar quarkus-run.jar import-users ...}) in a process of its own, with the
 * settings of {@link PackagedApp#environment}: its exit status and what it printed (stdout and
 * stderr together, in {@code target/it-command-NAME.log}).
 */
public final class PackagedCommand {

    private PackagedCommand() {
    }

    public record Result(int exitCode, String output) {
    }

    /** Starts the command and returns at once (for a test that kills it). */
    public static Process start(String name, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(PackagedApp.command());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectErrorStream(true).redirectOutput(log(name));
        try {
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the command to its end. */
    public static Result run(String name, Map<String, String> env, Duration timeout, String... args) {
        Process process = start(name, env, args);
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("Command " + name + " did not end within " + timeout + "; see " + log(name));
            }
            return new Result(process.exitValue(), Files.readString(log(name).toPath()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static File log(String name) {
        return new File("target/it-command-" + name + ".log");
    }
}
