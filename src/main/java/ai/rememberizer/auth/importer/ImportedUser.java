package ai.rememberizer.auth.importer;

import java.time.Instant;
import java.util.UUID;

/**
 * One line that passed every rule, as it will be stored: the address normalised and keyed as
 * sign-up does it ({@code User.normaliseEmail}, {@code User.keyOf}), the name trimmed, a hash
 * that {@code LegacyHashes.recognise} accepts. {@code id} is used only if the account is new.
 */
record ImportedUser(long line, UUID id, String email, String emailKey, String name, String passwordHash,
        boolean emailVerified, Instant createdAt) {

    @Override
    public String toString() {
        return "ImportedUser[line=" + line + ", email=" + email + "]"; // never the hash
    }
}
