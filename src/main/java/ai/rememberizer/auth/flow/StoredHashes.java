package ai.rememberizer.auth.flow;

import jakarta.enterprise.context.ApplicationScoped;

import ai.rememberizer.auth.crypto.LegacyHashes;
import ai.rememberizer.auth.crypto.PasswordHasher;

/**
 * One password against one stored hash, whatever its format: ours (Argon2id, at any
 * parameters), one imported from another application ({@link LegacyHashes}), or a value of
 * no accepted format, which matches nothing but costs what a wrong password against ours
 * costs. The password is taken as given: normalising it is the caller's business.
 */
@ApplicationScoped
class StoredHashes {

    private final PasswordHasher ours;
    private final LegacyHashes imported;

    StoredHashes(PasswordHasher ours, LegacyHashes imported) {
        this.ours = ours;
        this.imported = imported;
    }

    /** Ours: an Argon2id PHC string, whatever its parameters (also the imported ones of that form). */
    static boolean isOurs(String stored) {
        return stored != null && stored.startsWith("$argon2id$");
    }

    boolean matches(String password, String stored) {
        if (isOurs(stored)) {
            return ours.verify(password, stored);
        }
        if (LegacyHashes.recognise(stored).isEmpty()) {
            ours.verifyDummy(password);
            return false;
        }
        return imported.verify(password, stored);
    }
}
