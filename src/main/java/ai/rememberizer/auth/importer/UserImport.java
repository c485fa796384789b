package ai.rememberizer.auth.importer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.Validator;

import io.agroal.api.AgroalDataSource;

import ai.rememberizer.auth.audit.AuditLog;
import ai.rememberizer.auth.importer.ImportOptions.OnConflict;
import ai.rememberizer.auth.importer.LineParser.Accepted;
import ai.rememberizer.auth.importer.LineParser.Parsed;
import ai.rememberizer.auth.importer.LineParser.Refused;
import ai.rememberizer.auth.importer.UserWriter.DatabaseFailure;
import ai.rememberizer.auth.importer.UserWriter.Written;

/**
 * Imports users from a JSON Lines file (a job, like housekeeping: it opens its own
 * transactions, one per batch). The file is read line by line ({@link LineReader}) and each line
 * parsed and checked ({@link LineParser}) on the calling thread while the previous batch is
 * written ({@link UserWriter}) on a second one; at most two batches are in memory at once, so
 * the heap does not grow with the file. Every line ends imported, updated, unchanged,
 * skipped, or refused with its reason in the report ({@link ImportReport}), which also names
 * each updated account that was signed up here and claimed; a progress line goes
 * to {@code progress} every second; one {@code users_imported} audit event gives the counts.
 *
 * <p>Each batch commits on its own, and an address is unique, so a run that dies halfway is
 * finished by running it again: what it imported is skipped (or, with {@code update}, written
 * again with the same values).
 */
@ApplicationScoped
public class UserImport {

    /** Why an import stopped before the end of its file. */
    public enum Failure {
        /** The file could not be read, or the report written. */
        FILE,
        /** The database could not be reached, or failed. */
        DATABASE
    }

    /** The import could not start. */
    public static final class ImportException extends Exception {
        private final Failure failure;

        ImportException(Failure failure, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    /**
     * What a run did. {@code failure} and {@code error} are set when it stopped before the end of the file.
     * {@code claimed}: the updated accounts that had been signed up here, never imported, whose
     * sessions ({@code sessionsRevoked} in all), codes and unsent mail the update ended.
     */
    public record Summary(Path file, Path report, OnConflict onConflict, long lines, long imported, long updated,
            long unchanged, long skipped, long refused, long claimed, long sessionsRevoked, Duration duration, Failure failure,
            String error) {

        public boolean completed() {
            return failure == null;
        }

        public double linesPerSecond() {
            double seconds = duration.toNanos() / 1e9;
            return seconds > 0 ? lines / seconds : 0;
        }
    }

    /** A batch can hold this many lines in all (refused ones included), however few it can write. */
    static final int MAX_LINES_PER_BATCH_FACTOR = 4;
    /** Batches in memory at once: one being written, one being filled. */
    private static final int BATCHES_IN_FLIGHT = 2;

    private final AgroalDataSource dataSource;
    private final Validator validator;
    private final AuditLog audit;

    UserImport(AgroalDataSource dataSource, Validator validator, AuditLog audit) {
        this.dataSource = dataSource;
        this.validator = validator;
        this.audit = audit;
    }

    /** A stretch of the file in line order: users to write, and lines already refused. */
    private static final class Batch {
        final List<Object> entries = new ArrayList<>();
        final List<ImportedUser> users = new ArrayList<>();
        final Map<String, Long> lineOfKey = new HashMap<>();
    }

    /** Counts shared by the reading thread, the writing thread and the progress line. */
    private static final class Counts {
        final AtomicLong read = new AtomicLong();
        final AtomicLong imported = new AtomicLong();
        final AtomicLong updated = new AtomicLong();
        final AtomicLong unchanged = new AtomicLong();
        final AtomicLong skipped = new AtomicLong();
        final AtomicLong refused = new AtomicLong();
        final AtomicLong claimed = new AtomicLong();
        final AtomicLong sessionsRevoked = new AtomicLong();

        long done() {
            return imported.get() + updated.get() + unchanged.get() + skipped.get() + refused.get();
        }
    }

    public Summary run(ImportOptions options, PrintStream progress) throws ImportException {
        Path file = options.file();
        if (Files.isDirectory(file)) {
            throw new ImportException(Failure.FILE, "cannot read " + file + ": it is a directory", null);
        }
        InputStream in;
        try {
            in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (IOException e) {
            throw new ImportException(Failure.FILE, "cannot read " + file + ": " + describe(e), e);
        }
        long size = sizeOf(file);
        try (LineReader reader = new LineReader(in)) {
            ImportReport report;
            try {
                report = new ImportReport(options.report());
            } catch (IOException e) {
                throw new ImportException(Failure.FILE, "cannot write the report " + options.report() + ": " + describe(e), e);
            }
            try (report) {
                checkDatabase();
                return run(options, reader, size, report, progress);
            }
        } catch (IOException e) {
            throw new ImportException(Failure.FILE, "cannot close " + file + " or the report: " + describe(e), e);
        }
    }

    private void checkDatabase() throws ImportException {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(10)) {
                throw new SQLException("the connection is not valid");
            }
        } catch (SQLException e) {
            throw new ImportException(Failure.DATABASE, "the database cannot be reached: " + UserWriter.describe(e), e);
        }
    }

