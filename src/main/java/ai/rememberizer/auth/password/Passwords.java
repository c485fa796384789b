package ai.rememberizer.auth.password;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.crypto.PasswordHasher;
import ai.rememberizer.auth.user.User;

/**
 * Checking a presented password against an account, the same way for every flow that asks
 * for one (sign-in, and the lifecycle endpoints that want the current password). The caller
 * looks the account up (in a transaction of its own); no transaction is open while hashing.
 *
 * <p>Passwords are NFKC-normalised before hashing and checking (NIST SP 800-63B), so the same
 * password typed on another keyboard still works. A hash made before passwords were
 * normalised is also tried with the password as typed, and upgraded when that matches; so
 * that this takes as long whether or not the account exists, an unknown login is owed the
 * floor once per verification a known one would run, but pays one dummy verification only and
 * waits for the rest ({@link FailedCheckFloor}): no failed check of another login costs the
 * pool more than one of our hashes.
 *
 * <p>A hash imported with its user from another application ({@code import-users}) is
 * checked as that application checked it: the password as typed, no normalisation. The
 * first success replaces it by an Argon2id hash of the normalised password. A failed check
 * answers no sooner than a failed check against the dearest kind of hash still stored
 * ({@link FailedCheckFloor}), so that timing tells neither the hash nor the account; the
 * difference is a wait ({@link FailedCheckWait}), never more hashing.
 */
@ApplicationScoped
public class Passwords {

    private final PasswordHasher hasher;
    private final StoredHashes stored;
    private final FailedCheckFloor floor;

    Passwords(PasswordHasher hasher, StoredHashes stored, FailedCheckFloor floor) {
        this.hasher = hasher;
        this.stored = stored;
        this.floor = floor;
    }

    /**
     * The outcome of a check: the account when the password is its own, the stored hash it
     * matched (a write that follows must find it unchanged: a reset or a change may have won
     * the race), and the hash to store instead, if any.
     */
    public record Checked(Optional<User> user, String matchedHash, Optional<String> upgradedHash) {
        static Checked refused() {
            return new Checked(Optional.empty(), null, Optional.empty());
        }

        static Checked matched(User user, String hash, String upgraded) {
            return new Checked(Optional.of(user), hash, Optional.ofNullable(upgraded));
        }
    }

    /** The form of a password that is hashed and stored. */
    public static String normalise(String typed) {
        return typed == null ? null : Normalizer.normalize(typed, Normalizer.Form.NFKC);
    }

    public Checked check(Optional<User> account, String typed) {
        String normalised = normalise(typed);
        boolean alsoAsTyped = !normalised.equals(typed);
        List<String> kindsChecked = new ArrayList<>(2);
        long poolTimeBefore = floor.poolTime();
        Checked checked = check(account, typed, normalised, alsoAsTyped, kindsChecked);
        if (checked.user().isEmpty()) {
            floor.makeUp(poolTimeBefore, kindsChecked, alsoAsTyped ? 2 : 1);
        }
        return checked;
    }

    private Checked check(Optional<User> account, String typed, String normalised, boolean alsoAsTyped, List<String> kindsChecked) {
        if (account.isEmpty()) {
            // One dummy, even when a known account would be tried twice: the floor's wait,
            // owed once per check a known one would run, makes up the second.
            hasher.verifyDummy(normalised);
            kindsChecked.add(StoredHashes.DUMMY);
            return Checked.refused();
        }
        User user = account.get();
        String hash = user.passwordHash;
        String kind = StoredHashes.kindOf(hash);
        kindsChecked.add(kind);
        if (!StoredHashes.isOurs(hash)) {
            // Imported: as typed, as the application that made it checked it; then ours.
            return stored.matches(typed, hash) ? Checked.matched(user, hash, hasher.hash(normalised)) : Checked.refused();
        }
        if (hasher.verify(normalised, hash)) {
            return Checked.matched(user, hash, hasher.needsRehash(hash) ? hasher.hash(normalised) : null);
        }
        if (alsoAsTyped) {
            kindsChecked.add(kind);
            if (hasher.verify(typed, hash)) {
                return Checked.matched(user, hash, hasher.hash(normalised));
            }
        }
        return Checked.refused();
    }

    /** The stored form of a new password. */
    public String hash(String normalised) {
        return hasher.hash(normalised);
    }
}
