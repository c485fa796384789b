package ai.rememberizer.auth.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import java.util.function.Consumer;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.bouncycastle.util.encoders.Hex;

import ai.rememberizer.auth.crypto.LegacyHashes.Format;

/**
 * One imported password hash, parsed strictly: {@link #parse} answers {@code null} for
 * anything that is not exactly one of the {@link Format}s with costs within
 * {@link LegacyHashes}' caps (and says which cap, when it is only that). {@link #matches} runs
 * the whole key derivation on the calling thread ({@link LegacyHashes} calls it on the hashing
 * pool, after reserving its {@link #memoryKib}).
 */
sealed interface ImportedHash {

    /** No stored value is longer (Django's column holds 128 characters). */
    int MAX_STORED_LENGTH = 256;

    Format format();

    /** The memory a check holds while it runs, in KiB, beyond a few of scratch: Argon2's {@code m}, else none. */
    default int memoryKib() {
        return 0;
    }

    /**
     * Whether {@code password} matches, with the semantics of the system that made the hash.
     * {@code utf8} is the password's UTF-8 encoding (unpaired surrogates replaced, which
     * {@link LegacyHashes} refuses on its own); neither argument is kept or changed.
     */
    boolean matches(String password, byte[] utf8);

    /** The parsed value, or {@code null} if it is not one of the formats (or over a cap). */
    static ImportedHash parse(String stored) {
        return parse(stored, reason -> {
        });
    }

    /**
     * The parsed value, or {@code null}; when the value is well-formed but over a cap,
     * {@code overCap} is told which cap and by how much (it quotes costs, never salt or hash).
     */
    static ImportedHash parse(String stored, Consumer<String> overCap) {
        if (stored == null || stored.isEmpty() || stored.length() > MAX_STORED_LENGTH) {
            return null;
        }
        try {
            if (stored.startsWith("pbkdf2_sha256$")) {
                return Pbkdf2.parse(Format.DJANGO_PBKDF2_SHA256, stored, overCap);
            }
            if (stored.startsWith("pbkdf2_sha1$")) {
                return Pbkdf2.parse(Format.DJANGO_PBKDF2_SHA1, stored, overCap);
            }
            if (stored.startsWith("argon2$")) {
                return Argon2.parseDjango(stored.substring("argon2$".length()), overCap);
            }
            if (stored.startsWith("$argon2id$")) {
                return Argon2.parseOurs(stored, overCap);
            }
            if (stored.startsWith("bcrypt_sha256$")) {
                return Bcrypt.parse(Format.DJANGO_BCRYPT_SHA256, stored.substring("bcrypt_sha256$".length()), overCap);
            }
            if (stored.startsWith("bcrypt$")) {
                return Bcrypt.parse(Format.DJANGO_BCRYPT, stored.substring("bcrypt$".length()), overCap);
            }
            if (stored.startsWith("$2")) {
                return Bcrypt.parse(Format.BCRYPT, stored, overCap);
            }
            return null;
        } catch (RuntimeException e) {
            return null; // a number or encoding that the patterns let through but Java refuses
        }
    }

    /**
     * Django's PBKDF2 hashers: {@code <algorithm>$<iterations>$<salt>$<base64(hash)>}, where the
     * salt is used as its own text (UTF-8), not decoded, and the hash is the digest's full
     * length in padded standard Base64.
     */
    record Pbkdf2(Format format, int iterations, String salt, byte[] hash) implements ImportedHash {

        private static final Pattern ITERATIONS = Pattern.compile("[1-9][0-9]{0,8}");
        /** Printable ASCII but '$' (Django's salts are letters and digits). */
        private static final Pattern SALT = Pattern.compile("[\\x21-\\x23\\x25-\\x7e]{1,64}");

        static Pbkdf2 parse(Format format, String stored, Consumer<String> overCap) {
            String[] parts = stored.split("\\$", -1);
            if (parts.length != 4 || !ITERATIONS.matcher(parts[1]).matches() || !SALT.matcher(parts[2]).matches()) {
                return null;
            }
            int iterations = Integer.parseInt(parts[1]);
            if (iterations > LegacyHashes.MAX_PBKDF2_ITERATIONS) {
                overCap.accept(String.format("has %,d PBKDF2 iterations, over the cap of %,d", iterations,
                        LegacyHashes.MAX_PBKDF2_ITERATIONS));
                return null;
            }
            byte[] hash = Codec.padded(parts[3]);
            int length = format == Format.DJANGO_PBKDF2_SHA256 ? 32 : 20;
            if (hash == null || hash.length != length) {
                return null;
            }
            return new Pbkdf2(format, iterations, parts[2], hash);
        }

