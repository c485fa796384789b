package ai.rememberizer.auth.importer;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The arguments of {@code import-users}: {@code FILE [--on-conflict skip|update] [--report FILE]
 * [--batch-size N]}. Options may come before or after the file, as {@code --name value} or
 * {@code --name=value}.
 *
 * @param file the JSON Lines file to import
 * @param onConflict what an address that is already an account does
 * @param report where the refused lines and the summary are written ({@code FILE.report.jsonl} by default)
 * @param batchSize lines per statement and per transaction
 */
public record ImportOptions(Path file, OnConflict onConflict, Path report, int batchSize) {

    public static final int DEFAULT_BATCH_SIZE = 1000;
    public static final int MAX_BATCH_SIZE = 10_000;

    public static final String USAGE = """
            Usage: import-users FILE [--on-conflict skip|update] [--report FILE] [--batch-size N]

            Imports users from a JSON Lines file, one {"email", "name", "email_verified",
            "password_hash", "created_at"} object per line, into the service's database.

              --on-conflict skip    an address that is already an account is left as it is (default)
              --on-conflict update  its name and password hash are replaced, and it becomes verified
                                    if the line says so (never unverified); its id, address and
                                    creation date are kept
              --report FILE         where each refused line (number, reason) and the summary are
                                    written, as JSON Lines (default: FILE.report.jsonl)
              --batch-size N        lines per statement and per transaction (default 1000, at most 10000)

            Exit status: 0 when every line was imported, skipped or refused with a reason;
            2 for bad arguments; 3 when the file cannot be read or the report cannot be written;
            4 when the database cannot be reached or fails (rerun: what was imported is skipped);
            1 when the service cannot start (its settings).""";

    /** What to do with a line whose address is already an account. */
    public enum OnConflict {
        SKIP, UPDATE;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Arguments that do not make a command. */
    public static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    /** Whether the arguments (after {@code import-users}) ask for the usage text. */
    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    public static ImportOptions parse(List<String> args) throws UsageException {
        Path file = null;
        Path report = null;
        OnConflict onConflict = OnConflict.SKIP;
        int batchSize = DEFAULT_BATCH_SIZE;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || arg.equals("--")) {
                if (arg.equals("--")) {
                    if (i + 1 >= args.size()) {
                        throw new UsageException("a file is required after --");
                    }
                    arg = args.get(++i);
                }
                if (file != null) {
                    throw new UsageException("one file at a time: got " + file + " and " + arg);
                }
                if (arg.isBlank()) {
                    throw new UsageException("the file name is empty");
                }
                file = Path.of(arg);
                continue;
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (equals > 0) {
                name = arg.substring(0, equals);
            }
            if (!List.of("--on-conflict", "--report", "--batch-size").contains(name)) {
                throw new UsageException("unknown option " + name);
            }
            if (equals > 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new UsageException(name + " needs a value");
            }
            switch (name) {
                case "--on-conflict" -> onConflict = switch (value) {
                    case "skip" -> OnConflict.SKIP;
                    case "update" -> OnConflict.UPDATE;
                    default -> throw new UsageException("--on-conflict is skip or update, not '" + value + "'");
                };
                case "--report" -> {
                    if (value.isBlank()) {
                        throw new UsageException("--report needs a file name");
                    }
                    report = Path.of(value);
                }
                case "--batch-size" -> {
                    try {
                        batchSize = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        batchSize = -1;
                    }
                    if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
                        throw new UsageException("--batch-size is a number from 1 to " + MAX_BATCH_SIZE + ", not '" + value + "'");
                    }
                }
                default -> throw new UsageException("unknown option " + name);
            }
        }
        if (file == null) {
            throw new UsageException("the file to import is missing");
        }
        if (report == null) {
            report = Path.of(file + ".report.jsonl");
        }
        if (report.toAbsolutePath().normalize().equals(file.toAbsolutePath().normalize())) {
            throw new UsageException("the report would overwrite the file to import");
        }
        return new ImportOptions(file, onConflict, report, batchSize);
    }
}
