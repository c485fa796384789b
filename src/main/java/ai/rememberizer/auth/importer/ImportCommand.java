package ai.rememberizer.auth.importer;

import java.io.PrintStream;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.importer.ImportOptions.UsageException;
import ai.rememberizer.auth.importer.UserImport.ImportException;
import ai.rememberizer.auth.importer.UserImport.Summary;

/**
 * {@code import-users}: the command line around {@link UserImport}: arguments, what the
 * operator reads, and the exit status ({@link ImportOptions#USAGE} lists them).
 */
@ApplicationScoped
public class ImportCommand {

    public static final String NAME = "import-users";

    public static final int COMPLETED = 0;
    public static final int COULD_NOT_START = 1;
    public static final int BAD_ARGUMENTS = 2;
    public static final int FILE_PROBLEM = 3;
    public static final int DATABASE_PROBLEM = 4;

    private static final String PREFIX = NAME + ": ";

    private final UserImport userImport;

    ImportCommand(UserImport userImport) {
        this.userImport = userImport;
    }

    /**
     * The settings of a process that runs the import and nothing else, set before Quarkus
     * starts (both are read at run time): no HTTP listener (the import serves nothing, and must
     * not take the service's port), and no scheduled jobs (the outbox sender and housekeeping
     * run on the service's instances, not in the middle of an import).
     */
    public static void configureProcess() {
        System.setProperty("quarkus.http.host-enabled", "false");
        // Nor the management interface: an import beside a running instance must not fight it for its port.
        System.setProperty("quarkus.management.host-enabled", "false");
        System.setProperty("quarkus.scheduler.enabled", "false");
    }

    /**
     * What can be checked before Quarkus starts (no database needed): the arguments, that the
     * file can be read, and that the report can be written. Empty when the command can go on;
     * otherwise the exit status, with the reason printed ({@code --help}: the usage, status 0).
     */
    public static OptionalInt precheck(List<String> args, PrintStream out, PrintStream err) {
        if (ImportOptions.wantsHelp(args)) {
            out.println(ImportOptions.USAGE);
            return OptionalInt.of(COMPLETED);
        }
        ImportOptions options;
        try {
            options = ImportOptions.parse(args);
        } catch (UsageException e) {
            err.println(PREFIX + e.getMessage());
            err.println(ImportOptions.USAGE);
            return OptionalInt.of(BAD_ARGUMENTS);
        }
        Path file = options.file();
        if (!Files.exists(file)) {
            err.println(PREFIX + "cannot read " + file + ": no such file");
            return OptionalInt.of(FILE_PROBLEM);
        }
        if (Files.isDirectory(file) || !Files.isReadable(file)) {
            err.println(PREFIX + "cannot read " + file + (Files.isDirectory(file) ? ": it is a directory" : ": permission denied"));
            return OptionalInt.of(FILE_PROBLEM);
        }
        if (isSameFile(options.report(), file)) {
            err.println(PREFIX + "the report " + options.report() + " is the file to import (choose another with --report)");
            return OptionalInt.of(BAD_ARGUMENTS);
        }
        Path report = options.report().toAbsolutePath();
        Path directory = report.getParent();
        if (directory == null || !Files.isDirectory(directory) || !Files.isWritable(directory)
                || (Files.exists(report) && !Files.isWritable(report))) {
            err.println(PREFIX + "cannot write the report " + options.report() + " (choose another with --report)");
            return OptionalInt.of(FILE_PROBLEM);
        }
        return OptionalInt.empty();
    }

    /** Whether both names lead to one file (a link, say), which would overwrite the input. */
    private static boolean isSameFile(Path report, Path file) {
        try {
            return Files.exists(report) && Files.isSameFile(report, file);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Runs the command (arguments after {@code import-users}); returns the exit status. */
    public int run(List<String> args, PrintStream out, PrintStream err) {
        OptionalInt refused = precheck(args, out, err);
        if (refused.isPresent()) {
            return refused.getAsInt();
        }
        ImportOptions options;
        try {
            options = ImportOptions.parse(args);
        } catch (UsageException e) {
            return BAD_ARGUMENTS; // precheck said it
        }
        err.println(PREFIX + "importing " + options.file() + " (on conflict: " + options.onConflict().label() + ", batches of "
                + options.batchSize() + "); refused lines go to " + options.report());
        Summary summary;
        try {
            summary = userImport.run(options, err);
        } catch (ImportException e) {
            err.println(PREFIX + e.getMessage());
            return e.failure() == UserImport.Failure.FILE ? FILE_PROBLEM : DATABASE_PROBLEM;
        }
        String counts = String.format(Locale.ROOT, "%,d lines: %,d imported, %,d updated, %,d unchanged, %,d skipped, %,d refused",
                summary.lines(), summary.imported(), summary.updated(), summary.unchanged(), summary.skipped(), summary.refused());
        String time = String.format(Locale.ROOT, "%.1f s, %,.0f lines/s", summary.duration().toMillis() / 1000.0,
                summary.linesPerSecond());
        if (summary.claimed() > 0) {
            counts += String.format(Locale.ROOT, " (%,d of the updated accounts were signed up here, never imported: %,d live"
                    + " sessions revoked, their codes and unsent mail deleted; the report names them)", summary.claimed(),
                    summary.sessionsRevoked());
        }
        if (summary.completed()) {
            out.println(PREFIX + "done in " + time + ": " + counts + ". Report: " + summary.report());
            return COMPLETED;
        }
        err.println(PREFIX + "stopped after " + time + ": " + summary.error());
        err.println(PREFIX + "so far " + counts + ". Run the same command again to finish: what was imported is skipped. Report: "
                + summary.report());
        return summary.failure() == UserImport.Failure.FILE ? FILE_PROBLEM : DATABASE_PROBLEM;
    }

    /**
     * The exit of an import process: Quarkus's exit status, or, when Quarkus could not start,
     * a clear line and the status that says why (the database, or anything else).
     */
    public static void exit(int status, Throwable failure, PrintStream err) {
        if (failure == null) {
            System.exit(status);
            return;
        }
        boolean database = false;
        Set<String> messages = new LinkedHashSet<>();
        for (Throwable cause = failure; cause != null && messages.size() < 6; cause = cause.getCause()) {
            database |= cause instanceof SQLException || cause instanceof ConnectException
                    || cause.getClass().getName().startsWith("org.flywaydb.");
            if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
                messages.add(cause.getMessage().strip());
            }
        }
        err.println(PREFIX + (database ? "the database cannot be reached, or its migrations failed:"
                : "the service could not start (see its settings):"));
        messages.forEach(m -> err.println("  " + m.replace("\n", "\n  ")));
        System.exit(database ? DATABASE_PROBLEM : COULD_NOT_START);
    }
}