        @Override
        public boolean matches(String password, byte[] utf8) {
            boolean sha256 = format == Format.DJANGO_PBKDF2_SHA256;
            // The JDK encodes the char[] as UTF-8 (as Django does the str): checked for empty,
            // NUL, non-ASCII and astral passwords against Python's hashlib.pbkdf2_hmac.
            char[] chars = password.toCharArray();
            PBEKeySpec spec = new PBEKeySpec(chars, salt.getBytes(StandardCharsets.UTF_8), iterations, hash.length * 8);
            byte[] actual = null;
            try {
                actual = SecretKeyFactory.getInstance(sha256 ? "PBKDF2WithHmacSHA256" : "PBKDF2WithHmacSHA1")
                        .generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(actual, hash);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("PBKDF2 is missing from this JVM", e);
            } finally {
                spec.clearPassword();
                Arrays.fill(chars, '\0');
                if (actual != null) {
                    Arrays.fill(actual, (byte) 0);
                }
            }
        }
    }

    /**
     * Argon2, as Django's Argon2PasswordHasher stores it ({@code argon2$} and argon2-cffi's
     * encoded string without its leading {@code $}: {@code argon2id} or {@code argon2i},
     * {@code v=19}, {@code v=16} or no version at all, which libargon2 reads as 0x10), and as we
     * store it ({@code $argon2id$v=19$...}). Salt and hash are unpadded standard Base64.
     */
    record Argon2(Format format, Argon2Engine.Type type, int version, int memoryKib, int iterations, int parallelism,
            byte[] salt, byte[] hash) implements ImportedHash {

        /** {@code rest} is what follows Django's {@code argon2$}: a PHC string without its leading {@code $}. */
        static Argon2 parseDjango(String rest, Consumer<String> overCap) {
            PhcString phc = PhcString.parse("$" + rest).orElse(null);
            if (phc == null) {
                return null;
            }
            Argon2Engine.Type type;
            Format format;
            if ("argon2id".equals(phc.id())) {
                type = Argon2Engine.Type.ARGON2ID;
                format = Format.DJANGO_ARGON2ID;
            } else if ("argon2i".equals(phc.id())) {
                type = Argon2Engine.Type.ARGON2I;
                format = Format.DJANGO_ARGON2I;
            } else {
                return null;
            }
            // argon2-cffi before 16.0 wrote no version: libargon2 reads that as 1.0 (0x10).
            int version = phc.version().orElse(16);
            if (version != 19 && version != 16) {
                return null;
            }
            return of(format, type, version == 19 ? Argon2Engine.VERSION_13 : Argon2Engine.VERSION_10, phc, overCap);
        }

        /** Our own PHC string, as {@link Argon2idPasswordHasher} writes it. */
        static Argon2 parseOurs(String stored, Consumer<String> overCap) {
            PhcString phc = PhcString.parse(stored).orElse(null);
            if (phc == null || !"argon2id".equals(phc.id()) || phc.version().orElse(-1) != 19) {
                return null;
            }
            return of(Format.ARGON2ID, Argon2Engine.Type.ARGON2ID, Argon2Engine.VERSION_13, phc, overCap);
        }

        private static Argon2 of(Format format, Argon2Engine.Type type, int version, PhcString phc, Consumer<String> overCap) {
            if (!phc.hasParams("m", "t", "p")) {
                return null;
            }
            long memory = phc.param("m");
            long iterations = phc.param("t");
            long parallelism = phc.param("p");
            if (iterations < 1 || parallelism < 1 || memory < 8 * parallelism) {
                return null;
            }
            if (memory > LegacyHashes.MAX_ARGON2_MEMORY_KIB) {
                overCap.accept(String.format("needs %,d KiB of Argon2 memory, over the cap of %,d KiB (what the shipped"
                        + " container's heap holds beside the service)", memory, LegacyHashes.MAX_ARGON2_MEMORY_KIB));
                return null;
            }
            if (iterations > LegacyHashes.MAX_ARGON2_ITERATIONS) {
                overCap.accept(String.format("has %,d Argon2 passes, over the cap of %d", iterations,
                        LegacyHashes.MAX_ARGON2_ITERATIONS));
                return null;
            }
            if (memory * iterations > LegacyHashes.MAX_ARGON2_WORK_KIB) {
                overCap.accept(String.format("has Argon2 memory times passes of %,d KiB, over the cap of %,d KiB",
                        memory * iterations, LegacyHashes.MAX_ARGON2_WORK_KIB));
                return null;
            }
            if (parallelism > LegacyHashes.MAX_ARGON2_PARALLELISM) {
                overCap.accept(String.format("has %,d Argon2 lanes, over the cap of %d", parallelism,
                        LegacyHashes.MAX_ARGON2_PARALLELISM));
                return null;
            }
            byte[] salt = phc.salt();
            byte[] hash = phc.hash();
            if (salt.length < 8 || salt.length > 64 || hash.length < 16 || hash.length > 64) {
                return null;
            }
            return new Argon2(format, type, version, (int) memory, (int) iterations, (int) parallelism, salt, hash);
        }

        @Override
        public boolean matches(String password, byte[] utf8) {
            // An engine of its own that keeps nothing: the m KiB is one array, dropped after the
            // check (Bouncy Castle's generator would allocate m objects of 1 KiB, a few percent more).
            byte[] actual = new Argon2Engine(0).hash(type, version, memoryKib, iterations, parallelism, utf8, salt, null,
                    null, hash.length);
            try {
                return MessageDigest.isEqual(actual, hash);
            } finally {
                Arrays.fill(actual, (byte) 0);
            }
        }
    }

