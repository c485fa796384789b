package ai.rememberizer.auth.cli;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import ai.rememberizer.auth.importer.ImportCommand;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * The entry point of the packaged application. With no arguments (or any but a command's
 * name) it is the HTTP service, started exactly as Quarkus's generated main starts it. With
 * {@code import-users ...} it runs the import in command mode: Quarkus starts (settings,
 * datasource, migrations) without its HTTP listener and scheduled jobs, {@link #run} imports,
 * and the process exits with the import's status.
 */
@QuarkusMain
public class Main implements QuarkusApplication {

    private final ImportCommand importCommand;

    Main(ImportCommand importCommand) {
        this.importCommand = importCommand;
    }

    public static void main(String... args) {
        if (!isImport(args)) {
            Quarkus.run(args);
            return;
        }
        OptionalInt refused = ImportCommand.precheck(commandArguments(args), System.out, System.err);
        if (refused.isPresent()) {
            System.exit(refused.getAsInt());
        }
        ImportCommand.configureProcess();
        Quarkus.run(Main.class, (status, failure) -> ImportCommand.exit(status, failure, System.err), args);
    }

    @Override
    public int run(String... args) {
        if (isImport(args)) {
            return importCommand.run(commandArguments(args), System.out, System.err);
        }
        Quarkus.waitForExit();
        return 0;
    }

    private static boolean isImport(String[] args) {
        return args.length > 0 && ImportCommand.NAME.equals(args[0]);
    }

    private static List<String> commandArguments(String[] args) {
        return Arrays.asList(args).subList(1, args.length);
    }
}
