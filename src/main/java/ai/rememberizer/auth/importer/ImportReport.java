package ai.rememberizer.auth.importer;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The report file, JSON Lines, written as the import goes (a crash leaves every refusal so
 * far, and no summary): one {@code {"line", "outcome": "refused", "reason", "email"}} per
 * refused line, in the file's order ({@code email} as the line had it, when it had one); one
 * {@code {"line", "outcome": "updated", "email", "claimed", "sessions_revoked", "codes_deleted",
 * "mails_deleted", "second_factors_deleted"}} per account that was signed up here, never imported, and that an update
 * took over; then one {@code {"outcome": "summary", ...}} with the counts. Never a hash.
 */
final class ImportReport implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String CLAIMED = "the account was signed up here, never imported, and the file gives its address to someone else:"
            + " its sessions (and their refresh tokens), codes and unsent mail were ended";

    private final BufferedWriter out;

    ImportReport(Path path) throws IOException {
        this.out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
    }

    void refused(long line, String email, String reason) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("line", line);
        entry.put("outcome", "refused");
        entry.put("reason", reason);
        if (email != null) {
            entry.put("email", email);
        }
        write(entry);
    }

    /** An updated account that had been signed up here and never imported: what the update ended of it. */
    void claimed(long line, String email, UserWriter.Claimed claimed) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("line", line);
        entry.put("outcome", "updated");
        entry.put("email", email);
        entry.put("claimed", CLAIMED);
        entry.put("sessions_revoked", claimed.sessionsRevoked());
        entry.put("codes_deleted", claimed.codesDeleted());
        entry.put("mails_deleted", claimed.mailsDeleted());
        entry.put("second_factors_deleted", claimed.secondFactorsDeleted());
        write(entry);
    }

    void summary(Map<String, Object> fields) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("outcome", "summary");
        entry.putAll(fields);
        write(entry);
        flush();
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(Map<String, Object> entry) {
        try {
            out.write(JSON.writeValueAsString(entry));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
