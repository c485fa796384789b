package ai.rememberizer.auth.importer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.postgresql.util.PSQLException;

import ai.rememberizer.auth.importer.ImportOptions.OnConflict;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Writes a batch of users with one statement, in a transaction of its own: the batch's
 * columns go as seven arrays, unnested into one multi-row {@code INSERT ... ON CONFLICT
 * (email_key)}, so a batch costs one round trip whatever its size and the statement is
 * prepared once.
 *
 * <p>Every row the run writes gets the run's {@code imported_at} (one value per run). That is
 * how a conflict is told apart: a conflicting row marked by this run was written by an earlier
 * line of the file (a duplicate address, refused), any other was already there (skipped, or
 * updated). A batch never holds one address twice ({@link UserImport} refuses the later line),
 * which {@code ON CONFLICT DO UPDATE} requires.
 *
 * <p>With {@code update}, an account that was signed up here and never imported
 * ({@code imported_at} NULL: every row an import writes has it set) is <em>claimed</em>: the
 * file says its address belongs to someone else, so whoever signed it up must not keep a way
 * in. In the same transaction, after the upsert has locked its row, one more statement per
 * batch revokes its sessions (so their refresh tokens stop working), deletes its codes and the
 * unsent mail to its address and to an address it was moving to. An account an import wrote
 * before keeps its sessions.
 */
final class UserWriter {

    /** What became of one line. */
    enum Outcome {
        /** A new account. */
        IMPORTED,
        /** An existing account whose name, hash or verification changed ({@code --on-conflict update}). */
        UPDATED,
        /** An existing account that the line would not change ({@code --on-conflict update}). */
        UNCHANGED,
        /** An existing account, left alone ({@code --on-conflict skip}). */
        SKIPPED,
        /** An earlier line of the file has the address: refused. */
        DUPLICATE,
        /** The database refused the row ({@link Written#reason}). */
        REFUSED
    }

    /** What one line became; {@code claimed} is set for an account signed up here that an update took over. */
    record Written(Outcome outcome, String reason, Claimed claimed) {
        static final Written IMPORTED = new Written(Outcome.IMPORTED, null, null);
        static final Written UPDATED = new Written(Outcome.UPDATED, null, null);
        static final Written UNCHANGED = new Written(Outcome.UNCHANGED, null, null);
        static final Written SKIPPED = new Written(Outcome.SKIPPED, null, null);
        static final Written DUPLICATE = new Written(Outcome.DUPLICATE, null, null);

        static Written refused(String reason) {
            return new Written(Outcome.REFUSED, reason, null);
        }
    }

    /**
     * What an update ended of an account that was signed up here and never imported: its live
     * sessions revoked (their refresh tokens with them), its codes and its unsent mail deleted.
     */
    record Claimed(UUID userId, long sessionsRevoked, long codesDeleted, long mailsDeleted, long secondFactorsDeleted) {
    }

    /** The database failed in a way no line explains (connection, server): the import stops. */
    static final class DatabaseFailure extends RuntimeException {
        DatabaseFailure(SQLException cause) {
            super(cause);
        }

        SQLException sqlException() {
            return (SQLException) getCause();
        }
    }

    /**
     * Skip: new addresses are inserted, the others left alone. Parameters: the run's
     * {@code imported_at}, then the seven columns as text arrays.
     */
    static final String INSERT_SKIP = """
            INSERT INTO users (id, email, email_key, name, password_hash, email_verified, created_at, imported_at)
            SELECT t.id::uuid, t.email, t.email_key, t.name, t.password_hash, t.email_verified::boolean,
                   t.created_at::timestamptz, ?::timestamptz
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
              AS t(id, email, email_key, name, password_hash, email_verified, created_at)
            ON CONFLICT (email_key) DO NOTHING
            RETURNING email_key""";

