package ai.rememberizer.auth.user;

import java.text.Normalizer;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An account. Addresses are unique without regard to case through {@link #emailKey}. */
@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {

    /** The unique constraint on {@link #emailKey}: a violation of it, and only of it, means the address is taken. */
    public static final String EMAIL_KEY_UNIQUE = "users_email_key_unique";

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

    public static Optional<User> findByEmail(String email) {
        return find("emailKey", keyOf(email)).firstResultOptional();
    }
}
