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
 *
 * <p>A hash imported with its user from another application ({@code import-users}) is
 * checked as that application checked it: the password as typed, no normalisation. The
 * first success replaces it by an Argon2id hash of the normalised password. A failed check
 * lasts at least as long as a failed check against the dearest hash still stored
 * ({@link FailedCheckFloor}), so that timing tells neither the hash nor the account.
 */
@ApplicationScoped
class Passwords {

    private final PasswordHasher hasher;
    private final StoredHashes stored;
    private final FailedCheckFloor floor;

    Passwords(PasswordHasher hasher, StoredHashes stored, FailedCheckFloor floor) {
        this.hasher = hasher;
        this.stored = stored;
        this.floor = floor;
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
        long start = System.nanoTime();
        String normalised = normalise(typed);
        boolean alsoAsTyped = !normalised.equals(typed);
        Checked checked = check(account, typed, normalised, alsoAsTyped);
        if (checked.user().isEmpty()) {
            floor.waitOut(start, alsoAsTyped ? 2 : 1);
        }
        return checked;
    }

    private Checked check(Optional<User> account, String typed, String normalised, boolean alsoAsTyped) {
        if (account.isEmpty()) {
            hasher.verifyDummy(normalised);
            if (alsoAsTyped) {
                hasher.verifyDummy(typed);
            }
            return Checked.refused();
        }
        String hash = account.get().passwordHash;
        if (!StoredHashes.isOurs(hash)) {
            // Imported: as typed, as the application that made it checked it; then ours.
            return stored.matches(typed, hash) ? new Checked(account, Optional.of(hasher.hash(normalised))) : Checked.refused();
        }
        if (hasher.verify(normalised, hash)) {
            return new Checked(account, Optional.ofNullable(hasher.needsRehash(hash) ? hasher.hash(normalised) : null));
        }
        if (alsoAsTyped && hasher.verify(typed, hash)) {
            return new Checked(account, Optional.of(hasher.hash(normalised)));
        }
        return Checked.refused();
    }

    /** The stored form of a new password. */
    String hash(String normalised) {
        return hasher.hash(normalised);
    }
}
