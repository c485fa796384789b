package ai.rememberizer.auth.user;

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

    @Id
    public UUID id;

    /** The address as the user typed it, trimmed. */
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

    /** The unique key of an address: trimmed, in lower case. */
    public static String keyOf(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }

    public static Optional<User> findByEmail(String email) {
        return find("emailKey", keyOf(email)).firstResultOptional();
    }
}