    private Summary run(ImportOptions options, LineReader reader, long size, ImportReport report, PrintStream progress) {
        Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long start = System.nanoTime();
        LineParser parser = new LineParser(validator, started);
        UserWriter writer = new UserWriter(dataSource, options.onConflict(), started);
        Counts counts = new Counts();
        AtomicReference<Failure> failure = new AtomicReference<>();
        AtomicReference<String> error = new AtomicReference<>();
        Semaphore inFlight = new Semaphore(BATCHES_IN_FLIGHT);
        ExecutorService writing = Executors.newSingleThreadExecutor(r -> thread(r, "import-users-writer"));
        ScheduledExecutorService ticking = Executors.newSingleThreadScheduledExecutor(r -> thread(r, "import-users-progress"));
        AtomicLong lastDone = new AtomicLong();
        AtomicLong lastTick = new AtomicLong(start);
        ticking.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long done = counts.done();
            double rate = (done - lastDone.getAndSet(done)) / ((now - lastTick.getAndSet(now)) / 1e9);
            progress.println(progressLine(counts, reader.bytesRead(), size, rate));
        }, 1, 1, TimeUnit.SECONDS);
        int maxLines = options.batchSize() * MAX_LINES_PER_BATCH_FACTOR;
        try {
            Batch batch = new Batch();
            LineReader.Line line;
            while (failure.get() == null && (line = next(reader, failure, error)) != null) {
                counts.read.incrementAndGet();
                add(batch, parse(parser, line));
                if (batch.users.size() >= options.batchSize() || batch.entries.size() >= maxLines) {
                    dispatch(batch, writing, inFlight, writer, report, counts, failure, error, audit);
                    batch = new Batch();
                }
            }
            if (failure.get() == null && !batch.entries.isEmpty()) {
                dispatch(batch, writing, inFlight, writer, report, counts, failure, error, audit);
            }
            inFlight.acquireUninterruptibly(BATCHES_IN_FLIGHT); // every batch written
            inFlight.release(BATCHES_IN_FLIGHT);
        } finally {
            writing.shutdown();
            ticking.shutdownNow();
            try {
                writing.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Summary summary = new Summary(options.file(), options.report(), options.onConflict(), counts.read.get(),
                counts.imported.get(), counts.updated.get(), counts.unchanged.get(), counts.skipped.get(), counts.refused.get(),
                counts.claimed.get(), counts.sessionsRevoked.get(), took, failure.get(), error.get());
        finish(summary, started, report);
        return summary;
    }

    private static LineReader.Line next(LineReader reader, AtomicReference<Failure> failure, AtomicReference<String> error) {
        try {
            return reader.next();
        } catch (IOException e) {
            if (failure.compareAndSet(null, Failure.FILE)) {
                error.set("reading the file failed: " + describe(e));
            }
            return null;
        }
    }

    private static Parsed parse(LineParser parser, LineReader.Line line) {
        if (line.tooLong()) {
            return new Refused(line.number(), null, "line longer than " + LineReader.MAX_LINE_BYTES + " bytes");
        }
        if (line.notUtf8()) {
            return new Refused(line.number(), null, "not valid UTF-8");
        }
        return parser.parse(line.number(), line.text());
    }

    /** Adds a line to the batch; a later line with an address the batch already holds is refused here. */
    private static void add(Batch batch, Parsed parsed) {
        if (parsed instanceof Accepted accepted) {
            ImportedUser user = accepted.user();
            Long first = batch.lineOfKey.putIfAbsent(user.emailKey(), user.line());
            if (first != null) {
                batch.entries.add(new Refused(user.line(), user.email(), "duplicate address in the file: line " + first + " has it"));
            } else {
                batch.entries.add(user);
                batch.users.add(user);
            }
        } else {
            batch.entries.add(parsed);
        }
    }

    private static void dispatch(Batch batch, ExecutorService writing, Semaphore inFlight, UserWriter writer, ImportReport report,
            Counts counts, AtomicReference<Failure> failure, AtomicReference<String> error, AuditLog audit) {
        inFlight.acquireUninterruptibly();
        writing.execute(() -> {
            try {
                if (failure.get() == null) {
                    write(batch, writer, report, counts, audit);
                }
            } catch (DatabaseFailure e) {
                if (failure.compareAndSet(null, Failure.DATABASE)) {
                    error.set("the database failed at line " + firstLine(batch) + ": " + UserWriter.describe(e.sqlException()));
                }
            } catch (Throwable e) { // anything else stops the import too, and says so
                boolean io = e instanceof UncheckedIOException;
                if (failure.compareAndSet(null, io ? Failure.FILE : Failure.DATABASE)) {
                    error.set((io ? "writing the report failed" : "the import failed") + " at line " + firstLine(batch) + ": "
                            + describe(e));
                }
            } finally {
                inFlight.release();
            }
        });
    }

    private static long firstLine(Batch batch) {
        Object first = batch.entries.get(0);
        return first instanceof ImportedUser user ? user.line() : ((Refused) first).line();
    }

    /**
     * Writes the batch's users, then reports its lines in order; each claimed account is also an
     * {@code account_claimed} audit event (its id and the sessions revoked), once the batch committed.
     */
    private static void write(Batch batch, UserWriter writer, ImportReport report, Counts counts, AuditLog audit) {
        Written[] outcomes = batch.users.isEmpty() ? new Written[0] : writer.write(batch.users);
        int next = 0;
        for (Object entry : batch.entries) {
            if (entry instanceof Refused refused) {
                report.refused(refused.line(), refused.email(), refused.reason());
                counts.refused.incrementAndGet();
                continue;
            }
            ImportedUser user = (ImportedUser) entry;
            Written written = outcomes[next++];
            switch (written.outcome()) {
                case IMPORTED -> counts.imported.incrementAndGet();
                case UPDATED -> {
                    counts.updated.incrementAndGet();
                    if (written.claimed() != null) {
                        report.claimed(user.line(), user.email(), written.claimed());
                        counts.claimed.incrementAndGet();
                        counts.sessionsRevoked.addAndGet(written.claimed().sessionsRevoked());
                        audit.success(AuditLog.event("account_claimed").user(written.claimed().userId())
                                .count("sessions_revoked", written.claimed().sessionsRevoked())
                                .count("codes_deleted", written.claimed().codesDeleted())
                                .count("mails_deleted", written.claimed().mailsDeleted())
                                .count("second_factors_deleted", written.claimed().secondFactorsDeleted()));
                    }
                }
                case UNCHANGED -> counts.unchanged.incrementAndGet();
                case SKIPPED -> counts.skipped.incrementAndGet();
                case DUPLICATE -> {
                    report.refused(user.line(), user.email(), "duplicate address in the file: an earlier line has it");
                    counts.refused.incrementAndGet();
                }
                case REFUSED -> {
                    report.refused(user.line(), user.email(), written.reason());
                    counts.refused.incrementAndGet();
                }
            }
        }
        report.flush();
    }

    private void finish(Summary summary, Instant started, ImportReport report) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", summary.file().toString());
        fields.put("on_conflict", summary.onConflict().label());
        fields.put("completed", summary.completed());
        fields.put("lines", summary.lines());
        fields.put("imported", summary.imported());
        fields.put("updated", summary.updated());
        fields.put("unchanged", summary.unchanged());
        fields.put("skipped", summary.skipped());
        fields.put("refused", summary.refused());
        fields.put("claimed", summary.claimed());
        fields.put("sessions_revoked", summary.sessionsRevoked());
        fields.put("started_at", started.toString());
        fields.put("seconds", Math.round(summary.duration().toMillis() / 100.0) / 10.0);
        if (!summary.completed()) {
            fields.put("error", summary.error());
            fields.put("resume", "run the same command again: what was imported is skipped");
        }
        try {
            report.summary(fields);
        } catch (UncheckedIOException e) {
            // The summary also goes to the console and the audit log.
        }
        AuditLog.Event event = AuditLog.event("users_imported").count("lines", summary.lines())
                .count("imported", summary.imported()).count("updated", summary.updated())
                .count("unchanged", summary.unchanged()).count("skipped", summary.skipped())
                .count("refused", summary.refused()).count("claimed", summary.claimed())
                .count("sessions_revoked", summary.sessionsRevoked());
        if (summary.completed()) {
            audit.success(event);
        } else {
            audit.failure(event, summary.failure() == Failure.FILE ? "file_error" : "database_error");
        }
    }

    static String progressLine(Counts counts, long bytes, long size, double rate) {
        String share = size > 0 ? String.format(Locale.ROOT, " (%d%%)", Math.min(100, bytes * 100 / size)) : "";
        return String.format(Locale.ROOT,
                "import-users: %,d lines read%s, %,d imported, %,d updated, %,d unchanged, %,d skipped, %,d refused; %,.0f lines/s",
                counts.read.get(), share, counts.imported.get(), counts.updated.get(), counts.unchanged.get(), counts.skipped.get(),
                counts.refused.get(), rate);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static Thread thread(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
