package ai.rememberizer.auth.crypto;

/** Password hashing with self-describing stored values (PHC strings). */
public interface PasswordHasher {

    /** Hashes a password with the current parameters and a fresh salt. */
    String hash(String password);

    /** Whether the password matches the stored value, read with the stored value's own parameters. */
    boolean verify(String password, String stored);

    /**
     * Spends the same time as a {@link #verify} that fails, for a login that does not exist,
     * so the answer's timing does not tell whether an account exists.
     */
    void verifyDummy(String password);

    /** Whether the stored value was made with other parameters than the current ones. */
    boolean needsRehash(String stored);

    /** Prepares for the first request in the background (compiled code, memory); returns at once. */
    default void warmUp() {
    }
}