    /**
     * Update: new addresses are inserted; an existing account not yet written by this run gets
     * the line's name and hash, becomes verified if the line says so (verification is never
     * taken back), and is marked; its id, address as typed and creation date are kept.
     * {@code before} holds the conflicting rows as they were (the statement's snapshot), to
     * tell a change from a rewrite of the same values, and an account an import wrote from one
     * signed up here ({@code claimed}: {@code imported_at} was NULL). A conflicting row the
     * snapshot does not show as it is (committed meanwhile, or deleted and signed up again) is
     * claimed too: ending sessions an import wrote costs a sign-in, keeping a squatter's costs
     * the account. Parameters: the seven columns as text arrays, then the run's
     * {@code imported_at}.
     */
    static final String INSERT_UPDATE = """
            WITH input AS (
              SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS t(id, email, email_key, name, password_hash, email_verified, created_at)
            ),
            before AS (
              SELECT b.id, b.email_key, b.name, b.password_hash, b.email_verified, b.imported_at FROM users b
              WHERE b.email_key IN (SELECT email_key FROM input)
            ),
            written AS (
              INSERT INTO users AS u (id, email, email_key, name, password_hash, email_verified, created_at, imported_at)
              SELECT i.id::uuid, i.email, i.email_key, i.name, i.password_hash, i.email_verified::boolean,
                     i.created_at::timestamptz, ?::timestamptz
              FROM input i
              ON CONFLICT (email_key) DO UPDATE SET name = EXCLUDED.name, password_hash = EXCLUDED.password_hash,
                email_verified = u.email_verified OR EXCLUDED.email_verified, imported_at = EXCLUDED.imported_at
              WHERE u.imported_at IS DISTINCT FROM EXCLUDED.imported_at
              RETURNING u.id, u.email_key, u.name, u.password_hash, u.email_verified
            )
            SELECT w.email_key, w.id = i.id::uuid AS inserted,
                   b.email_key IS NOT NULL AND (b.name, b.password_hash, b.email_verified)
                     IS NOT DISTINCT FROM (w.name, w.password_hash, w.email_verified) AS unchanged,
                   w.id <> i.id::uuid AND (b.id IS DISTINCT FROM w.id OR b.imported_at IS NULL) AS claimed, w.id
            FROM written w JOIN input i ON i.email_key = w.email_key LEFT JOIN before b ON b.email_key = w.email_key""";

    /**
     * The accounts an update claimed (parameter: their ids), in the upsert's transaction and
     * after it, so that it sees every session committed before the upsert locked the row; a
     * sign-in after it checks the line's hash, not the squatter's password. Live sessions are
     * revoked (each refresh token with its session; the sealed copy of the current one, kept
     * for the reuse grace window, is erased); every code of the account goes (its address's,
     * a reset's, an address change's); and mail not yet sent nor dropped, to the account's
     * address or to the address a change was waiting to confirm, is deleted; and the squatter's
     * second factor goes (its authenticator, pending or not, its recovery codes and its open
     * second steps), else the owner would sign in to an account whose second step the squatter
     * holds. One row per account with what went. Rate-limit counters are left as they are: they count for the
     * mailbox, which has not changed hands.
     */
    static final String END_CLAIMED = """
            WITH claimed AS (
              SELECT id, email FROM users WHERE id = ANY (?::uuid[])
            ),
            revoked AS (
              UPDATE sessions s SET revoked_at = now(), revoke_reason = 'claimed_by_import'
              FROM claimed c WHERE s.user_id = c.id AND s.revoked_at IS NULL
              RETURNING s.id, s.user_id
            ),
            unsealed AS (
              UPDATE refresh_tokens t SET token_sealed = NULL
              FROM revoked r WHERE t.session_id = r.id AND t.token_sealed IS NOT NULL
            ),
            codes AS (
              DELETE FROM verification_codes v USING claimed c WHERE v.user_id = c.id
              RETURNING v.user_id, v.new_email
            ),
            recipients AS (
              SELECT id AS user_id, lower(email) AS recipient FROM claimed
              UNION SELECT user_id, lower(new_email) FROM codes WHERE new_email IS NOT NULL
            ),
            mails AS (
              DELETE FROM mail_outbox m USING recipients r
              WHERE lower(m.recipient) = r.recipient AND m.sent_at IS NULL AND m.dropped_at IS NULL
              RETURNING r.user_id
            ),
            factors AS (
              DELETE FROM totp_factors f USING claimed c WHERE f.user_id = c.id
              RETURNING f.user_id
            ),
            recovery AS (
              DELETE FROM recovery_codes r USING claimed c WHERE r.user_id = c.id
            ),
            challenges AS (
              DELETE FROM mfa_challenges m USING claimed c WHERE m.user_id = c.id
            )
            SELECT c.id,
                   (SELECT count(*) FROM revoked r WHERE r.user_id = c.id),
                   (SELECT count(*) FROM codes d WHERE d.user_id = c.id),
                   (SELECT count(*) FROM mails m WHERE m.user_id = c.id),
                   (SELECT count(*) FROM factors f WHERE f.user_id = c.id)
            FROM claimed c""";

