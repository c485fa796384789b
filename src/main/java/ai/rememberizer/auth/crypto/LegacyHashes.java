package ai.rememberizer.auth.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Password hashes imported with their users from another application (Django), checked as
 * that application checked them, until the first successful sign-in replaces them by one of
 * ours ({@link PasswordHasher#needsRehash} is true for all of them but our current Argon2id).
 *
 * <p>{@link #recognise} is the gate at import: a value that is not exactly one of the
 * {@link Format}s, or whose cost is over the caps below, is refused. {@link #verify} checks a
 * password as typed (no trimming, no Unicode normalisation) on the same {@link HashingPool}
 * as our own Argon2id, and compares in constant time. Primitives are the JDK's (PBKDF2,
 * SHA-256), Bouncy Castle's (bcrypt, Blake2b) and our {@link Argon2Engine}.
 *
 * <p>The caps ({@code docs/LEGACY-HASHES.md}) always accept Django's defaults (PBKDF2-SHA256 at
 * 1,000,000 iterations, Argon2 at 100 MiB, t = 2, p = 8, bcrypt cost 12) and are set above them
 * by what they cost the service. Memory: Argon2 is the one kind that holds much, {@code m} KiB for
 * its whole run, so its memory cap, {@value #MAX_ARGON2_MEMORY_KIB} KiB, is what the shipped
 * container's heap holds beside the service and its own hashing threads ({@link
 * HashingPool#sized}, {@code src/main/docker/jvm.options}); PBKDF2 holds under 1 KiB and bcrypt
 * 4 KiB, whatever their cost. Time: a failed check of another login never costs the pool more
 * than one of ours (the floor is a wait, not work), but a check of the account itself costs
 * what it costs, and the wait that hides it is as long: at most {@value #MAX_PBKDF2_ITERATIONS}
 * PBKDF2 iterations, bcrypt cost {@value #MIN_BCRYPT_COST}&ndash;{@value #MAX_BCRYPT_COST},
 * Argon2 with at most {@value #MAX_ARGON2_ITERATIONS} passes, {@value #MAX_ARGON2_WORK_KIB} KiB
 * times passes and {@value #MAX_ARGON2_PARALLELISM} lanes: each about twice the work of Django
 * 5.2's defaults. {@code bench/java/ImportedHashCost.java} measures what each costs.
 */
public final class LegacyHashes {

    /** Twice Django 5.2's default (1,000,000; Django 6.0's is 1,200,000). */
    public static final int MAX_PBKDF2_ITERATIONS = 2_000_000;
    /** The least that bcrypt implementations accept. */
    public static final int MIN_BCRYPT_COST = 4;
    /** Twice the work of Django's default (12). */
    public static final int MAX_BCRYPT_COST = 13;
    /**
     * 128 MiB, above Django's default (100 MiB): a check holds this much heap while it runs,
     * reserved from the hashing pool's memory budget, which the shipped image's heap sizes for
     * one such check beside the pool's own threads.
     */
    public static final int MAX_ARGON2_MEMORY_KIB = 131_072;
    /** Django's default is 2. */
    public static final int MAX_ARGON2_ITERATIONS = 16;
    /** Memory times passes: twice Django's default (102,400 KiB, 2 passes). */
    public static final int MAX_ARGON2_WORK_KIB = 409_600;
    /** Django's default is 8; the lanes run one after the other. */
    public static final int MAX_ARGON2_PARALLELISM = 64;

    /** The formats accepted at import, as their stored values begin. */
    public enum Format {
        /** {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}: Django's default hasher. */
        DJANGO_PBKDF2_SHA256,
        /** {@code pbkdf2_sha1$<iterations>$<salt>$<base64 hash>}. */
        DJANGO_PBKDF2_SHA1,
        /** {@code argon2$argon2id$v=19$m=..,t=..,p=..$<salt>$<hash>}: Django 3.2 and later. */
        DJANGO_ARGON2ID,
        /**
         * {@code argon2$argon2i$v=19$m=..,t=..,p=..$<salt>$<hash>}: Django 1.10 to 3.1; also with
         * {@code v=16} or no version field (Argon2 1.0).
         */
        DJANGO_ARGON2I,
        /** {@code bcrypt_sha256$$2b$<cost>$...}: bcrypt of the hex SHA-256 of the password. */
        DJANGO_BCRYPT_SHA256,
        /** {@code bcrypt$$2b$<cost>$...}: bcrypt of the password. */
        DJANGO_BCRYPT,
        /** {@code $2a$}, {@code $2b$} or {@code $2y$}: plain bcrypt, as PHP, Node or Python store it. */
        BCRYPT,
        /** {@code $argon2id$v=19$m=..,t=..,p=..$<salt>$<hash>}: ours. */
        ARGON2ID
    }

    private final HashingPool pool;

    public LegacyHashes(HashingPool pool) {
        this.pool = Objects.requireNonNull(pool);
    }

    /** The format of {@code stored}, or empty if it is none of them, malformed or over a cap. */
    public static Optional<Format> recognise(String stored) {
        return Optional.ofNullable(ImportedHash.parse(stored)).map(ImportedHash::format);
    }

    /**
     * Why import refuses {@code stored} when the reason is a cost cap (which cap, the value's
     * cost and the cap; never its salt or hash); empty when it is accepted, or refused for its
     * form rather than its cost.
     */
    public static Optional<String> overCap(String stored) {
        String[] reason = new String[1];
        ImportedHash parsed = ImportedHash.parse(stored, why -> reason[0] = why);
        return parsed == null ? Optional.ofNullable(reason[0]) : Optional.empty();
    }

    /**
     * Whether {@code passwordAsTyped} matches {@code stored}, exactly as the application that
     * made it would have answered; false for a value that {@link #recognise} refuses, without
     * hashing. A password that is not well-formed UTF-16 (an unpaired surrogate, which Python
     * cannot encode) never matches, but costs the same time as any other wrong password.
     */
    public boolean verify(String passwordAsTyped, String stored) {
        Objects.requireNonNull(passwordAsTyped, "password");
        ImportedHash hash = ImportedHash.parse(stored);
        if (hash == null) {
            return false;
        }
        boolean wellFormed = isWellFormed(passwordAsTyped);
        byte[] utf8 = toUtf8(passwordAsTyped);
        try {
            return pool.run(hash.memoryKib(), () -> hash.matches(passwordAsTyped, utf8)) & wellFormed;
        } finally {
            Arrays.fill(utf8, (byte) 0);
        }
    }

    private static boolean isWellFormed(String s) {
        boolean ok = true;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                ok = false;
            }
        }
        return ok;
    }

    private static byte[] toUtf8(String password) {
        ByteBuffer buffer = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        if (buffer.hasArray()) {
            Arrays.fill(buffer.array(), (byte) 0);
        }
        return bytes;
    }
}
