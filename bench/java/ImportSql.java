import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.postgresql.PGConnection;

/**
 * The import's two ways of writing a batch, side by side on the same rows (a benchmark, not a
 * test): (a) one INSERT ... SELECT FROM unnest(seven text arrays) ON CONFLICT DO NOTHING, what
 * UserWriter sends; (b) COPY into a temporary table, then INSERT ... SELECT FROM it ON CONFLICT
 * DO NOTHING. Each round writes ROWS new users in batches of BATCH into a fresh copy of the
 * users table (schema import_sqlbench), each batch its own transaction; the variants alternate.
 *
 * <pre>
 *   java -cp POSTGRESQL.jar bench/java/ImportSql.java [ROWS] [BATCH] [ROUNDS]
 * </pre>
 */
public class ImportSql {

    static final String HASH = "pbkdf2_sha256$10000$moP8Qj1zOBlVGxMVz4PYoI$yp3DdcWVXGU8jrScTk9RP/x01tRIk5rd+SN4vNBTKcM=";

    static final String UNNEST = """
            INSERT INTO users (id, email, email_key, name, password_hash, email_verified, created_at, imported_at)
            SELECT t.id::uuid, t.email, t.email_key, t.name, t.password_hash, t.email_verified::boolean,
                   t.created_at::timestamptz, ?::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
              AS t(id, email, email_key, name, password_hash, email_verified, created_at)
            ON CONFLICT (email_key) DO NOTHING
            RETURNING email_key""";

    static final String FROM_COPY = """
            INSERT INTO users (id, email, email_key, name, password_hash, email_verified, created_at, imported_at)
            SELECT t.id, t.email, t.email_key, t.name, t.password_hash, t.email_verified, t.created_at, ?::timestamptz
            FROM import_batch t
            ON CONFLICT (email_key) DO NOTHING
            RETURNING email_key""";

    public static void main(String[] args) throws Exception {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String url = "jdbc:postgresql://127.0.0.1:5432/postgres?currentSchema=import_sqlbench";
        List<Long> unnest = new ArrayList<>();
        List<Long> copy = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, "postgres", "postgres")) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS import_sqlbench");
            }
            for (int round = 0; round < rounds; round++) {
                for (String variant : new String[] { "unnest", "copy" }) {
                    reset(c);
                    long start = System.nanoTime();
                    c.setAutoCommit(false);
                    for (int from = 0; from < rows; from += batch) {
                        String[][] columns = columns(round, from, Math.min(batch, rows - from));
                        int written = variant.equals("unnest") ? unnest(c, columns) : copy(c, columns);
                        if (written != columns[0].length) {
                            throw new IllegalStateException(variant + " wrote " + written);
                        }
                        c.commit();
                    }
                    c.setAutoCommit(true);
                    long ms = (System.nanoTime() - start) / 1_000_000;
                    (variant.equals("unnest") ? unnest : copy).add(ms);
                    System.out.printf("round %d %-6s %,d rows in %,d ms: %,.0f rows/s%n", round + 1, variant, rows, ms,
                            rows * 1000.0 / ms);
                }
            }
        }
        System.out.printf("median: unnest %,d ms, copy %,d ms%n", median(unnest), median(copy));
    }

    static void reset(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS users");
            s.execute("""
                    CREATE TABLE users (
                      id uuid PRIMARY KEY, email varchar(254) NOT NULL, email_key text NOT NULL, name varchar(150) NOT NULL,
                      password_hash varchar(256) NOT NULL, email_verified boolean NOT NULL DEFAULT false,
                      created_at timestamptz NOT NULL, imported_at timestamptz,
                      CONSTRAINT users_email_key_unique UNIQUE (email_key))""");
            s.execute("CREATE INDEX ON users ((coalesce(imported_at, created_at))) WHERE NOT email_verified");
            s.execute("""
                    CREATE TEMP TABLE IF NOT EXISTS import_batch (id uuid, email text, email_key text, name text,
                      password_hash text, email_verified boolean, created_at timestamptz) ON COMMIT DELETE ROWS""");
            s.execute("CHECKPOINT");
        }
    }

    static String[][] columns(int round, int from, int n) {
        String[][] columns = new String[7][n];
        Instant base = Instant.parse("2015-01-01T00:00:00Z");
        for (int i = 0; i < n; i++) {
            int k = from + i;
            String email = "bench-" + round + "-" + k + "@example.com";
            columns[0][i] = UUID.randomUUID().toString();
            columns[1][i] = email;
            columns[2][i] = email;
            columns[3][i] = "Grace Hopper " + k;
            columns[4][i] = HASH;
            columns[5][i] = k % 3 == 0 ? "f" : "t";
            columns[6][i] = base.plusSeconds(97L * k).toString();
        }
        return columns;
    }

    static OffsetDateTime marker() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    static int unnest(Connection c, String[][] columns) throws Exception {
        try (PreparedStatement p = c.prepareStatement(UNNEST)) {
            p.setObject(1, marker());
            for (int i = 0; i < 7; i++) {
                p.setArray(i + 2, c.createArrayOf("text", columns[i]));
            }
            return count(p);
        }
    }

    static int copy(Connection c, String[][] columns) throws Exception {
        StringBuilder data = new StringBuilder(columns[0].length * 200);
        for (int r = 0; r < columns[0].length; r++) {
            for (int i = 0; i < 7; i++) {
                data.append(i == 0 ? "" : "\t").append(columns[i][r]); // no tab, newline or backslash in these values
            }
            data.append('\n');
        }
        c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY import_batch FROM STDIN", new StringReader(data.toString()));
        try (PreparedStatement p = c.prepareStatement(FROM_COPY)) {
            p.setObject(1, marker());
            return count(p);
        }
    }

    static int count(PreparedStatement p) throws Exception {
        int n = 0;
        try (ResultSet rs = p.executeQuery()) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }

    static long median(List<Long> values) {
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }
}
