package ai.rememberizer.auth.password;

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

    /** The kind of check an unknown login (or a stored value of no format) costs: a dummy of ours. */
    static final String DUMMY = "dummy";

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

    /**
     * The cost signature of a stored hash, its format and cost parameters without salt and
     * hash, exactly as SQL's {@code password_cost()} (migration V8) makes it; {@link #DUMMY}
     * for a value of no accepted format, which costs a dummy check.
     */
    static String kindOf(String stored) {
        if (stored == null) {
            return DUMMY;
        }
        if ((stored.length() > 3 && stored.startsWith("$2") && stored.charAt(3) == '$') || stored.startsWith("bcrypt$$")
                || stored.startsWith("bcrypt_sha256$$")) {
            return LegacyHashes.recognise(stored).isPresent() ? withoutLastField(stored) : DUMMY;
        }
        if ((stored.startsWith("pbkdf2_sha") && stored.indexOf('$') >= 0) || stored.startsWith("argon2$") || isOurs(stored)) {
            return isOurs(stored) || LegacyHashes.recognise(stored).isPresent() ? withoutLastField(withoutLastField(stored)) : DUMMY;
        }
        return DUMMY;
    }

    private static String withoutLastField(String value) {
        int last = value.lastIndexOf('$');
        return last < 0 ? value : value.substring(0, last);
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

    /** A check against no account: what a wrong password against ours costs. */
    void dummy(String password) {
        ours.verifyDummy(password);
    }
}
