package ai.rememberizer.auth.flow;

import java.text.Normalizer;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.crypto.PasswordHasher;
import ai.rememberizer.auth.user.User;

/**
 * Checking a presented password against an account, the same way for every flow that asks
 * for one (sign-in, and the lifecycle endpoints that want the current password). Opens its
 * own short transaction for the lookup ({@link Transactions}); none while hashing.
 *
 * <p>Passwords are NFKC-normalised before hashing and checking (NIST SP 800-63B), so the same
 * password typed on another keyboard still works. A hash made before passwords were
 * normalised is also tried with the password as typed, and upgraded when that matches; so
 * that this costs the same whether or not the account exists, an unknown login pays as many
 * dummy verifications as a known one would.
 */
@ApplicationScoped
class Passwords {

    private final PasswordHasher hasher;

    Passwords(PasswordHasher hasher) {
        this.hasher = hasher;
    }

    /** The outcome of a check: the account when the password is its own, and the hash to store instead, if any. */
    record Checked(Optional<User> user, Optional<String> upgradedHash) {
        static Checked refused() {
            return new Checked(Optional.empty(), Optional.empty());
        }
    }

    /** The form of a password that is hashed and stored. */
    static String normalise(String typed) {
        return typed == null ? null : Normalizer.normalize(typed, Normalizer.Form.NFKC);
    }

    Checked check(String login, String typed) {
        return check(Transactions.call(() -> User.findByEmail(login)), typed);
    }

    Checked check(Optional<User> account, String typed) {
        String normalised = normalise(typed);
        boolean alsoAsTyped = !normalised.equals(typed);
        if (account.isEmpty()) {
            hasher.verifyDummy(normalised);
            if (alsoAsTyped) {
                hasher.verifyDummy(typed);
            }
            return Checked.refused();
        }
        String stored = account.get().passwordHash;
        if (hasher.verify(normalised, stored)) {
            return new Checked(account, Optional.ofNullable(hasher.needsRehash(stored) ? hasher.hash(normalised) : null));
        }
        if (alsoAsTyped && hasher.verify(typed, stored)) {
            return new Checked(account, Optional.of(hasher.hash(normalised)));
        }
        return Checked.refused();
    }

    /** The stored form of a new password. */
    String hash(String normalised) {
        return hasher.hash(normalised);
    }
}