    /**
     * bcrypt in modular crypt form ({@code $2a$}, {@code $2b$} or {@code $2y$}, two-digit cost,
     * 22 characters of salt and 31 of hash in bcrypt's alphabet), alone or after Django's
     * {@code bcrypt$} (bcrypt of the password) or {@code bcrypt_sha256$} (bcrypt of the
     * lower-case hex SHA-256 of the password). Semantics of Python's bcrypt 3.2, which made
     * them: a password with a NUL byte never matches (it raises there), and only the first 72
     * bytes of the password count.
     */
    record Bcrypt(Format format, int cost, String modularCrypt) implements ImportedHash {

        static final int MAX_PASSWORD_BYTES = 72;
        private static final String ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private static final Pattern MODULAR_CRYPT = Pattern.compile("\\$2[aby]\\$([0-9]{2})\\$([./A-Za-z0-9]{22})([./A-Za-z0-9]{31})");

        static Bcrypt parse(Format format, String modularCrypt, Consumer<String> overCap) {
            Matcher m = MODULAR_CRYPT.matcher(modularCrypt);
            if (!m.matches()) {
                return null;
            }
            int cost = Integer.parseInt(m.group(1));
            if (cost < LegacyHashes.MIN_BCRYPT_COST) {
                return null;
            }
            if (cost > LegacyHashes.MAX_BCRYPT_COST) {
                overCap.accept("has bcrypt cost " + cost + ", over the cap of " + LegacyHashes.MAX_BCRYPT_COST);
                return null;
            }
            // The salt is 16 bytes in 22 characters and the hash 23 bytes in 31: the unused low
            // bits of the last character are zero in every bcrypt that an implementation wrote.
            if (ALPHABET.indexOf(m.group(2).charAt(21)) % 16 != 0 || ALPHABET.indexOf(m.group(3).charAt(30)) % 4 != 0) {
                return null;
            }
            return new Bcrypt(format, cost, modularCrypt);
        }

        @Override
        public boolean matches(String password, byte[] utf8) {
            byte[] key;
            boolean usable = true;
            if (format == Format.DJANGO_BCRYPT_SHA256) {
                byte[] digest = Sha256.of(utf8);
                key = Hex.encode(digest); // 64 lower-case hex digits, as binascii.hexlify
                Arrays.fill(digest, (byte) 0);
            } else {
                for (byte b : utf8) {
                    usable &= b != 0;
                }
                key = Arrays.copyOf(utf8, Math.min(utf8.length, MAX_PASSWORD_BYTES));
            }
            try {
                // Bouncy Castle compares the whole string in constant time.
                return OpenBSDBCrypt.checkPassword(modularCrypt, key) & usable;
            } finally {
                Arrays.fill(key, (byte) 0);
            }
        }
    }

    /**
     * Padded Base64 (PBKDF2's hash) that must be canonical: what decodes is what an encoder
     * would have written. PHC's unpadded kind is {@link PhcString}'s.
     */
    final class Codec {
        private static final Pattern PADDED = Pattern.compile("(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?");

        private Codec() {
        }

        static byte[] padded(String text) {
            if (text.isEmpty() || !PADDED.matcher(text).matches()) {
                return null;
            }
            byte[] bytes = Base64.getDecoder().decode(text);
            return Base64.getEncoder().encodeToString(bytes).equals(text) ? bytes : null;
        }
    }
}
