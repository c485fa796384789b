package ai.rememberizer.auth.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.importer.ImportOptions.OnConflict;
import ai.rememberizer.auth.importer.ImportOptions.UsageException;

class ImportOptionsTest {

    @Test
    void aFileAloneSkipsConflictsAndReportsNextToIt() throws Exception {
        ImportOptions options = ImportOptions.parse(List.of("/data/users.jsonl"));
        assertThat(options.file()).isEqualTo(Path.of("/data/users.jsonl"));
        assertThat(options.onConflict()).isEqualTo(OnConflict.SKIP);
        assertThat(options.report()).isEqualTo(Path.of("/data/users.jsonl.report.jsonl"));
        assertThat(options.batchSize()).isEqualTo(ImportOptions.DEFAULT_BATCH_SIZE);
    }

    @Test
    void optionsComeBeforeOrAfterTheFileWithOrWithoutEquals() throws Exception {
        ImportOptions options = ImportOptions.parse(List.of("--on-conflict=update", "users.jsonl", "--report", "out.jsonl",
                "--batch-size", "250"));
        assertThat(options.file()).isEqualTo(Path.of("users.jsonl"));
        assertThat(options.onConflict()).isEqualTo(OnConflict.UPDATE);
        assertThat(options.report()).isEqualTo(Path.of("out.jsonl"));
        assertThat(options.batchSize()).isEqualTo(250);
        assertThat(ImportOptions.parse(List.of("--", "--odd-name.jsonl")).file()).isEqualTo(Path.of("--odd-name.jsonl"));
    }

    @Test
    void badArgumentsAreRefusedWithAReason() {
        assertRefused(List.of(), "missing");
        assertRefused(List.of("a.jsonl", "b.jsonl"), "one file at a time");
        assertRefused(List.of("a.jsonl", "--on-conflict", "replace"), "skip or update");
        assertRefused(List.of("a.jsonl", "--on-conflict"), "needs a value");
        assertRefused(List.of("a.jsonl", "--batch-size", "0"), "--batch-size");
        assertRefused(List.of("a.jsonl", "--batch-size", "10001"), "--batch-size");
        assertRefused(List.of("a.jsonl", "--batch-size", "ten"), "--batch-size");
        assertRefused(List.of("a.jsonl", "--force"), "unknown option --force");
        assertRefused(List.of("a.jsonl", "--report", "a.jsonl"), "overwrite");
        assertRefused(List.of("a.jsonl", "--report", "./a.jsonl"), "overwrite");
        assertThat(ImportOptions.wantsHelp(List.of("--help"))).isTrue();
    }

    private static void assertRefused(List<String> args, String message) {
        assertThatThrownBy(() -> ImportOptions.parse(args)).as(args.toString()).isInstanceOf(UsageException.class)
                .hasMessageContaining(message);
    }
}
