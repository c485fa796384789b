package ai.rememberizer.auth.verification;

import java.time.Instant;

/**
 * What trying a reset code costs beyond the attempts of the trying client's own entry, spent
 * before the code is checked, so that however many tries arrive at once no more are checked
 * than these allow. Kept by the reset flow (in the limits); spent here, in the entry's lock.
 */
public interface ResetTries {

    /**
     * Spends one try of the trying client; returns how many it has left after this one (what it
     * may be told), or throws {@code too_many_attempts} when it had none left.
     */
    int spend();

    /**
     * Spends one of the tries the code of entry {@code codeKey}, issued at {@code issuedAt}, takes
     * from clients other than the one that asked for it; {@code false} when it has none left.
     */
    boolean spendForeign(String codeKey, Instant issuedAt);
}