    static final String MARKED_BY_THIS_RUN = "SELECT email_key FROM users WHERE email_key = ANY (?::text[]) AND imported_at = ?";

    /** Tries of a batch that loses a deadlock or a serialization check. */
    static final int ATTEMPTS = 3;

    private final DataSource dataSource;
    private final OnConflict onConflict;
    private final OffsetDateTime marker;

    /** {@code marker}: the run's {@code imported_at}, to the microsecond. */
    UserWriter(DataSource dataSource, OnConflict onConflict, Instant marker) {
        this.dataSource = dataSource;
        this.onConflict = onConflict;
        this.marker = OffsetDateTime.ofInstant(marker, ZoneOffset.UTC);
    }

    /**
     * The outcome of each user, in order, committed. A row the database refuses for its data
     * (SQLSTATE classes 22 and 23, which validation should make impossible) does not sink its
     * batch: the batch is retried one row per transaction and that row alone is refused. A
     * batch that loses a deadlock (or a serialization check) was rolled back whole, and is
     * tried again, {@link #ATTEMPTS} times in all.
     *
     * @throws DatabaseFailure when the database fails otherwise; nothing of the batch is kept
     */
    Written[] write(List<ImportedUser> users) {
        for (int attempt = 1;; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> inTransaction(users));
            } catch (RuntimeException e) {
                SQLException sql = sqlCause(e);
                if (sql == null) {
                    throw e;
                }
                if (attempt < ATTEMPTS && isTransactionRollback(sql)) {
                    continue; // a deadlock with a request on a claimed account: nothing was kept, so again
                }
                return refusedOrFailed(users, sql);
            }
        }
    }

    /** A batch the database refused: a row's data refused alone, row by row; anything else stops the import. */
    private Written[] refusedOrFailed(List<ImportedUser> users, SQLException sql) {
        if (!isDataError(sql) || users.size() == 1) {
            if (isDataError(sql)) {
                return new Written[] { Written.refused("the database refused it: " + describe(sql)) };
            }
            throw new DatabaseFailure(sql);
        }
        Written[] outcomes = new Written[users.size()];
        for (int i = 0; i < users.size(); i++) {
            outcomes[i] = write(List.of(users.get(i)))[0];
        }
        return outcomes;
    }

    private Written[] inTransaction(List<ImportedUser> users) {
        try (Connection connection = dataSource.getConnection()) {
            return onConflict == OnConflict.SKIP ? skip(connection, users) : update(connection, users);
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }

    private Written[] skip(Connection connection, List<ImportedUser> users) throws SQLException {
        Set<String> inserted = new HashSet<>(users.size() * 2);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_SKIP)) {
            insert.setObject(1, marker);
            bind(connection, insert, users, 2);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    inserted.add(rows.getString(1));
                }
            }
        }
        Written[] outcomes = new Written[users.size()];
        if (inserted.size() == users.size()) {
            Arrays.fill(outcomes, Written.IMPORTED);
            return outcomes;
        }
        Set<String> duplicates = markedByThisRun(connection, users, inserted);
        for (int i = 0; i < users.size(); i++) {
            String key = users.get(i).emailKey();
            outcomes[i] = inserted.contains(key) ? Written.IMPORTED : duplicates.contains(key) ? Written.DUPLICATE : Written.SKIPPED;
        }
        return outcomes;
    }

    private Written[] update(Connection connection, List<ImportedUser> users) throws SQLException {
        Map<String, Written> written = new HashMap<>(users.size() * 2);
        Map<String, UUID> claimedIds = new HashMap<>();
        try (PreparedStatement insert = connection.prepareStatement(INSERT_UPDATE)) {
            bind(connection, insert, users, 1);
            insert.setObject(8, marker);
            try (ResultSet rows = insert.executeQuery()) {
                while (rows.next()) {
                    String key = rows.getString(1);
                    if (rows.getBoolean(4)) {
                        claimedIds.put(key, rows.getObject(5, UUID.class));
                    }
                    written.put(key, rows.getBoolean(2) ? Written.IMPORTED : rows.getBoolean(3) ? Written.UNCHANGED : Written.UPDATED);
                }
            }
        }
        if (!claimedIds.isEmpty()) {
            Map<UUID, Claimed> ended = endClaimed(connection, claimedIds.values());
            // A claimed account has changed hands, whatever its columns say: updated.
            claimedIds.forEach((key, id) -> written.put(key,
                    new Written(Outcome.UPDATED, null, ended.getOrDefault(id, new Claimed(id, 0, 0, 0, 0)))));
        }
        Written[] outcomes = new Written[users.size()];
        for (int i = 0; i < users.size(); i++) {
            // Not written: the row was already written by this run, for an earlier line.
            outcomes[i] = written.getOrDefault(users.get(i).emailKey(), Written.DUPLICATE);
        }
        return outcomes;
    }

    private static Map<UUID, Claimed> endClaimed(Connection connection, Collection<UUID> ids) throws SQLException {
        Map<UUID, Claimed> ended = new HashMap<>(ids.size() * 2);
        try (PreparedStatement end = connection.prepareStatement(END_CLAIMED)) {
            end.setArray(1, connection.createArrayOf("uuid", ids.toArray()));
            try (ResultSet rows = end.executeQuery()) {
                while (rows.next()) {
                    UUID id = rows.getObject(1, UUID.class);
                    ended.put(id, new Claimed(id, rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getLong(5)));
                }
            }
        }
        return ended;
    }

    private Set<String> markedByThisRun(Connection connection, List<ImportedUser> users, Set<String> inserted) throws SQLException {
        String[] conflicting = users.stream().map(ImportedUser::emailKey).filter(k -> !inserted.contains(k)).toArray(String[]::new);
        Set<String> marked = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(MARKED_BY_THIS_RUN)) {
            select.setArray(1, connection.createArrayOf("text", conflicting));
            select.setObject(2, marker);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    marked.add(rows.getString(1));
                }
            }
        }
        return marked;
    }

    /** The seven columns as text arrays, from parameter {@code first} on. */
    private static void bind(Connection connection, PreparedStatement statement, List<ImportedUser> users, int first)
            throws SQLException {
        int n = users.size();
        String[] ids = new String[n];
        String[] emails = new String[n];
        String[] keys = new String[n];
        String[] names = new String[n];
        String[] hashes = new String[n];
        String[] verified = new String[n];
        String[] created = new String[n];
        for (int i = 0; i < n; i++) {
            ImportedUser user = users.get(i);
            ids[i] = user.id().toString();
            emails[i] = user.email();
            keys[i] = user.emailKey();
            names[i] = user.name();
            hashes[i] = user.passwordHash();
            verified[i] = user.emailVerified() ? "t" : "f";
            created[i] = user.createdAt().toString();
        }
        String[][] columns = { ids, emails, keys, names, hashes, verified, created };
        for (int c = 0; c < columns.length; c++) {
            statement.setArray(first + c, connection.createArrayOf("text", columns[c]));
        }
    }

    static SQLException sqlCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /**
     * Serialization failures and deadlocks (SQLSTATE class 40): the transaction was rolled back
     * whole and may simply be run again. (The upsert locks a claimed account's row, then its
     * sessions and codes; a request on that account may hold one and wait for the other.)
     */
    private static boolean isTransactionRollback(SQLException e) {
        String state = e.getSQLState();
        return state != null && state.startsWith("40");
    }

    /** Data exceptions and integrity violations: something about a row, not about the database. */
    private static boolean isDataError(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("22") || state.startsWith("23"));
    }

    /**
     * The server's primary message and SQLSTATE, without its detail (which may quote the row,
     * hash and all); for a failure on our side (no connection), the driver's message.
     */
    static String describe(SQLException e) {
        String message = e instanceof PSQLException psql && psql.getServerErrorMessage() != null
                ? psql.getServerErrorMessage().getMessage()
                : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return message + (e.getSQLState() != null ? " (SQLSTATE " + e.getSQLState() + ")" : "");
    }
}
