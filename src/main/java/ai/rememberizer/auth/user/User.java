package ai.rememberizer.auth.user;

import java.text.Normalizer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An account. Addresses are unique without regard to case through {@link #emailKey}. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    /** The unique constraint on {@link #emailKey}: a violation of it, and only of it, means the address is taken. */
    public static final String EMAIL_KEY_UNIQUE = "users_email_key_unique";

    private static final String ONE_HASH_PER_COST = """
            WITH RECURSIVE costs(cost, sample) AS (
                (SELECT password_cost(password_hash), password_hash FROM users
                 WHERE password_cost(password_hash) IS NOT NULL ORDER BY password_cost(password_hash) LIMIT 1)
              UNION ALL
                SELECT next.cost, next.sample FROM costs c, LATERAL (
                    SELECT password_cost(u.password_hash) AS cost, u.password_hash AS sample FROM users u
                    WHERE password_cost(u.password_hash) > c.cost ORDER BY password_cost(u.password_hash) LIMIT 1) next)
            SELECT cost, sample FROM costs
            """;

    @Id
    public UUID id;

    /** The address as the user typed it, normalised ({@link #normaliseEmail}). */
    public String email;

    /** The address in lower case: the unique key and the sign-in lookup. */
    @Column(name = "email_key")
    public String emailKey;

    public String name;

    /** A PHC string; never leaves the service. */
    @Column(name = "password_hash")
    public String passwordHash;

    @Column(name = "email_verified")
    public boolean emailVerified;

    @Column(name = "created_at")
    public Instant createdAt;

    /** An address as typed, the way it is checked and stored: NFC, surrounding spaces removed. */
    public static String normaliseEmail(String typed) {
        return typed == null ? null : Normalizer.normalize(typed, Normalizer.Form.NFC).strip();
    }

    /**
     * The unique key of an address: normalised, in lower case. (It can be longer than the
     * address: {@code İ} lowers to two characters; the column has no length limit.)
     */
    public static String keyOf(String email) {
        return normaliseEmail(email).toLowerCase(Locale.ROOT);
    }

    /** The account, its row locked until the transaction ends: writes that depend on what was read of it go one at a time. */
    public static Optional<User> lockById(UUID id) {
        return Optional.ofNullable(findById(id, LockModeType.PESSIMISTIC_WRITE));
    }

    public static Optional<User> findByEmail(String email) {
        return find("emailKey", keyOf(email)).firstResultOptional();
    }

    /**
     * One stored hash of each cost signature (format and cost parameters, SQL's
     * {@code password_cost()}), by a loose scan of its index: one index probe per signature,
     * whatever the number of users.
     */
    public static Map<String, String> onePasswordHashPerCost() {
        Map<String, String> samples = new LinkedHashMap<>();
        List<?> rows = getEntityManager().createNativeQuery(ONE_HASH_PER_COST).getResultList();
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            samples.put((String) columns[0], (String) columns[1]);
        }
        return samples;
    }
}
