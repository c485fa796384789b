package ai.rememberizer.auth.housekeeping;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import ai.rememberizer.auth.importer.ImportCommand;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

/**
 * An imported account keeps its original {@code created_at}, years old: the purge of
 * unverified accounts counts its time from the import instead, so it gets the same days to
 * verify as a new sign-up, and no more.
 */
@QuarkusTest
class ImportedAccountsPurgeTest {

    private static final String HASH = "pbkdf2_sha256$10000$baocj6NXE07B2eeFr2GiHh$O8dW2s5PQ4AMbt33RNPJXLhCeh+tWzjFGcSOJ6pxqzg=";

    @Inject
    Housekeeping housekeeping;

    @Inject
    ImportCommand importCommand;

    @Inject
    EntityManager em;

    private final String prefix = "purge-" + UUID.randomUUID().toString().substring(0, 8) + "-";

    private long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return ((Number) query.getSingleResult()).longValue();
        });
    }

    private void sql(String sql, Object... params) {
        QuarkusTransaction.requiringNew().run(() -> {
            var query = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            query.executeUpdate();
        });
    }

    private String line(String local, boolean verified) {
        return "{\"email\": \"" + prefix + local + "@example.com\", \"name\": \"Old Timer\", \"email_verified\": " + verified
                + ", \"password_hash\": \"" + HASH + "\", \"created_at\": \"2016-03-04T05:06:07Z\"}";
    }

    private boolean exists(String local) {
        return count("SELECT count(*) FROM users WHERE email_key = ?1", prefix + local + "@example.com") == 1;
    }

    @Test
    void anImportedUnverifiedAccountGetsItsDaysFromTheImportNotFromItsCreation() throws Exception {
        Path dir = Files.createDirectories(Path.of("target/import-test"));
        Path file = dir.resolve(prefix + "old.jsonl");
        Files.write(file, List.of(line("fresh-import", false), line("stale-import", false), line("verified", true)));
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
        assertThat(importCommand.run(List.of(file.toString()), quiet, quiet)).isZero();
        // One imported eight days ago and never verified since: its time is up, as a sign-up's would be.
        sql("UPDATE users SET imported_at = ?1 WHERE email_key = ?2", Instant.now().minus(8, ChronoUnit.DAYS),
                prefix + "stale-import@example.com");

        housekeeping.purge();

        assertThat(exists("fresh-import")).as("imported now, created in 2016, unverified: kept").isTrue();
        assertThat(exists("verified")).isTrue();
        assertThat(exists("stale-import")).as("imported eight days ago, still unverified: deleted").isFalse();
    }
}
